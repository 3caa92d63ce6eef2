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

/** Replaces the file's content: through its link to the real file, keeping its mode; a file with other
 *  hard links is written in place (a rename would split them); else through a temp file created
 *  exclusively beside it (never an existing one, never through a planted link) and removed on failure. */
export function rewriteFile(file: string, bytes: Buffer): void {
  const real = fs.realpathSync(file);
  const st = fs.statSync(real);
  if (!st.isFile()) throw new Error(`${file} is not a regular file`);
  if (st.nlink > 1) {
    fs.writeFileSync(real, bytes);
    return;
  }
  const tmp = path.join(
    path.dirname(real),
    `.${path.basename(real)}.mips-port-${crypto.randomBytes(6).toString('hex')}.tmp`,
  );
  const fd = fs.openSync(
    tmp,
    fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW,
    st.mode & 0o7777,
  );
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
    fs.fchmodSync(fd, st.mode & 0o7777);
    fs.closeSync(fd);
    fs.renameSync(tmp, real);
  } catch (e) {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
