// Image fields of Kubernetes objects (containers, initContainers, ephemeralContainers, at any depth of
// a document that has apiVersion and kind: Pod, Deployment, CronJob's jobTemplate, List items, CRDs
// embedding pod specs) and of Compose files (`services.*.image`, with `platform:`), with exact ranges.
import { isMap, isScalar, isSeq, LineCounter, Node, parseAllDocuments, YAMLMap } from 'yaml';
import { ImageUse, Range } from '../types';
import { substitute } from './buildArgs';

const CONTAINER_KEYS = new Set(['containers', 'initContainers', 'ephemeralContainers']);
const MAX_DEPTH = 200;

export interface YamlAnalysis {
  uses: ImageUse[];
  kind?: 'kubernetes' | 'compose';
  /** One message when the file is not read (template, parse error, alias bomb). */
  skipped?: string;
}

function scalarString(n: unknown): string | undefined {
  return isScalar(n) && (typeof n.value === 'string' || typeof n.value === 'number') ? String(n.value) : undefined;
}

/** Only files that look like Kubernetes objects or Compose files are ours to complain about. */
function looksRelevant(text: string): boolean {
  return /^\s*(apiVersion|kind|services)\s*:/m.test(text);
}

export function analyseYaml(text: string): YamlAnalysis {
  if (!looksRelevant(text)) return { uses: [] };
  if (/\{\{[-\s]?[^}]*\}\}/.test(text)) {
    return {
      uses: [],
      skipped:
        'This looks like a Helm or Go template ({{ … }}), not YAML: its images are not checked. Scan the rendered manifests (helm template …) instead.',
    };
  }
  const lc = new LineCounter();
  let docs;
  try {
    docs = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: false, strict: false });
  } catch (e) {
    return { uses: [], skipped: `The YAML could not be read: ${(e as Error).message}` };
  }
  const list = Array.isArray(docs) ? docs : [docs];
  const range = (n: Node): Range => {
    const [s, e] = n.range ?? [0, 0];
    const a = lc.linePos(s);
    const b = lc.linePos(e);
    return { start: { line: a.line - 1, character: a.col - 1 }, end: { line: b.line - 1, character: b.col - 1 } };
  };
  const uses: ImageUse[] = [];
  let kind: YamlAnalysis['kind'];
  const errors: string[] = [];

  const containerUse = (item: YAMLMap, path: string) => {
    const imageNode = item.get('image', true) as Node | undefined;
    const image = scalarString(imageNode);
    if (!imageNode || image === undefined) return;
    const policyNode = item.get('imagePullPolicy', true) as Node | undefined;
    uses.push({
      kind: 'yaml',
      text: image,
      resolved: image.includes('$') ? undefined : image,
      range: range(imageNode),
      unresolved: image.includes('$') ? [image] : [],
      yamlPath: path,
      pullPolicy:
        policyNode && scalarString(policyNode) !== undefined
          ? { value: scalarString(policyNode) as string, range: range(policyNode) }
          : undefined,
    });
  };

  const walk = (n: unknown, depth: number, path: string) => {
    if (depth > MAX_DEPTH) return;
    if (isMap(n)) {
      for (const pair of n.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key && CONTAINER_KEYS.has(key) && isSeq(pair.value)) {
          pair.value.items.forEach((c, i) => {
            if (isMap(c)) containerUse(c, `${path}.${key}[${i}]`);
          });
        } else {
          walk(pair.value, depth + 1, key ? `${path}.${key}` : path);
        }
      }
    } else if (isSeq(n)) {
      n.items.forEach((x, i) => walk(x, depth + 1, `${path}[${i}]`));
    }
  };

  for (const doc of list) {
    if (doc.errors.length) {
      errors.push(doc.errors[0].message.split('\n')[0]);
      continue;
    }
    let contents: unknown;
    try {
      // toJS would expand aliases; walking the node tree does not, so alias bombs cost nothing here.
      contents = doc.contents;
    } catch (e) {
      errors.push((e as Error).message);
      continue;
    }
    if (!isMap(contents)) continue;
    if (contents.has('apiVersion') && contents.has('kind')) {
      kind ??= 'kubernetes';
      walk(contents, 0, String(scalarString(contents.get('kind', true)) ?? ''));
    } else if (isMap(contents.get('services', true))) {
      kind ??= 'compose';
      const services = contents.get('services', true) as unknown as YAMLMap;
      for (const pair of services.items) {
        if (!isMap(pair.value)) continue;
        const name = isScalar(pair.key) ? String(pair.key.value) : '?';
        const imageNode = pair.value.get('image', true) as Node | undefined;
        const image = scalarString(imageNode);
        if (!imageNode || image === undefined) continue;
        const platform = scalarString(pair.value.get('platform', true));
        // Compose interpolation: ${VAR:-default} gives its default; a bare $VAR comes from the environment
        const sub = substitute(image, new Map());
        const use: ImageUse = {
          kind: 'yaml',
          text: image,
          resolved: sub.unresolved.length ? undefined : sub.value,
          range: range(imageNode),
          unresolved: sub.unresolved.length ? [image] : [],
          platform,
          yamlPath: `services.${name}`,
        };
        if (sub.value !== image && !sub.unresolved.length)
          use.note = `${image} resolves to ${sub.value} when no variable is set.`;
        // with `build:`, `image:` names what the build produces, not something to pull
        if (pair.value.has('build')) {
          use.informational = true;
          use.resolved = undefined;
          use.note = `Built by this service's \`build:\` and tagged ${image}: build it for the target (docker compose build, with \`platform:\`).`;
        }
        uses.push(use);
      }
    }
  }
  if (uses.length === 0 && errors.length) return { uses, kind, skipped: `The YAML could not be read: ${errors[0]}` };
  return { uses, kind };
}
