// A Debian-format repository for tests, signed like the archive: a throwaway OpenPGP key (gpg) signs an
// InRelease that lists every index file's SHA256 and size; its public key is the keyring gpgv checks with.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const haveGpg = (): boolean =>
  spawnSync('gpg', ['--version']).status === 0 && spawnSync('gpgv', ['--version']).status === 0;

export interface SigningKey {
  keyring: string;
  sign(text: string): Buffer;
  close(): void;
}

export function signingKey(): SigningKey {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-gpg-'));
  const gpg = (args: string[], input?: string) => {
    const r = spawnSync(
      'gpg',
      ['--homedir', home, '--batch', '--pinentry-mode', 'loopback', '--passphrase', '', ...args],
      {
        input,
      },
    );
    if (r.status !== 0) throw new Error(`gpg ${args.join(' ')}: ${r.stderr.toString()}`);
    return r.stdout;
  };
  gpg(['--quick-gen-key', 'mips-port test archive <archive@example.invalid>', 'ed25519', 'sign', 'never']);
  const keyring = path.join(home, 'test-archive.gpg');
  fs.writeFileSync(keyring, gpg(['--export']));
  return {
    keyring,
    sign: (text) => gpg(['--clearsign', '--output', '-'], text),
    close: () => {
      spawnSync('gpgconf', ['--homedir', home, '--kill', 'all']);
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/** The Release text for `files` (paths under dists/<suite>/), as the archive writes it. */
export function releaseText(codename: string, files: Record<string, Buffer>, extra = ''): string {
  const sums = Object.entries(files).map(
    ([p, b]) => ` ${crypto.createHash('sha256').update(b).digest('hex')} ${String(b.length).padStart(9)} ${p}`,
  );
  return `Origin: Test\nSuite: test\nCodename: ${codename}\nDate: ${new Date().toUTCString()}\n${extra}SHA256:\n${sums.join('\n')}\n`;
}
