// Finds the files mips-port analyses under the given paths. Skips VCS and dependency folders,
// never follows directory symlinks (no loops), reports unreadable entries instead of failing.
import fs from 'node:fs';
import path from 'node:path';

// vendor/ (Go) and _output/ (Kubernetes' build output) hold other projects' files and build results
const SKIP_DIRS = new Set(['.git', '.hg', '.svn', 'node_modules', '.venv', '__pycache__', 'vendor', '_output']);

export interface WalkResult {
  files: string[];
  errors: { path: string; message: string }[];
}

/** Files under the roots that `accept` wants; a root named explicitly is taken whatever its name. */
export function findFiles(roots: string[], accept: (file: string) => boolean): WalkResult {
  const files: string[] = [];
  const errors: WalkResult['errors'] = [];
  const visit = (p: string, explicit: boolean) => {
    let st: fs.Stats;
    try {
      st = explicit ? fs.statSync(p) : fs.lstatSync(p);
    } catch (e) {
      errors.push({
        path: p,
        message: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message,
      });
      return;
    }
    if (st.isDirectory()) {
      if (!explicit && SKIP_DIRS.has(path.basename(p))) return;
      let entries: string[];
      try {
        entries = fs.readdirSync(p).sort();
      } catch (e) {
        errors.push({ path: p, message: `cannot read directory: ${(e as Error).message}` });
        return;
      }
      for (const name of entries) visit(path.join(p, name), false);
    } else if (explicit || accept(p)) {
      // links, FIFOs, sockets and devices too: the reader takes only regular files and says why not
      files.push(p);
    }
  };
  for (const r of roots) visit(r, true);
  return { files: [...new Set(files)], errors };
}

/** The folders directly inside `dir` the walk would enter (no symlinks, no VCS or dependency folders);
 *  undefined when `dir` cannot be listed. */
export function subfolders(dir: string): string[] | undefined {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !SKIP_DIRS.has(e.name))
      .map((e) => e.name)
      .sort();
  } catch {
    return undefined;
  }
}
