// Images a Helm chart's values set, in the conventions charts use: `image: "repo:tag"`, or
// `image: {registry, repository, tag, digest}` at any depth (`controller.image`, `sidecars[0].image`),
// `global.imageRegistry` / `global.image.registry` in front, a missing tag from Chart.yaml's appVersion.
// A `values-*.yaml` beside values.yaml overrides it: its keys complete the ones values.yaml wrote.
import type { LineCounter, Node, YAMLMap } from 'yaml';
import { isMap, isSeq } from './yamlLib';
import { FieldValue, ImageUse } from '../types';
import { field, nodeRange, readYamlDocumentSteps, scalarText, yamlRoot } from './yamlNodes';

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

/** What reading one values file needs besides its nodes: positions and what values.yaml and Chart.yaml
 *  fill in. */
interface ValuesContext {
  lc: LineCounter;
  chart: ChartContext;
  /** values.yaml's entries by path, under an override file. */
  base: Map<string, Entry>;
  registryAll?: string;
}

/** A map that is an image entry: `repository` beside tag/digest (or under an image-ish key), or an
 *  override completing one values.yaml wrote. */
function isImageEntry(n: YAMLMap, path: string, key: string | undefined, base: Map<string, Entry>): boolean {
  const hasRepo = n.has('repository');
  const imageish = key !== undefined && /image/i.test(key);
  return (
    (hasRepo && (imageish || n.has('tag') || n.has('digest'))) ||
    (base.has(path) && !hasRepo && (n.has('tag') || n.has('registry') || n.has('digest')))
  );
}

/** `image: "repo:tag"` (or `fooImage:`): a string that looks like a reference. */
function isImageString(key: string, s: string | undefined): s is string {
  return s !== undefined && /^image$|Image$/.test(key) && /[:/]/.test(s) && !/\s/.test(s);
}

function stringUse(s: string, node: Node, path: string, vc: ValuesContext): ImageUse {
  const templated = s.includes('{{');
  return {
    kind: 'yaml',
    text: s,
    resolved: templated ? undefined : s,
    unresolved: templated ? [s] : [],
    range: nodeRange(vc.lc, node),
    yamlPath: `values: ${path}`,
    note: `Helm values ${path}`,
  };
}

/** Where the parts of an entry came from, when not from the entry itself. */
function entryNotes(f: EntryFields, from: Entry, vc: ValuesContext): string[] {
  const { appVersion } = vc.chart;
  return [
    !f.tag && !from.tag && appVersion ? `tag from Chart.yaml appVersion ${appVersion}` : '',
    !f.registry && !from.registry && vc.registryAll ? `registry from global (${vc.registryAll})` : '',
    !f.repository && from.repository ? 'repository from values.yaml' : '',
  ].filter(Boolean);
}

interface EntryFields {
  repository?: FieldValue;
  tag?: FieldValue;
  registry?: FieldValue;
  digest?: FieldValue;
}

/** An image entry's use: its fields, completed by values.yaml's entry, the global registry and appVersion. */
function structuredUse(m: YAMLMap, path: string, vc: ValuesContext): ImageUse | undefined {
  const from = vc.base.get(path) ?? {};
  const { lc, chart } = vc;
  const f: EntryFields = {
    repository: field(lc, m, 'repository'),
    tag: field(lc, m, 'tag'),
    registry: field(lc, m, 'registry'),
    digest: field(lc, m, 'digest'),
  };
  const repo = f.repository?.value ?? from.repository;
  if (!repo) return undefined;
  const reg = f.registry?.value ?? from.registry ?? vc.registryAll;
  const t = f.tag?.value ?? from.tag ?? chart.appVersion;
  const d = f.digest?.value ?? from.digest;
  const name = reg ? `${reg.replace(/\/+$/, '')}/${repo}` : repo;
  const image = `${name}${t ? `:${t}` : ''}${d ? `@${d}` : ''}`;
  const templated = image.includes('{{');
  const at = f.tag ?? f.repository ?? f.registry ?? f.digest;
  const first = nodeRange(lc, m as unknown as Node).start;
  const notes = entryNotes(f, from, vc);
  return {
    kind: 'yaml',
    text: image,
    resolved: templated ? undefined : image,
    unresolved: templated ? [image] : [],
    range: at?.range ?? { start: first, end: first },
    yamlPath: `values: ${path}`,
    note: notes.length ? `Helm values ${path}: ${notes.join('; ')}` : `Helm values ${path}`,
    fields: {
      convention: 'helm',
      name: f.repository,
      tag: f.tag,
      registry: f.registry,
      digest: f.digest,
      currentName: name,
      insertAfter: { line: (f.repository ?? at)?.range.start.line ?? first.line, indent: first.character },
    },
  };
}

/** Every image entry and image string under `n`, in document order. */
function findUses(root: unknown, vc: ValuesContext): ImageUse[] {
  const out: ImageUse[] = [];
  const walk = (n: unknown, path: string, key: string | undefined, depth: number) => {
    if (depth > MAX_DEPTH) return;
    if (isSeq(n)) n.items.forEach((x, i) => walk(x, `${path}[${i}]`, key, depth + 1));
    if (!isMap(n)) return;
    const entry = isImageEntry(n, path, key, vc.base) ? structuredUse(n, path, vc) : undefined;
    if (entry) out.push(entry);
    for (const p of n.items) {
      const k = scalarText(p.key) ?? '?';
      const child = `${path}${path ? '.' : ''}${k}`;
      const s = scalarText(p.value);
      if (isImageString(k, s)) out.push(stringUse(s, p.value as Node, child, vc));
      else walk(p.value, child, k, depth + 1);
    }
  };
  walk(root, '', undefined, 0);
  return out;
}

/** A chart's values file read in steps: a pause may come between them while it is parsed. */
export function* analyseHelmValues(text: string, chart: ChartContext): Generator<void, HelmValues> {
  const read = yield* readYamlDocumentSteps(text);
  if ('parseError' in read) return { uses: [], parseError: read.parseError };
  const { root, lc } = read;
  // values.yaml under an override file: read once, for its entries and its global registry
  const baseRoot = chart.baseValues !== undefined ? yamlRoot(chart.baseValues) : undefined;
  const base = entriesOf(baseRoot);
  const registryAll = globalRegistry(root) ?? globalRegistry(baseRoot);
  return { uses: findUses(root, { lc, chart, base, registryAll }) };
}
