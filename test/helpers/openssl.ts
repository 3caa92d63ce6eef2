// openssl for the tests' own certificates (a token issuer's, a private CA's), run with an argument array.
import { spawnSync } from 'node:child_process';

export function openssl(args: string[]): void {
  const r = spawnSync('openssl', args, { encoding: 'utf8', timeout: 60000 });
  if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr || r.error}`);
}

/** A new RSA key and a self-signed certificate for `subject`, valid two days; `extensions` as -addext values. */
export function selfSignedCertificate(keyFile: string, certFile: string, subject: string, extensions: string[] = []) {
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-days',
    '2',
    '-subj',
    subject,
    ...extensions.flatMap((e) => ['-addext', e]),
  ]);
}
