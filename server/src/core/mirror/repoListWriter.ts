// KUBE_TEST_REPO_LIST for a manifest.go's era: every registry key that era reads, pointed at PREFIX
// with the registry's own path kept, so the e2e suite asks PREFIX for exactly the names copied there.
import { manifestRegistryKeys } from '../documents/manifestGo';
import { Prefix, underPrefix } from './names';

export interface RepoListPlan {
  /** key -> registry under PREFIX, in the file's order. */
  map: Record<string, string>;
  /** Keys the era reads whose default this file does not give (not written: nothing to keep below PREFIX). */
  withoutDefault: string[];
}

export function repoListFor(manifestTexts: string[], prefix: Prefix): RepoListPlan {
  const map: Record<string, string> = {};
  const withoutDefault: string[] = [];
  for (const text of manifestTexts) {
    for (const k of manifestRegistryKeys(text)) {
      if (k.value === undefined) {
        if (!withoutDefault.includes(k.key)) withoutDefault.push(k.key);
        continue;
      }
      map[k.key] ??= underPrefix(prefix, k.value);
    }
  }
  return { map, withoutDefault: withoutDefault.filter((k) => !(k in map)) };
}

/** The YAML text (values as double-quoted scalars: a host:port never reads as a mapping). */
export function repoListYaml(plan: RepoListPlan, prefix: Prefix): string {
  const lines = [`# KUBE_TEST_REPO_LIST: the e2e suite's registries, served by ${prefix.text} (mips-port mirror)`];
  for (const [k, v] of Object.entries(plan.map)) lines.push(`${k}: ${JSON.stringify(v)}`);
  return lines.join('\n') + '\n';
}
