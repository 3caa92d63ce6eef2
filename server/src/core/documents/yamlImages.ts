// Image fields of Kubernetes objects (containers, initContainers, ephemeralContainers, at any depth of
// a document that has apiVersion and kind: Pod, Deployment, CronJob's jobTemplate, List items, CRDs
// embedding pod specs) and of Compose files (`services.*.image`, with `platform:`), with exact ranges.
import { withoutStacks } from './yamlNodes';
import type { Document, Node, YAMLMap } from 'yaml';
import { isAlias, isMap, isScalar, isSeq, newLineCounter, parseAllDocuments } from './yamlLib';
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
  // [ \t], not \s: \s would span blank lines and make the scan quadratic in them
  return /^[ \t]*(apiVersion|kind|services)[ \t]*:/m.test(text);
}

export function analyseYaml(original: string): YamlAnalysis {
  // lone \r line breaks send the yaml parser into a near-endless scan; \n keeps every offset
  const text = original.includes('\r') ? original.replace(/\r(?!\n)/g, '\n') : original;
  if (!looksRelevant(text)) return { uses: [] };
  if (hasTemplateMarkers(text)) {
    return {
      uses: [],
      skipped:
        'A Helm or Go template ({{ … }}), not YAML, so its images are not checked: scan the output of helm template. Its {{ … }} markers are filled in only when the chart is rendered.',
    };
  }
  const lc = newLineCounter();
  let docs;
  try {
    // prettyErrors off: the library's excerpt of the failing line is quadratic in a long run of line breaks
    docs = withoutStacks(() =>
      parseAllDocuments(text, { lineCounter: lc, uniqueKeys: false, strict: false, prettyErrors: false }),
    );
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
  let doc: Document.Parsed | undefined;
  const seen = new Set<string>();
  const push = (u: ImageUse) => {
    // a value shared through an anchor is one use, however many services merge it
    const key = `${u.range.start.line}:${u.range.start.character}:${u.platform ?? ''}:${u.yamlPath?.split('.')[0]}`;
    if (u.resolved !== undefined && seen.has(key)) return;
    seen.add(key);
    uses.push(u);
  };
  /** An alias resolved to its anchored node (bounded: aliases of aliases are followed a few times). */
  const deref = (n: unknown): unknown => {
    for (let i = 0; i < 8 && isAlias(n) && doc; i++) n = n.resolve(doc);
    return isAlias(n) ? undefined : n;
  };
  /** A map's value for a key, with YAML merge keys (`<<: *base`, `<<: [*a, *b]`) followed. */
  const lookup = (m: YAMLMap, key: string, depth = 0): unknown => {
    if (m.has(key)) return m.get(key, true);
    if (depth > 8) return undefined;
    const merge = deref(m.get('<<', true));
    const sources = isSeq(merge) ? merge.items.map(deref) : [merge];
    for (const s of sources) {
      if (!isMap(s)) continue;
      const v = lookup(s, key, depth + 1);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const unreadable = (node: unknown, where: string, what: string): ImageUse => ({
    kind: 'yaml',
    text: '',
    range: range((node as Node | undefined)?.range ? (node as Node) : ({ range: [0, 0, 0] } as unknown as Node)),
    unresolved: [],
    yamlPath: where,
    problem: `${where}: ${what}.`,
  });

  const containerUse = (item: YAMLMap, path: string) => {
    const raw = lookup(item, 'image');
    const imageNode = deref(raw) as Node | undefined;
    const image = scalarString(imageNode);
    if (!imageNode || image === undefined) {
      const why = raw === undefined ? 'this container names no image' : 'its image is not a plain string';
      push(unreadable(imageNode ?? item, path, why));
      return;
    }
    const policyNode = deref(lookup(item, 'imagePullPolicy')) as Node | undefined;
    push({
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
        const value = deref(pair.value);
        if (key && CONTAINER_KEYS.has(key) && isSeq(value)) {
          value.items.forEach((c, i) => {
            const item = deref(c);
            if (isMap(item)) containerUse(item, `${path}.${key}[${i}]`);
            else push(unreadable(item ?? c, `${path}.${key}[${i}]`, 'this container is not a mapping'));
          });
        } else {
          walk(value, depth + 1, key ? `${path}.${key}` : path);
        }
      }
    } else if (isSeq(n)) {
      n.items.forEach((x, i) => walk(x, depth + 1, `${path}[${i}]`));
    }
  };

  for (const [index, d] of list.entries()) {
    doc = d;
    if (doc.errors.length) {
      const e = doc.errors[0];
      const at = e.pos?.[0] >= 0 ? ` at line ${lc.linePos(e.pos[0]).line}` : '';
      errors.push(`${list.length > 1 ? `document ${index + 1}: ` : ''}${e.message.split('\n')[0]}${at}`);
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
        const name = isScalar(pair.key) ? String(pair.key.value) : '?';
        const service = deref(pair.value);
        if (!isMap(service)) {
          if (service !== null && !(isScalar(service) && service.value === null))
            push(unreadable(pair.value ?? pair.key, `services.${name}`, 'the service is not a mapping'));
          continue;
        }
        const raw = lookup(service, 'image');
        const imageNode = deref(raw) as Node | undefined;
        const image = scalarString(imageNode);
        if (!imageNode || image === undefined) {
          // a service with build: and no image: is named by Compose itself; anything else is said
          if (raw !== undefined || lookup(service, 'build') === undefined) {
            const why =
              raw === undefined ? 'the service has neither image: nor build:' : 'its image: is not a plain string';
            push(unreadable(imageNode ?? service, `services.${name}`, why));
          }
          continue;
        }
        const platformNode = deref(lookup(service, 'platform'));
        const platform = scalarString(platformNode);
        // Compose interpolation: ${VAR:-default} gives its default; a bare $VAR comes from the environment
        const sub = substitute(image, new Map());
        const use: ImageUse = {
          kind: 'yaml',
          text: image,
          resolved: sub.unresolved.length ? undefined : sub.value,
          range: range(imageNode),
          unresolved: sub.unresolved.length ? [image] : [],
          platform,
          // the same warning as FROM --platform: a pinned service is checked (and run) for that platform
          ...(platform && isScalar(platformNode)
            ? { platformFlag: { value: platform, range: range(platformNode) } }
            : {}),
          yamlPath: `services.${name}`,
        };
        if (sub.value !== image && !sub.unresolved.length)
          use.note = `${image} resolves to ${sub.value} when no variable is set.`;
        // with `build:`, `image:` names what the build produces, not something to pull
        if (lookup(service, 'build') !== undefined) {
          use.informational = true;
          use.resolved = undefined;
          use.note = `Built by this service's \`build:\` and tagged ${image}: build it for the target (docker compose build, with \`platform:\`).`;
        }
        if (raw !== imageNode || !service.has('image'))
          use.note = `${use.note ? use.note + ' ' : ''}Taken through a YAML anchor or merge key.`;
        push(use);
      }
      // an image another service of this file builds is that build's output, not a pull
      const built = new Map(
        uses.filter((u) => u.informational && u.yamlPath?.startsWith('services.')).map((u) => [u.text, u.yamlPath]),
      );
      for (const u of uses) {
        const producer = built.get(u.text);
        if (u.informational || !producer || u.resolved === undefined) continue;
        u.informational = true;
        u.resolved = undefined;
        u.note = `Built by ${producer.replace('services.', 'service ')} of this file (its \`build:\`): build that for the target.`;
      }
    }
  }
  if (errors.length) {
    const some = uses.length ? ' (the images of the other documents are checked)' : '';
    return { uses, kind, skipped: `The YAML could not be read: ${errors[0]}; its images are not checked${some}.` };
  }
  return { uses, kind };
}

/** `{{ … }}` on one line: a Helm or Go template. Linear: one indexOf pair per line, no backtracking. */
function hasTemplateMarkers(text: string): boolean {
  let at = text.indexOf('{{');
  while (at >= 0) {
    const eol = text.indexOf('\n', at);
    const close = text.indexOf('}}', at + 2);
    if (close >= 0 && (eol < 0 || close < eol)) return true;
    at = eol < 0 ? -1 : text.indexOf('{{', eol);
  }
  return false;
}
