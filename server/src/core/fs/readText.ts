// The one way mips-port reads a user's file: regular files only (never a FIFO, a device or a kernel
// file), and never more than a cap, so a hostile workspace cannot hang, exhaust or leak through it.
import fs from 'node:fs';

/** Dockerfiles, YAML, manifest.go. */
export const DOCUMENT_CAP_BYTES = 5 * 1024 * 1024;
/** BASEIMAGE, VERSION and other small files beside a Dockerfile. */
export const SIDE_FILE_CAP_BYTES = 1024 * 1024;

export type ReadResult = { ok: true; text: string } | { ok: false; reason: string; absent?: boolean };
export type BytesResult = { ok: true; bytes: Buffer } | { ok: false; reason: string; absent?: boolean };

// kernel and device trees: their "regular" files (environ, kcore) are not a user's data
const SPECIAL_TREES = /^\/(proc|sys|dev)(\/|$)/;

/** The file's bytes, on the same terms (for callers that decode or rewrite them themselves). */
export function readRegularBytes(file: string, capBytes = DOCUMENT_CAP_BYTES): BytesResult {
  let real: string;
  try {
    // absent is the common answer for side files: statSync says so without building an exception
    if (!fs.statSync(file, { throwIfNoEntry: false })) return { ok: false, absent: true, reason: 'no such file' };
    real = fs.realpathSync.native(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      ok: false,
      absent: code === 'ENOENT' || code === 'ENOTDIR',
      reason: code === 'ENOENT' ? 'no such file' : (e as Error).message,
    };
  }
  if (SPECIAL_TREES.test(real)) return { ok: false, reason: `it leads to ${real}, a kernel or device file` };
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer
    fd = fs.openSync(real, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile())
      return {
        ok: false,
        reason: st.isDirectory() ? 'it is a directory' : 'it is not a regular file (a FIFO, socket or device)',
      };
    if (st.size > capBytes)
      return { ok: false, reason: `it is ${formatSize(st.size)}, over the ${formatSize(capBytes)} mips-port reads` };
    const buf = Buffer.alloc(Math.min(capBytes + 1, Math.max(st.size, 4096)));
    let n = 0;
    for (;;) {
      if (n === buf.length) break;
      const got = fs.readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
    }
    if (n > capBytes) return { ok: false, reason: `it is over the ${formatSize(capBytes)} mips-port reads` };
    return { ok: true, bytes: buf.subarray(0, n) };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  } finally {
    fs.closeSync(fd);
  }
}

export function readRegularFile(file: string, capBytes = DOCUMENT_CAP_BYTES): ReadResult {
  const r = readRegularBytes(file, capBytes);
  return r.ok ? { ok: true, text: r.bytes.toString('utf8') } : r;
}

/** A file's text, or undefined when it is absent or cannot be read safely (sibling files, plans). */
export function readTextFile(file: string, capBytes = SIDE_FILE_CAP_BYTES): string | undefined {
  const r = readRegularFile(file, capBytes);
  return r.ok ? r.text : undefined;
}

export function formatSize(bytes: number): string {
  return bytes >= 1048576 ? `${Math.round(bytes / 1048576)} MB` : `${Math.round(bytes / 1024)} KB`;
}
