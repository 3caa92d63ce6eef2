// A minimal registry token service (the Docker token auth spec): issues RS256 JWTs whose x5c header
// carries a self-signed certificate that the registry trusts through `rootcertbundle`.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { freePort } from './registry';
import { selfSignedCertificate } from './openssl';

export interface TokenServer {
  realm: string;
  service: string;
  issuer: string;
  certFile: string;
  /** Requests seen: scope and whether Basic credentials were valid. */
  requests: { scope: string | null; authed: boolean }[];
  close(): Promise<void>;
}

function b64url(b: Buffer | string): string {
  return Buffer.from(b).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

export async function startTokenServer(dir: string, user: string, password: string): Promise<TokenServer> {
  const keyFile = path.join(dir, 'token.key');
  const certFile = path.join(dir, 'token.crt');
  selfSignedCertificate(keyFile, certFile, '/CN=mips-port-test-token-issuer');
  const key = crypto.createPrivateKey(fs.readFileSync(keyFile));
  const der = new crypto.X509Certificate(fs.readFileSync(certFile)).raw;
  const service = 'mips-port-test-registry';
  const issuer = 'mips-port-test-issuer';
  const port = await freePort();
  const requests: TokenServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const auth = req.headers.authorization ?? '';
    const authed = auth === 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
    const scope = u.searchParams.get('scope');
    requests.push({ scope, authed });
    if (!authed) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"details":"bad credentials"}');
      return;
    }
    const access = [];
    for (const s of (scope ?? '').split(' ').filter(Boolean)) {
      const [type, name, actions] = s.split(':');
      access.push({ type, name, actions: (actions ?? '').split(',') });
    }
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: 'JWT', alg: 'RS256', x5c: [der.toString('base64')] };
    const claims = {
      iss: issuer,
      sub: user,
      aud: service,
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: crypto.randomBytes(8).toString('hex'),
      access,
    };
    const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const sig = crypto.sign('RSA-SHA256', Buffer.from(signingInput), key);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ token: `${signingInput}.${b64url(sig)}`, expires_in: 300, issued_at: new Date().toISOString() }),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    certFile,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A Bearer token for the test's own pushes. */
export async function fetchToken(ts: TokenServer, user: string, password: string, scope: string): Promise<string> {
  const u = new URL(ts.realm);
  u.searchParams.set('service', ts.service);
  u.searchParams.set('scope', scope);
  const r = await fetch(u, {
    headers: { authorization: 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64') },
  });
  const j = (await r.json()) as { token: string };
  return `Bearer ${j.token}`;
}
