// Writing a user's file back (mips-port port --write) without changing what it must not: its bytes
// outside the edits (byte-order mark, line endings), its encoding, its mode, and its link identity.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface TextFile {
  /** The text with `\n` (or the file's `\r\n`) line endings, without the byte-order mark. */
  text: string;
  bom: boolean;
  /** Old Mac files end lines with `\r` alone: analysed with `\n`, written back with `\r`. */
  crOnly: boolean;
}

export type DecodeResult = { ok: true; file: TextFile } | { ok: false; reason: string };

export function decodeTextFile(bytes: Buffer): DecodeResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { ok: false, reason: 'it is not UTF-8 text (rewriting it would replace its other bytes)' };
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  const crOnly = !text.includes('\n') && text.includes('\r');
  return { ok: true, file: { text: crOnly ? text.replace(/\r/g, '\n') : text, bom, crOnly } };
}

export function encodeTextFile(text: string, f: Pick<TextFile, 'bom' | 'crOnly'>): Buffer {
  const body = f.crOnly ? text.replace(/\n/g, '\r') : text;
  return Buffer.from((f.bom ? '\ufeff' : '') + body, 'utf8');
}

/** Why `file` is not rewritten, or undefined: not a regular file, read-only, or its owner could not be kept. */
export function rewriteProblem(file: string): string | undefined {
  let st: fs.Stats;
  try {
    st = fs.statSync(fs.realpathSync(file));
  } catch (e) {
    return `${file}: ${(e as Error).message}`;
  }
  if (!st.isFile()) return `${file} is not a regular file`;
  if ((st.mode & 0o222) === 0)
    return `${file} is read-only (mode ${(st.mode & 0o777).toString(8)}): not written (make it writable to port it in place)`;
  const uid = process.getuid?.();
  if (uid !== undefined && uid !== 0 && st.uid !== uid)
    return `${file} belongs to another user: not written (its owner would change)`;
  return undefined;
}

/** Writes all of `bytes` at `position` (a write may take only part of them, e.g. at a file-size limit). */
function writeAll(fd: number, bytes: Buffer, position = 0): void {
  for (let off = 0; off < bytes.length;) {
    const n = fs.writeSync(fd, bytes, off, bytes.length - off, position + off);
    if (n <= 0) throw new Error('the write made no progress');
    off += n;
  }
}

/** Replaces the file's content, never truncating it before the new text is on disk: the text goes to a
 *  temp file created exclusively beside the real file (never an existing one, never through a planted
 *  link) with the original's mode and owner, synced, then renamed over it. A file with other hard links
 *  is written through (a rename would split the names): from the synced temp file's safety, over the old
 *  bytes and then cut to length, and put back as it was if that fails (a full disk, a size limit). On any
 *  failure the original is unchanged. Files `rewriteProblem` names are refused. */
export function rewriteFile(file: string, bytes: Buffer): void {
  const problem = rewriteProblem(file);
  if (problem) throw new Error(problem);
  const real = fs.realpathSync(file);
  const st = fs.statSync(real);
  const tmp = path.join(
    path.dirname(real),
    `.${path.basename(real)}.mips-port-${crypto.randomBytes(6).toString('hex')}.tmp`,
  );
  const fd = fs.openSync(
    tmp,
    fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW,
    0o600,
  );
  let open = true;
  try {
    writeAll(fd, bytes);
    if (st.uid !== process.getuid?.() || st.gid !== process.getgid?.()) fs.fchownSync(fd, st.uid, st.gid);
    fs.fchmodSync(fd, st.mode & 0o7777);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    open = false;
    if (st.nlink > 1) writeThrough(real, bytes);
    else fs.renameSync(tmp, real);
    syncFolder(path.dirname(real));
  } catch (e) {
    if (open) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw new Error(`${file} was not written (it is unchanged): ${(e as Error).message}`);
  }
  fs.rmSync(tmp, { force: true });
}

/** Overwrites a hard-linked file in place without truncating first; puts the old bytes back on failure
 *  (they fit: the file held them, and overwriting blocks it holds takes no new space). */
function writeThrough(real: string, bytes: Buffer): void {
  const old = fs.readFileSync(real);
  const fd = fs.openSync(real, fs.constants.O_WRONLY);
  try {
    try {
      writeAll(fd, bytes);
      if (bytes.length < old.length) fs.ftruncateSync(fd, bytes.length);
      fs.fsyncSync(fd);
    } catch (e) {
      writeAll(fd, old);
      fs.ftruncateSync(fd, old.length);
      fs.fsyncSync(fd);
      throw e;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** The rename itself on disk (best effort: some file systems refuse to sync a folder). */
function syncFolder(dir: string): void {
  try {
    const fd = fs.openSync(dir, fs.constants.O_RDONLY);
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // the data is synced; only the rename's durability is left to the file system
  }
}
