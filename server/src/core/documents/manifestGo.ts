// Image entries of Kubernetes' test/utils/image/manifest.go in every shape it has had:
// `Nginx = ImageConfig{dockerLibraryRegistry, "nginx", "1.14-alpine"}` (≈v1.12, with an optional
// hasArch bool), `configs[Nginx] = Config{…}` with registries from `RegistryList{…}` defaults and
// `var (x = registry.Field)` (≈v1.16–v1.21), `Config{list.PromoterE2eRegistry, …}` (current), and
// `configs["Nginx"]` string keys. Registries may be overridden by a KUBE_TEST_REPO_LIST YAML file.
import { Platform } from '../platform';
import { GoToken, tokenizeGo } from './goTokens';
import { ImageUse } from '../types';
import { LineIndex } from '../textPositions';

export interface ManifestOptions {
  target: Platform;
  /** KUBE_TEST_REPO_LIST contents: yaml key (`dockerLibraryRegistry`) -> registry. */
  repoList?: Record<string, string>;
}

type Expr =
  | { kind: 'string'; value: string }
  | { kind: 'ident'; name: string }
  | { kind: 'selector'; base: string; field: string };

const ENTRY_TYPES = new Set(['Config', 'ImageConfig']);

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Reads one expression starting at tokens[i]; undefined when it is something else (a call, a literal). */
function readExpr(t: GoToken[], i: number): { expr: Expr; next: number } | undefined {
  const a = t[i];
  if (!a) return undefined;
  if (a.kind === 'string') return { expr: { kind: 'string', value: a.value ?? '' }, next: i + 1 };
  if (a.kind !== 'ident') return undefined;
  if (t[i + 1]?.text === '.' && t[i + 2]?.kind === 'ident') {
    if (t[i + 3]?.text === '(' || t[i + 3]?.text === '{') return undefined;
    return { expr: { kind: 'selector', base: a.text, field: t[i + 2].text }, next: i + 3 };
  }
  if (t[i + 1]?.text === '(' || t[i + 1]?.text === '{') return undefined;
  return { expr: { kind: 'ident', name: a.text }, next: i + 1 };
}

/** Index of the token closing the brace opened at `open`. */
function closing(t: GoToken[], open: number): number {
  let depth = 0;
  for (let k = open; k < t.length; k++) {
    const x = t[k].text;
    if (x === '{' || x === '(' || x === '[') depth++;
    else if (x === '}' || x === ')' || x === ']') {
      depth--;
      if (depth === 0) return k;
    }
  }
  return t.length - 1;
}

/** Splits the elements of a composite literal `{a, b, c}` at top-level commas. */
function elements(t: GoToken[], open: number, close: number): GoToken[][] {
  const out: GoToken[][] = [];
  let cur: GoToken[] = [];
  let depth = 0;
  for (let k = open + 1; k < close; k++) {
    const x = t[k].text;
    if (x === '{' || x === '(' || x === '[') depth++;
    if (x === '}' || x === ')' || x === ']') depth--;
    if (x === ',' && depth === 0) {
      out.push(cur);
      cur = [];
      continue;
    }
    cur.push(t[k]);
  }
  if (cur.length) out.push(cur);
  return out;
}

export interface ManifestAnalysis {
  uses: ImageUse[];
}

interface RegistryTable {
  defaults: Map<string, string>;
  yamlKeys: Map<string, string>;
  assigns: Map<string, Expr>;
}

/** The era's registry fields: yaml keys of the `Registry`/`RegistryList` struct, their defaults, and the
 *  package-level assignments (`dockerLibraryRegistry = "docker.io/library"`). */
