// Image entries of Kubernetes' test/utils/image/manifest.go in every shape it has had:
// `Nginx = ImageConfig{dockerLibraryRegistry, "nginx", "1.14-alpine"}` (≈v1.12, with an optional
// hasArch bool), `configs[Nginx] = Config{…}` with registries from `RegistryList{…}` defaults and
// `var (x = registry.Field)` (≈v1.16–v1.21), `Config{list.PromoterE2eRegistry, …}` (current), and
// `configs["Nginx"]` string keys. Registries may be overridden by a KUBE_TEST_REPO_LIST YAML file
// (manifestRegistries.ts). Find each entry literal, read its fields, resolve its registry, emit its use.
import { Platform } from '../platform';
import { GoToken, tokenizeGo } from './goTokens';
import { ImageUse } from '../types';
import { LineIndex } from '../textPositions';
import { closing, describe, elements, Expr, readExpr } from './goLiterals';
import { registryResolver } from './manifestRegistries';

export { manifestRegistryKeys } from './manifestRegistries';
export type { RegistryKey } from './manifestRegistries';

export interface ManifestOptions {
  target: Platform;
  /** KUBE_TEST_REPO_LIST contents: yaml key (`dockerLibraryRegistry`) -> registry. */
  repoList?: Record<string, string>;
}

export interface ManifestAnalysis {
  uses: ImageUse[];
}

const ENTRY_TYPES = new Set(['Config', 'ImageConfig']);

/** An entry literal `Config{…}`: where it is, under which name, and its fields. */
interface EntryLiteral {
  start: number;
  close: number;
  name?: string;
  regExpr?: Expr;
  nameTok?: GoToken;
  versionTok?: GoToken;
  hasArch: boolean;
}

/** `configs[Nginx] = Config{`, `configs["Nginx"] = …`, `Nginx = ImageConfig{`, `Nginx: Config{`. */
function entryKey(t: GoToken[], i: number): string | undefined {
  const p1 = t[i - 1];
  const p2 = t[i - 2];
  if ((p1?.text === '=' || p1?.text === ':') && p2?.text === ']') {
    const k = t[i - 3];
    return k?.kind === 'string' ? k.value : k?.text;
  }
  if ((p1?.text === '=' || p1?.text === ':' || p1?.text === ':=') && p2?.kind === 'ident') return p2.text;
  if (p1?.text === ':' && p2?.kind === 'string') return p2.value;
  return undefined;
}

/** Whether t[i] opens an entry literal; declarations (`type Config struct`, `map[int]Config{}`, `*Config`)
 *  and a function's result type (`func GetConfig(image int) Config {`) are Go, not entries. */
function opensLiteral(t: GoToken[], i: number): boolean {
  const tok = t[i];
  if (tok.kind !== 'ident' || !ENTRY_TYPES.has(tok.text) || t[i + 1]?.text !== '{') return false;
  const before = t[i - 1]?.text;
  return !(before === 'type' || before === ']' || before === '*' || before === ')');
}

/** The fields of `Config{Registry: …, Name: "…", Version: "…"}` or of `Config{reg, "name", "version"}`. */
function entryFields(els: GoToken[][]): Pick<EntryLiteral, 'regExpr' | 'nameTok' | 'versionTok' | 'hasArch'> {
  const f: Pick<EntryLiteral, 'regExpr' | 'nameTok' | 'versionTok' | 'hasArch'> = { hasArch: false };
  if (!els.every((el) => el[1]?.text === ':')) {
    f.regExpr = els[0] && els[0].length <= 3 ? readExpr(els[0], 0)?.expr : undefined;
    if (els[1]?.length === 1 && els[1][0].kind === 'string') f.nameTok = els[1][0];
    if (els[2]?.length === 1 && els[2][0].kind === 'string') f.versionTok = els[2][0];
    f.hasArch = els[3]?.[0]?.text === 'true';
    return f;
  }
  for (const el of els) {
    const key = el[0].text.toLowerCase();
    if (key === 'registry') f.regExpr = readExpr(el, 2)?.expr;
    else if (key === 'name' && el[2]?.kind === 'string') f.nameTok = el[2];
    else if (key === 'version' && el[2]?.kind === 'string') f.versionTok = el[2];
    else if (key === 'hasarch') f.hasArch = el[2]?.text === 'true';
  }
  return f;
}

/** Every entry literal of the file, in order. A literal built from variables outside any entry
 *  (`getRepositoryMappedConfig(index, Config{…})`, `return Config{…}`) is code that copies entries. */
function findEntries(t: GoToken[]): EntryLiteral[] {
  const found: EntryLiteral[] = [];
  for (let i = 0; i < t.length; i++) {
    if (!opensLiteral(t, i)) continue;
    const close = closing(t, i + 1);
    const els = elements(t, i + 1, close);
    if (els.length === 0) continue;
    const name = entryKey(t, i);
    if (name || els.some((el) => el.some((x) => x.kind === 'string')))
      found.push({ start: i, close, name, ...entryFields(els) });
    i = close;
  }
  return found;
}

interface EntryReading {
  text: string;
  lines: LineIndex;
  t: GoToken[];
  resolve: (e: Expr) => string | undefined;
  target: Platform;
}

function entryUse(e: EntryLiteral, r: EntryReading): ImageUse {
  const { t, lines } = r;
  const whole = lines.range(t[e.start].start, t[e.close].end);
  const registry = e.regExpr ? r.resolve(e.regExpr) : undefined;
  const { nameTok, versionTok } = e;
  if (!nameTok || !versionTok || registry === undefined) {
    const why =
      !nameTok || !versionTok
        ? 'name and version are not string literals'
        : `its registry (${e.regExpr ? describe(e.regExpr) : 'first field'}) has no value in this file`;
    const text = r.text.slice(t[e.start].start, t[e.close].end);
    const problem = `${e.name ? `${e.name}: ` : ''}image entry not understood: ${why}.`;
    return { kind: 'manifest', text, range: whole, unresolved: [], problem, entryName: e.name };
  }
  const arch = r.target.arch.oci;
  const name = e.hasArch ? `${nameTok.value}-${arch}` : nameTok.value;
  const ref = `${registry.replace(/\/+$/, '')}/${name}:${versionTok.value}`;
  const quoted = versionTok.end - versionTok.start >= 2;
  return {
    kind: 'manifest',
    text: ref,
    resolved: ref,
    range: quoted
      ? lines.range(versionTok.start + 1, versionTok.end - 1)
      : lines.range(versionTok.start, versionTok.end),
    unresolved: [],
    entryName: e.name,
    entryRange: whole,
    note: e.hasArch ? `hasArch: the name gets -${arch} appended` : undefined,
  };
}

export function analyseManifestGo(text: string, options: ManifestOptions): ManifestAnalysis {
  const t = tokenizeGo(text);
  const reading: EntryReading = {
    text,
    lines: new LineIndex(text),
    t,
    resolve: registryResolver(t, options.repoList),
    target: options.target,
  };
  return { uses: findEntries(t).map((e) => entryUse(e, reading)) };
}
