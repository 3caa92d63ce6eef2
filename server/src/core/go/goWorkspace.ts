// The Go check over a workspace: every module (go.mod) under the roots, vendor/ skipped, checked one
// after another, its findings per file in the scan report's shape.
import path from 'node:path';
import { findFiles } from '../fs/walk';
import { readTextFile } from '../fs/readText';
import { Platform } from '../platform';
import { SeverityOverride } from '../types';
import { FileFindings } from '../report/scanReport';
import { checkGoModule, GoCheckOptions } from './goCheck';
import { goFindings } from './goFindings';

export interface GoWorkspaceResult {
  files: FileFindings[];
  modules: number;
  packages: number;
  /** Errors the host build gives too: the user's ordinary compile errors, not reported. */
  ordinary: number;
  /** Modules that could not be checked at all, with why (go missing, go list failed). */
  problems: string[];
  cancelled: boolean;
}

export async function goCheckWorkspace(
  roots: string[],
  target: Platform,
  o: Pick<GoCheckOptions, 'flags' | 'signal' | 'find' | 'timeoutMs' | 'offline'> & {
    display: (file: string) => string;
    onModule?: (dir: string) => void;
    severities?: Record<string, SeverityOverride>;
  },
): Promise<GoWorkspaceResult> {
  const mods = findFiles(roots, (f) => path.basename(f) === 'go.mod').files.map((f) => path.dirname(f));
  const byFile = new Map<string, FileFindings>();
  const problems: string[] = [];
  let packages = 0;
  let ordinary = 0;
  const result = (cancelled: boolean) => ({
    files: [...byFile.values()],
    modules: mods.length,
    packages,
    ordinary,
    problems,
    cancelled,
  });
  for (const dir of mods) {
    o.onModule?.(dir);
    const r = await checkGoModule({ ...o, moduleDir: dir, target });
    if (r.cancelled) return result(true);
    if (r.problem) {
      problems.push(`${o.display(dir) || '.'}: ${r.problem}`);
      continue;
    }
    packages += r.packages;
    ordinary += r.ordinary;
    for (const [file, findings] of goFindings(r, {
      moduleDir: dir,
      target,
      read: (f) => readTextFile(f),
      severities: o.severities,
    })) {
      const name = o.display(file);
      const entry = byFile.get(name) ?? { file: name, findings: [] };
      entry.findings.push(...findings);
      byFile.set(name, entry);
    }
  }
  return result(false);
}
