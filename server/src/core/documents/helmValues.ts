// Images a Helm chart's values set, in the conventions charts use: `image: "repo:tag"`, or
// `image: {registry, repository, tag, digest}` at any depth (`controller.image`, `sidecars[0].image`),
// `global.imageRegistry` / `global.image.registry` in front, a missing tag from Chart.yaml's appVersion.
// A `values-*.yaml` beside values.yaml overrides it: its keys complete the ones values.yaml wrote.
import type { Node, YAMLMap } from 'yaml';
import { isMap, isSeq } from './yamlLib';
import { ImageUse } from '../types';
import { field, nodeRange, readYamlDocument, scalarText, yamlRoot } from './yamlNodes';

const MAX_DEPTH = 64;

export interface ChartContext {
  appVersion?: string;
  /** values.yaml's text, when the file analysed is an override (values-prod.yaml). */
  baseValues?: string;
}

interface Entry {
  repository?: string;
  tag?: string;
  registry?: string;
  digest?: string;
}

export interface HelmValues {
  uses: ImageUse[];
  parseError?: string;
  note?: string;
}

/** The structured image entries of a values text, by path (for an override to complete). */
function entriesOf(root: unknown): Map<string, Entry> {
  const out = new Map<string, Entry>();
  const walk = (n: unknown, path: string, depth: number) => {
    if (depth > MAX_DEPTH) return;
    if (isMap(n)) {
      const repo = scalarText(n.get('repository', true));
      if (repo !== undefined) {
        out.set(path, {
          repository: repo,
          tag: scalarText(n.get('tag', true)),
          registry: scalarText(n.get('registry', true)),
          digest: scalarText(n.get('digest', true)),
        });
      }
      for (const p of n.items) walk(p.value, `${path}${path ? '.' : ''}${scalarText(p.key) ?? '?'}`, depth + 1);
    } else if (isSeq(n)) n.items.forEach((x, i) => walk(x, `${path}[${i}]`, depth + 1));
  };
  walk(root, '', 0);
  return out;
}

function globalRegistry(root: unknown): string | undefined {
  if (!isMap(root)) return undefined;
  const g = root.get('global', true);
  if (!isMap(g)) return undefined;
  const image = g.get('image', true);
  return (
    scalarText(g.get('imageRegistry', true)) ?? (isMap(image) ? scalarText(image.get('registry', true)) : undefined)
  );
}

export function analyseHelmValues(text: string, chart: ChartContext): HelmValues {
  const read = readYamlDocument(text);
  if ('parseError' in read) return { uses: [], parseError: read.parseError };
  const { root, lc } = read;
  // values.yaml under an override file: read once, for its entries and its global registry
  const baseRoot = chart.baseValues !== undefined ? yamlRoot(chart.baseValues) : undefined;
  const base = entriesOf(baseRoot);
  const registryAll = globalRegistry(root) ?? globalRegistry(baseRoot);
  const uses: ImageUse[] = [];

  const structured = (m: YAMLMap, path: string) => {
    const from = base.get(path) ?? {};
    const repository = field(lc, m, 'repository');
    const tag = field(lc, m, 'tag');
    const registry = field(lc, m, 'registry');
    const digest = field(lc, m, 'digest');
    const repo = repository?.value ?? from.repository;
    if (!repo) return;
    const reg = registry?.value ?? from.registry ?? registryAll;
    const t = tag?.value ?? from.tag ?? chart.appVersion;
    const d = digest?.value ?? from.digest;
    const name = reg ? `${reg.replace(/\/+$/, '')}/${repo}` : repo;
    const image = `${name}${t ? `:${t}` : ''}${d ? `@${d}` : ''}`;
    const templated = image.includes('{{');
    const at = tag ?? repository ?? registry ?? digest;
    const first = nodeRange(lc, m as unknown as Node).start;
    const range = at?.range ?? { start: first, end: first };
    const notes = [
      !tag && !from.tag && chart.appVersion ? `tag from Chart.yaml appVersion ${chart.appVersion}` : '',
      !registry && !from.registry && registryAll ? `registry from global (${registryAll})` : '',
      !repository && from.repository ? 'repository from values.yaml' : '',
    ].filter(Boolean);
    uses.push({
      kind: 'yaml',
      text: image,
      resolved: templated ? undefined : image,
      unresolved: templated ? [image] : [],
      range,
      yamlPath: `values: ${path}`,
      note: notes.length ? `Helm values ${path}: ${notes.join('; ')}` : `Helm values ${path}`,
      fields: {
        convention: 'helm',
        name: repository,
        tag,
        registry,
        digest,
        currentName: name,
        insertAfter: { line: (repository ?? at)?.range.start.line ?? first.line, indent: first.character },
      },
    });
  };

  const walk = (n: unknown, path: string, key: string | undefined, depth: number) => {
    if (depth > MAX_DEPTH) return;
    if (isMap(n)) {
      const hasRepo = n.has('repository');
      const imageish = key !== undefined && /image/i.test(key);
      if (
        (hasRepo && (imageish || n.has('tag') || n.has('digest'))) ||
        (base.has(path) && !hasRepo && (n.has('tag') || n.has('registry') || n.has('digest')))
      )
        structured(n, path);
      for (const p of n.items) {
        const k = scalarText(p.key) ?? '?';
        const child = `${path}${path ? '.' : ''}${k}`;
        const v = p.value;
        const s = scalarText(v);
        if (s !== undefined && /^image$|Image$/.test(k) && /[:/]/.test(s) && !/\s/.test(s)) {
          const templated = s.includes('{{');
          uses.push({
            kind: 'yaml',
            text: s,
            resolved: templated ? undefined : s,
            unresolved: templated ? [s] : [],
            range: nodeRange(lc, v as Node),
            yamlPath: `values: ${child}`,
            note: `Helm values ${child}`,
          });
        } else walk(v, child, k, depth + 1);
      }
    } else if (isSeq(n)) n.items.forEach((x, i) => walk(x, `${path}[${i}]`, key, depth + 1));
  };
  walk(root, '', undefined, 0);
  return { uses };
}