function registryTable(t: GoToken[]): RegistryTable {
  const defaults = new Map<string, string>();
  const yamlKeys = new Map<string, string>();
  const assigns = new Map<string, Expr>();

  for (let i = 0; i < t.length; i++) {
    const tok = t[i];
    // type RegistryList struct { Field string `yaml:"key"` }
    if (
      tok.text === 'type' &&
      t[i + 1]?.kind === 'ident' &&
      /Registr/.test(t[i + 1].text) &&
      t[i + 2]?.text === 'struct' &&
      t[i + 3]?.text === '{'
    ) {
      const end = closing(t, i + 3);
      for (let k = i + 4; k < end; k++) {
        if (t[k].kind === 'ident' && t[k + 1]?.text === 'string') {
          const tag = t[k + 2]?.kind === 'string' ? /yaml:"([^"]+)"/.exec(t[k + 2].value ?? '')?.[1] : undefined;
          yamlKeys.set(t[k].text, tag ?? lowerFirst(t[k].text));
        }
      }
      i = end;
      continue;
    }
    // RegistryList{ Field: "default", … }
    if (
      tok.kind === 'ident' &&
      /Registr(y|yList)$/.test(tok.text) &&
      t[i + 1]?.text === '{' &&
      t[i - 1]?.text !== 'struct'
    ) {
      const end = closing(t, i + 1);
      for (const el of elements(t, i + 1, end)) {
        if (el.length === 3 && el[0].kind === 'ident' && el[1].text === ':' && el[2].kind === 'string')
          defaults.set(el[0].text, el[2].value ?? '');
      }
      continue;
    }
    // name = expr (var/const blocks, package level)
    if (tok.kind === 'ident' && (t[i + 1]?.text === '=' || t[i + 1]?.text === ':=') && t[i - 1]?.text !== '.') {
      const e = readExpr(t, i + 2);
      if (e && t[e.next]?.text !== '(') assigns.set(tok.text, e.expr);
    }
  }
  return { defaults, yamlKeys, assigns };
}

export interface RegistryKey {
  /** The KUBE_TEST_REPO_LIST key (`dockerLibraryRegistry`). */
  key: string;
  /** The registry the file uses when the list does not set the key. */
  value?: string;
}

/** The registry keys this manifest.go's era reads from a KUBE_TEST_REPO_LIST file, with their defaults. */
export function manifestRegistryKeys(text: string): RegistryKey[] {
  const { defaults, yamlKeys, assigns } = registryTable(tokenizeGo(text));
  return [...yamlKeys].map(([field, key]) => {
    const plain = assigns.get(lowerFirst(field));
    return { key, value: defaults.get(field) ?? (plain?.kind === 'string' ? plain.value : undefined) };
  });
}

