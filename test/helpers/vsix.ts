// The .vsix as a user gets it: packed with the very command `npm run package` runs (read from package.json,
// only the output moved to a temporary folder), listed and unpacked with the zip reader vsce itself uses.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { REPO_ROOT } from './paths';

interface ZipEntry {
  fileName: string;
}
interface ZipFile {
  readEntry(): void;
  on(ev: 'entry', fn: (e: ZipEntry) => void): void;
  on(ev: 'end', fn: () => void): void;
  on(ev: 'error', fn: (e: Error) => void): void;
  openReadStream(e: ZipEntry, cb: (err: Error | null, s: NodeJS.ReadableStream) => void): void;
  close(): void;
}
interface Yauzl {
  open(p: string, o: { lazyEntries: boolean }, cb: (err: Error | null, z: ZipFile) => void): void;
}

/** The `vsce …` part of package.json's `package` script, as an argument list. */
export function packageCommand(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const step = pkg.scripts.package
    .split('&&')
    .map((s) => s.trim())
    .find((s) => s.startsWith('vsce '));
  if (!step) throw new Error(`package.json's package script runs no vsce: ${pkg.scripts.package}`);
  return step.split(/\s+/);
}

/** Packs the extension into `dir` with the package script's own vsce arguments; returns the .vsix path. */
export function packVsix(dir: string): string {
  const [, ...args] = packageCommand();
  const out = args.indexOf('--out');
  if (out < 0) throw new Error('the package script names no --out');
  const vsix = path.join(dir, path.basename(args[out + 1]));
  args[out + 1] = vsix;
  const r = spawnSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce'), args, {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (r.status !== 0) throw new Error(`vsce ${args.join(' ')} failed (${r.status}): ${r.stdout}${r.stderr}`);
  return vsix;
}

function yauzl(): Yauzl {
  const vsce = createRequire(path.join(REPO_ROOT, 'package.json')).resolve('@vscode/vsce/package.json');
  return createRequire(vsce)('yauzl') as Yauzl;
}

/** Every file in the .vsix (zip paths, `extension/…` for the extension's own files). */
export function vsixEntries(vsix: string): Promise<string[]> {
  return walkZip(vsix, async (e) => e.fileName);
}

/** Unpacks the .vsix into `dir`; returns the extension folder (`dir/extension`). */
export async function unpackVsix(vsix: string, dir: string): Promise<string> {
  await walkZip<void>(vsix, (e, z) => {
    const to = path.resolve(dir, e.fileName);
    if (!to.startsWith(path.resolve(dir) + path.sep)) throw new Error(`zip entry outside the folder: ${e.fileName}`);
    if (e.fileName.endsWith('/')) {
      fs.mkdirSync(to, { recursive: true });
      return Promise.resolve();
    }
    fs.mkdirSync(path.dirname(to), { recursive: true });
    return new Promise<void>((resolve, reject) =>
      z.openReadStream(e, (err, s) => {
        if (err) return reject(err);
        s.pipe(fs.createWriteStream(to)).on('finish', resolve).on('error', reject);
      }),
    );
  });
  return path.join(dir, 'extension');
}

function walkZip<T>(vsix: string, each: (e: ZipEntry, z: ZipFile) => Promise<T>): Promise<T[]> {
  return new Promise((resolve, reject) =>
    yauzl().open(vsix, { lazyEntries: true }, (err, z) => {
      if (err) return reject(err);
      const out: T[] = [];
      z.on('error', reject);
      z.on('entry', (e) =>
        each(e, z).then((v) => {
          out.push(v);
          z.readEntry();
        }, reject),
      );
      z.on('end', () => resolve(out));
      z.readEntry();
    }),
  );
}
