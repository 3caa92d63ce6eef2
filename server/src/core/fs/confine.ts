// Confinement of reads a workspace steers (kustomize resources, COPY'd scripts): a path is read only when
// its real path (symlinks followed) lies inside the real path of a root, so `../../etc`, `/etc/shadow`
// and a symlink out of the tree are not read.
import fs from 'node:fs';
import path from 'node:path';

/** The real path, or for a path that does not exist (yet) the real path of its folder plus its name. */
export function realPathOf(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    const dir = path.dirname(p);
    return dir === p ? p : path.join(realPathOf(dir), path.basename(p));
  }
}

/** Whether `file` (real path) is `root` (real path) or inside it. */
export function realWithin(file: string, root: string): boolean {
  const f = realPathOf(file);
  const r = realPathOf(root);
  return f === r || f.startsWith(r.endsWith(path.sep) ? r : r + path.sep);
}

/** `read` limited to files inside `root`; others read as absent. */
export function confinedReader<T>(read: (f: string) => T | undefined, root: string): (f: string) => T | undefined {
  return (f) => (realWithin(f, root) ? read(f) : undefined);
}

/** The first root that holds `file`; with none (an editor without a folder, a path outside the working
 *  directory), the repository holding it (nearest folder with `.git`), else the file's own folder. */
export function confinementRoot(file: string, roots: (string | undefined)[]): string {
  for (const r of roots) if (r && realWithin(file, r)) return r;
  for (let d = path.dirname(path.resolve(file)); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return path.dirname(file);
  }
}