export function analyseManifestGo(text: string, options: ManifestOptions): ManifestAnalysis {
  const t = tokenizeGo(text);
  const lines = new LineIndex(text);
  const { defaults, yamlKeys, assigns } = registryTable(t);

  // KUBE_TEST_REPO_LIST replaces defaults, keyed by the struct's yaml tags.
  const registries = new Map(defaults);
  const overridden = new Set<string>();
  if (options.repoList) {
    const fieldsByKey = new Map<string, string>();
    for (const f of new Set([...defaults.keys(), ...yamlKeys.keys()]))
      fieldsByKey.set(yamlKeys.get(f) ?? lowerFirst(f), f);
    for (const [k, v] of Object.entries(options.repoList)) {
      const field = fieldsByKey.get(k) ?? fieldsByKey.get(lowerFirst(k)) ?? k.charAt(0).toUpperCase() + k.slice(1);
      registries.set(field, v);
      overridden.add(field);
    }
  }

  const resolve = (e: Expr, depth = 0): string | undefined => {
    if (depth > 12) return undefined;
    if (e.kind === 'string') return e.value;
    if (e.kind === 'selector') return registries.get(e.field);
    // ≈v1.12: `dockerLibraryRegistry = "docker.io/library"` is the default of the struct field the file sets
    const field = e.name.charAt(0).toUpperCase() + e.name.slice(1);
    if (overridden.has(field) && yamlKeys.has(field)) return registries.get(field);
    const a = assigns.get(e.name);
    if (a) return resolve(a, depth + 1);
    // an identifier named like a registry field that only the YAML or defaults define
    return registries.get(e.name) ?? registries.get(e.name.charAt(0).toUpperCase() + e.name.slice(1));
  };

  const uses: ImageUse[] = [];
  for (let i = 0; i < t.length; i++) {
    const tok = t[i];
    if (tok.kind !== 'ident' || !ENTRY_TYPES.has(tok.text) || t[i + 1]?.text !== '{') continue;
    const before = t[i - 1]?.text;
    // declarations (`type Config struct`, `map[int]Config{}`, `*Config`) and a function's result type
    // (`func GetConfig(image int) Config {`) are Go, not entries
    if (before === 'type' || before === ']' || before === '*' || before === ')') continue;
    const close = closing(t, i + 1);
    const els = elements(t, i + 1, close);
    if (els.length === 0) continue;
    const whole = lines.range(tok.start, t[close].end);
    const entryName = entryKey(t, i);
    let regExpr: Expr | undefined;
    let nameTok: GoToken | undefined;
    let versionTok: GoToken | undefined;
    let hasArch = false;
    const keyed = els.every((el) => el[1]?.text === ':');
    if (keyed) {
      for (const el of els) {
        const key = el[0].text.toLowerCase();
        if (key === 'registry') regExpr = readExpr(el, 2)?.expr;
        else if (key === 'name' && el[2]?.kind === 'string') nameTok = el[2];
        else if (key === 'version' && el[2]?.kind === 'string') versionTok = el[2];
        else if (key === 'hasarch') hasArch = el[2]?.text === 'true';
      }
    } else {
      regExpr = els[0] && els[0].length <= 3 ? readExpr(els[0], 0)?.expr : undefined;
      if (els[1]?.length === 1 && els[1][0].kind === 'string') nameTok = els[1][0];
      if (els[2]?.length === 1 && els[2][0].kind === 'string') versionTok = els[2][0];
      hasArch = els[3]?.[0]?.text === 'true';
    }
    const label = entryName ? `${entryName}: ` : '';
    // a literal built from variables outside any entry (`getRepositoryMappedConfig(index, Config{…})`,
    // `return Config{…}`) is code that copies entries, not an entry
    if (!entryName && !els.some((el) => el.some((x) => x.kind === 'string'))) {
      i = close;
      continue;
    }
    const registry = regExpr ? resolve(regExpr) : undefined;
    if (!nameTok || !versionTok || registry === undefined) {
      const why =
        !nameTok || !versionTok
          ? 'name and version are not string literals'
          : `its registry (${regExpr ? describe(regExpr) : 'first field'}) has no value in this file`;
      uses.push({
        kind: 'manifest',
        text: text.slice(tok.start, t[close].end),
        range: whole,
        unresolved: [],
        problem: `${label}image entry not understood: ${why}.`,
        entryName,
      });
      i = close;
      continue;
    }
    const name = hasArch ? `${nameTok.value}-${options.target.arch.oci}` : nameTok.value;
    const ref = `${registry.replace(/\/+$/, '')}/${name}:${versionTok.value}`;
    const vr =
      versionTok.end - versionTok.start >= 2
        ? lines.range(versionTok.start + 1, versionTok.end - 1)
        : lines.range(versionTok.start, versionTok.end);
    uses.push({
      kind: 'manifest',
      text: ref,
      resolved: ref,
      range: vr,
      unresolved: [],
      entryName,
      entryRange: whole,
      note: hasArch ? `hasArch: the name gets -${options.target.arch.oci} appended` : undefined,
    });
    i = close;
  }
  return { uses };
}

function describe(e: Expr): string {
  return e.kind === 'string' ? `"${e.value}"` : e.kind === 'selector' ? `${e.base}.${e.field}` : e.name;
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
