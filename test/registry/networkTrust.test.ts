// Where credentials and requests may go, end to end. A loopback server plays the hosts a workspace can
// name: it is the HTTP proxy every plain-http request to a non-loopback host goes through, so it sees
// what `http://index.docker.io` or a token realm on another host would have received. A real
// docker-registry with htpasswd stands for the user's own mirror on this machine.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImageRef, parseImageRef } from '../../server/src/core/imageRef';
import { RegistryClient, RegistryClientOptions } from '../../server/src/core/registry/client';
import { DockerCredentials } from '../../server/src/core/registry/dockerConfig';
import { Pusher, registryBinary, requireService, RunningRegistry, startRegistry } from '../helpers/registry';

const skip = requireService('docker-registry', !!registryBinary(), 'apt-get install docker-registry apache2-utils');

const PASSWORDS: Record<string, string> = {
  'https://index.docker.io/v1/': 'hub-password',
  'mirror.example': 'mirror-password',
  'insecure.example': 'insecure-password',
  'tokens.example': 'tokens-password',
};

interface Seen {
  url: string;
  authorization?: string;
}

const ref = (s: string): ImageRef => {
  const r = parseImageRef(s);
  if (!r.ok) throw new Error(r.error);
  return r.ref;
};

/** Counts connections: a host the guard refuses must never see one. */
async function connectionCounter(): Promise<{ port: number; count: () => number; close: () => void }> {
  let n = 0;
  const server = net.createServer((s) => {
    n++;
    s.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as net.AddressInfo).port, count: () => n, close: () => server.close() };
}

