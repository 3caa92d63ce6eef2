// KUBE_TEST_REPO_LIST files: YAML mapping registry keys (`dockerLibraryRegistry`, `promoterE2eRegistry`)
// to the registries the e2e suite should pull from — how porting teams point it at their own mirror.
import { readRegularFile, SIDE_FILE_CAP_BYTES } from '../fs/readText';
import { parse } from './yamlLib';

export type RepoListResult = { ok: true; map: Record<string, string> } | { ok: false; error: string };

export function parseRepoList(text: string, source = 'KUBE_TEST_REPO_LIST'): RepoListResult {
  let v: unknown;
  try {
    v = parse(text, { maxAliasCount: 50 });
  } catch (e) {
    return { ok: false, error: `${source} is not valid YAML: ${(e as Error).message.split('\n')[0]}` };
  }
  if (v === null || v === undefined) return { ok: true, map: {} };
  if (typeof v !== 'object' || Array.isArray(v))
    return { ok: false, error: `${source} must be a YAML mapping of registry keys to registries` };
  const map: Record<string, string> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>))
    if (typeof x === 'string' && x.trim()) map[k] = x.trim();
  return { ok: true, map };
}

export function loadRepoList(file: string): RepoListResult {
  const r = readRegularFile(file, SIDE_FILE_CAP_BYTES);
  if (!r.ok) return { ok: false, error: `cannot read KUBE_TEST_REPO_LIST file ${file}: ${r.reason}` };
  return parseRepoList(r.text, file);
}
