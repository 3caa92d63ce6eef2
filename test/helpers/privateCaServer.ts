// An https server on this machine's docker bridge whose certificate a CA made here signs: what a build
// container can reach without the host network's TLS interception, and trusts only when the image
// installs that CA the way a user would (ca-certificates + /usr/local/share/ca-certificates).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { openssl, selfSignedCertificate } from './openssl';

export interface PrivateCaServer {
  /** `https://<bridge address>:<port>` */
  origin: string;
  /** The CA's certificate (PEM), for the Dockerfile's build context. */
  caPem: string;
  /** Paths asked for, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** The address build containers reach this machine by: the default bridge's gateway. */
export function dockerBridgeAddress(): string {
  const r = spawnSync(
    'docker',
    ['network', 'inspect', 'bridge', '--format', '{{range .IPAM.Config}}{{.Gateway}} {{end}}'],
    { encoding: 'utf8', timeout: 30000 },
  );
  const ip = r.stdout?.split(/\s+/).find((x) => /^\d+\.\d+\.\d+\.\d+$/.test(x));
  if (r.status !== 0 || !ip) throw new Error(`no IPv4 gateway on docker's bridge network: ${r.stderr || r.stdout}`);
  return ip;
}

export async function startPrivateCaServer(dir: string, files: Record<string, string>): Promise<PrivateCaServer> {
  const host = dockerBridgeAddress();
  const f = (n: string) => path.join(dir, n);
  selfSignedCertificate(f('ca.key'), f('ca.crt'), '/CN=mips-port test private CA', [
    'basicConstraints=critical,CA:TRUE',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  openssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f('server.key'),
    '-out',
    f('server.csr'),
    '-subj',
    `/CN=${host}`,
  ]);
  fs.writeFileSync(f('server.ext'), `subjectAltName=IP:${host}\nextendedKeyUsage=serverAuth\n`);
  openssl([
    'x509',
    '-req',
    '-in',
    f('server.csr'),
    '-CA',
    f('ca.crt'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-out',
    f('server.crt'),
    '-days',
    '2',
    '-extfile',
    f('server.ext'),
  ]);
  const requests: string[] = [];
  const server = https.createServer(
    { key: fs.readFileSync(f('server.key')), cert: fs.readFileSync(f('server.crt')) },
    (req, res) => {
      requests.push(req.url ?? '/');
      const body = files[req.url ?? '/'];
      res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/plain' });
      res.end(body ?? 'not found\n');
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve((server.address() as { port: number }).port));
  });
  return {
    origin: `https://${host}:${port}`,
    caPem: fs.readFileSync(f('ca.crt'), 'utf8'),
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