describe('credentials and the URL guard (registry tier)', { skip }, () => {
  let work: string;
  let proxy: http.Server;
  let faults: http.Server;
  let faultHost: string;
  let counter: Awaited<ReturnType<typeof connectionCounter>>;
  let own: RunningRegistry;
  const seen: Seen[] = [];
  const saved = { http: process.env.HTTP_PROXY, no: process.env.NO_PROXY };
  // every name the workspace uses resolves to a public address (no DNS query leaves the machine)
  const lookup = async () => ['93.184.216.34'];

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-trust-'));
    counter = await connectionCounter();
    proxy = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://proxy.invalid');
      seen.push({ url: url.href, authorization: req.headers.authorization });
      if (url.hostname === 'tokens.example') return res.writeHead(200).end('{"token":"t0k"}');
      if (req.headers.authorization === 'Bearer t0k') return res.writeHead(404).end();
      if (url.hostname === 'mirror.example')
        return res
          .writeHead(401, { 'www-authenticate': 'Bearer realm="http://tokens.example/token",service="mirror"' })
          .end();
      if (url.pathname.includes('/realm-into-loopback/'))
        return res
          .writeHead(401, { 'www-authenticate': `Bearer realm="http://[::ffff:7f00:1]:${counter.port}/token"` })
          .end();
      if (url.pathname.includes('/redirect-into-loopback/'))
        return res.writeHead(302, { location: `http://127.0.0.1:${counter.port}/blob` }).end();
      res.writeHead(401, { 'www-authenticate': 'Basic realm="registry"' }).end();
    });
    faults = http.createServer((req, res) => {
      const u = req.url ?? '';
      if (u.includes('/realm-file/'))
        return res.writeHead(401, { 'www-authenticate': 'Bearer realm="file:///etc/passwd"' }).end();
      if (u.includes('/realm-unspecified/'))
        return res.writeHead(401, { 'www-authenticate': `Bearer realm="http://0.0.0.0:${counter.port}/t"` }).end();
      if (u.includes('/realm-metadata/'))
        return res.writeHead(401, { 'www-authenticate': 'Bearer realm="http://[::ffff:a9fe:a9fe]/token"' }).end();
      if (u.includes('/redirect-metadata/'))
        return res.writeHead(302, { location: 'http://[::ffff:169.254.169.254]/latest/meta-data/' }).end();
      res.writeHead(404).end();
    });
    await Promise.all([
      new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r)),
      new Promise<void>((r) => faults.listen(0, '127.0.0.1', r)),
    ]);
    faultHost = `127.0.0.1:${(faults.address() as net.AddressInfo).port}`;
    own = await startRegistry({ htpasswd: { user: 'me', password: 'own-mirror-password' } });
    const basic = 'Basic ' + Buffer.from('me:own-mirror-password').toString('base64');
    await new Pusher(own.url, basic).index('library/alpine', '3.18', ['linux/amd64', 'linux/mips64le']);
    const auths: Record<string, { auth: string }> = {};
    for (const [host, pw] of Object.entries(PASSWORDS))
      auths[host] = { auth: Buffer.from(`user:${pw}`).toString('base64') };
    auths[own.host] = { auth: Buffer.from('me:own-mirror-password').toString('base64') };
    fs.writeFileSync(path.join(work, 'config.json'), JSON.stringify({ auths }));
    process.env.HTTP_PROXY = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
    process.env.NO_PROXY = '';
  });

  after(async () => {
    process.env.HTTP_PROXY = saved.http;
    process.env.NO_PROXY = saved.no;
    if (saved.http === undefined) delete process.env.HTTP_PROXY;
    if (saved.no === undefined) delete process.env.NO_PROXY;
    proxy?.close();
    faults?.close();
    counter?.close();
    await own?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  const client = (o: RegistryClientOptions) =>
    new RegistryClient({
      timeoutMs: 3000,
      connectTimeoutMs: 1000,
      retries: 0,
      lookup,
      credentials: new DockerCredentials(path.join(work, 'config.json')),
      ...o,
    });

  test('a workspace that turns Docker Hub into http://index.docker.io gets no password over http', async () => {
    seen.length = 0;
    const c = client({ mirrors: { 'docker.io': 'http://index.docker.io' }, insecure: ['index.docker.io'] });
    await assert.rejects(c.platforms(ref('alpine:3.18')), /401/);
    assert.ok(
      seen.some((s) => s.url.startsWith('http://index.docker.io/v2/library/alpine/')),
      'the mirror was asked',
    );
    assert.deepEqual(
      seen.filter((s) => s.authorization),
      [],
    );
  });

  test('an insecure registry with a login of its own: the password is kept back, and the verdict says why', async () => {
    seen.length = 0;
    const c = client({ insecure: ['insecure.example'] });
    await assert.rejects(
      c.platforms(ref('insecure.example/team/app:1')),
      /not sent to insecure\.example over plain http/,
    );
    assert.equal(seen.length, 1);
    assert.equal(seen[0].authorization, undefined);
  });

  test('a token realm on another host over http gets no credentials; the token it issues is used', async () => {
    seen.length = 0;
    const c = client({
      mirrors: { 'docker.io': 'http://mirror.example' },
      insecure: ['mirror.example', 'tokens.example'],
    });
    await assert.rejects(c.platforms(ref('alpine:3.18')), /404/);
    const realm = seen.filter((s) => s.url.startsWith('http://tokens.example/token'));
    assert.equal(realm.length, 1);
    assert.equal(realm[0].authorization, undefined);
    for (const s of seen)
      assert.ok(!s.authorization || s.authorization === 'Bearer t0k', `${s.url}: ${s.authorization}`);
  });

  test("the user's own mirror on this machine gets its own login, never Docker Hub's", async () => {
    const c = client({ mirrors: { 'docker.io': own.url } });
    const info = await c.platforms(ref('alpine:3.18'));
    assert.ok(info.viaMirror);
    assert.ok(info.platforms.some((p) => p.architecture === 'mips64le'));
  });

  test('realms and redirects to forbidden places are refused before any connection', async () => {
    const c = client({ insecure: [faultHost, 'public.example'] });
    const cases: [string, RegExp][] = [
      [`${faultHost}/x/realm-file:1`, /file: is never followed/],
      [`${faultHost}/x/realm-unspecified:1`, /unspecified address/],
      [`${faultHost}/x/realm-metadata:1`, /link-local/],
      [`${faultHost}/x/redirect-metadata:1`, /link-local/],
      ['public.example/x/realm-into-loopback:1', /loopback address: not followed from a public host/],
      ['public.example/x/redirect-into-loopback:1', /loopback address: not followed from a public host/],
    ];
    for (const [image, why] of cases) await assert.rejects(c.platforms(ref(image)), why, image);
    assert.equal(counter.count(), 0, 'nothing connected to the loopback port behind the forbidden URLs');
  });
});
