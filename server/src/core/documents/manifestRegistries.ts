// The registries of Kubernetes' manifest.go in every era: the `Registry`/`RegistryList` struct's fields
// with their yaml keys, their defaults (`RegistryList{Field: "…"}`), package-level assignments
// (`dockerLibraryRegistry = "docker.io/library"`), and a KUBE_TEST_REPO_LIST file overriding them.
import { GoToken, tokenizeGo } from './goTokens';
import { closing, elements, Expr, lowerFirst, readExpr } from './goLiterals';

interface RegistryTable {
  defaults: Map<string, string>;
  yamlKeys: Map<string, string>;
  assigns: Map<string, Expr>;
}

/** `type RegistryList struct { Field string \`yaml:"key"\` }` at t[i]: the fields' yaml keys; the index
 *  of its closing brace, or undefined when t[i] starts no such type. */
function registryStruct(t: GoToken[], i: number, yamlKeys: Map<string, string>): number | undefined {
  const named = t[i].text === 'type' && t[i + 1]?.kind === 'ident' && /Registr/.test(t[i + 1].text);
  if (!named || t[i + 2]?.text !== 'struct' || t[i + 3]?.text !== '{') return undefined;
  const end = closing(t, i + 3);
  for (let k = i + 4; k < end; k++) {
    if (t[k].kind !== 'ident' || t[k + 1]?.text !== 'string') continue;
    const tag = t[k + 2]?.kind === 'string' ? /yaml:"([^"]+)"/.exec(t[k + 2].value ?? '')?.[1] : undefined;
    yamlKeys.set(t[k].text, tag ?? lowerFirst(t[k].text));
  }
  return end;
}

/** `RegistryList{ Field: "default", … }` at t[i]: its string fields. */
function registryDefaults(t: GoToken[], i: number, defaults: Map<string, string>): void {
  const tok = t[i];
  if (tok.kind !== 'ident' || !/Registr(y|yList)$/.test(tok.text) || t[i + 1]?.text !== '{') return;
  if (t[i - 1]?.text === 'struct') return;
  for (const el of elements(t, i + 1, closing(t, i + 1))) {
    if (el.length === 3 && el[0].kind === 'ident' && el[1].text === ':' && el[2].kind === 'string')
      defaults.set(el[0].text, el[2].value ?? '');
  }
}

/** The era's registry fields: yaml keys of the `Registry`/`RegistryList` struct, their defaults, and the
 *  package-level assignments (`dockerLibraryRegistry = "docker.io/library"`). */
function registryTable(t: GoToken[]): RegistryTable {
  const table: RegistryTable = { defaults: new Map(), yamlKeys: new Map(), assigns: new Map() };
  for (let i = 0; i < t.length; i++) {
    const end = registryStruct(t, i, table.yamlKeys);
    if (end !== undefined) {
      i = end;
      continue;
    }
    registryDefaults(t, i, table.defaults);
    // name = expr (var/const blocks, package level)
    const tok = t[i];
    if (tok.kind === 'ident' && (t[i + 1]?.text === '=' || t[i + 1]?.text === ':=') && t[i - 1]?.text !== '.') {
      const e = readExpr(t, i + 2);
      if (e && t[e.next]?.text !== '(') table.assigns.set(tok.text, e.expr);
    }
  }
  return table;
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

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The registries by struct field: the defaults, with KUBE_TEST_REPO_LIST's entries (keyed by the
 *  struct's yaml tags) over them. */
function withRepoList(table: RegistryTable, repoList: Record<string, string> | undefined) {
  const registries = new Map(table.defaults);
  const overridden = new Set<string>();
  if (!repoList) return { registries, overridden };
  const fieldsByKey = new Map<string, string>();
  for (const f of new Set([...table.defaults.keys(), ...table.yamlKeys.keys()]))
    fieldsByKey.set(table.yamlKeys.get(f) ?? lowerFirst(f), f);
  for (const [k, v] of Object.entries(repoList)) {
    const field = fieldsByKey.get(k) ?? fieldsByKey.get(lowerFirst(k)) ?? upperFirst(k);
    registries.set(field, v);
    overridden.add(field);
  }
  return { registries, overridden };
}

/** The registry an entry's registry expression names in this file, with the repo list applied. */
export function registryResolver(t: GoToken[], repoList?: Record<string, string>): (e: Expr) => string | undefined {
  const table = registryTable(t);
  const { registries, overridden } = withRepoList(table, repoList);
  const resolve = (e: Expr, depth = 0): string | undefined => {
    if (depth > 12) return undefined;
    if (e.kind === 'string') return e.value;
    if (e.kind === 'selector') return registries.get(e.field);
    // ≈v1.12: `dockerLibraryRegistry = "docker.io/library"` is the default of the struct field the file sets
    const field = upperFirst(e.name);
    if (overridden.has(field) && table.yamlKeys.has(field)) return registries.get(field);
    const a = table.assigns.get(e.name);
    if (a) return resolve(a, depth + 1);
    // an identifier named like a registry field that only the YAML or defaults define
    return registries.get(e.name) ?? registries.get(upperFirst(e.name));
  };
  return (e) => resolve(e);
}
