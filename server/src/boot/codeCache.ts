// Loads a bundle (server/out/*-bundle.js) through V8's code cache: the first start compiles it and
// saves the compiled code under the user's cache folder; later starts skip most of the compile
// (about 30 ms of a 1 MB bundle, most of what an editor waits for before the first diagnostics).
// Node 20 has no built-in compile cache (module.enableCompileCache came in 22). Any failure — no
// cache folder, a stale or rejected cache — falls back to a plain require.
import crypto from 'node:crypto';
import fs from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

function cacheDir(): string {
  if (process.env.MIPS_PORT_CODE_CACHE) return process.env.MIPS_PORT_CODE_CACHE;
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'mips-port', 'v8');
}

type Wrapped = (exports: unknown, require: NodeRequire, module: Module, filename: string, dirname: string) => void;

/** How the bundle was loaded: from the code cache, compiled (and cached for next time), or by require. */
export type LoadedBy = 'code-cache' | 'compiled' | 'require';

export function loadBundle(file: string): LoadedBy {
  let src: string;
  try {
    src = fs.readFileSync(file, 'utf8');
  } catch {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the plain path, by design
    require(file);
    return 'require';
  }
  // the key names the bundle's content and the V8 that compiled it: a new build or Node never reuses it
  const key = crypto.createHash('sha256').update(process.version).update(src).digest('hex').slice(0, 16);
  const cacheFile = path.join(cacheDir(), `${path.basename(file, '.js')}-${key}.bin`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  let script: vm.Script;
  try {
    script = new vm.Script(Module.wrap(src), { filename: file, cachedData });
  } catch {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the plain path, by design
    require(file);
    return 'require';
  }
  const m = new Module(file, module);
  m.filename = file;
  m.paths = (Module as unknown as { _nodeModulePaths(d: string): string[] })._nodeModulePaths(path.dirname(file));
  const fn = script.runInThisContext() as Wrapped;
  fn.call(m.exports, m.exports, Module.createRequire(file), m, file, path.dirname(file));
  m.loaded = true;
  if (!cachedData || script.cachedDataRejected) {
    // after start-up, so the functions the first requests compiled are in the cache too; a short CLI run
    // writes it as it exits
    let saved = false;
    const save = () => {
      if (saved) return;
      saved = true;
      try {
        fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile);
      } catch {
        // a read-only home: start as fast as without the cache, nothing else changes
      }
    };
    setTimeout(save, 3000).unref();
    process.once('exit', save);
    return 'compiled';
  }
  return 'code-cache';
}
