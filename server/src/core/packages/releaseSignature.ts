// What apt checks first: `InRelease` is signed by a key of Debian's archive keyring. gpgv (Debian's
// `gpgv`, keys from `debian-archive-keyring`) checks it, spawned with an argument array, the signed
// file on stdin; only the text gpgv vouches for (its --output) is used, never what surrounds it.
import path from 'node:path';
import { childProcess } from '../lazyBuiltins';

export const DEBIAN_ARCHIVE_KEYRING = '/usr/share/keyrings/debian-archive-keyring.gpg';

/** The keyrings InRelease must be signed with: `$MIPS_PORT_DEBIAN_KEYRING` (a mirror of your own, signed
 *  with your key; several joined like PATH), else Debian's archive keyring. */
export function debianKeyrings(env = process.env.MIPS_PORT_DEBIAN_KEYRING): string[] {
  const own = (env ?? '').split(path.delimiter).filter(Boolean);
  return own.length ? own : [DEBIAN_ARCHIVE_KEYRING];
}

export type Verified = { ok: true; text: string } | { ok: false; why: string };

const MAX_OUTPUT = 8 * 1024 * 1024;

/** The signed text of an InRelease when a key of the keyrings signed it, else why not. */
export function verifyInRelease(signed: Buffer, keyrings: string[], timeoutMs = 20000): Promise<Verified> {
  return new Promise((resolve) => {
    const args = ['--status-fd', '2', ...keyrings.flatMap((k) => ['--keyring', k]), '--output', '-'];
    let child;
    try {
      child = childProcess().spawn('gpgv', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (e) {
      resolve({ ok: false, why: `gpgv could not start: ${(e as Error).message}` });
      return;
    }
    const out: Buffer[] = [];
    let size = 0;
    let status = '';
    let done = false;
    const finish = (v: Verified) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      resolve(v);
    };
    const timer = setTimeout(() => finish({ ok: false, why: `gpgv did not answer within ${timeoutMs} ms` }), timeoutMs);
    child.on('error', (e: NodeJS.ErrnoException) =>
      finish({
        ok: false,
        why:
          e.code === 'ENOENT'
            ? 'gpgv is not installed (apt-get install gpgv debian-archive-keyring)'
            : `gpgv: ${e.message}`,
      }),
    );
    child.stdout.on('data', (d: Buffer) => {
      size += d.length;
      if (size > MAX_OUTPUT) finish({ ok: false, why: 'InRelease is too large' });
      else out.push(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      if (status.length < MAX_OUTPUT) status += d.toString('utf8');
    });
    child.stdin.on('error', () => undefined); // gpgv may stop reading early; its status says why
    child.on('close', (code) => {
      const lines = status.split('\n').filter((l) => l.startsWith('[GNUPG:] '));
      const has = (k: string) => lines.some((l) => l.startsWith(`[GNUPG:] ${k} `) || l === `[GNUPG:] ${k}`);
      if (code === 0 && has('GOODSIG') && has('VALIDSIG') && !has('EXPKEYSIG') && !has('REVKEYSIG'))
        return finish({ ok: true, text: Buffer.concat(out).toString('utf8') });
      const why = has('BADSIG')
        ? 'bad signature (the file was changed after it was signed)'
        : has('NO_PUBKEY')
          ? `not signed by a key of ${keyrings.map((k) => path.basename(k)).join(', ')}`
          : has('EXPKEYSIG') || has('REVKEYSIG')
            ? 'signed by an expired or revoked key'
            : `no valid signature (gpgv exit ${code})`;
      finish({ ok: false, why });
    });
    child.stdin.end(signed);
  });
}
