// HTTP_PROXY / NO_PROXY for every fetch, not only the registry look-ups: a Debian index read and the
// mirror's registry copy go through the proxy the environment names (a counting proxy on loopback in
// front of a real docker-registry and a signed Debian-format repository), the target still passes the
// URL guard, and the proxy's own login goes to the proxy.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import zlib from 'node:zlib';
import { parseImageRef } from '../../server/src/core/imageRef';
import { copyImage } from '../../server/src/core/mirror/copyImage';
import { routeTo } from '../../server/src/core/net/proxyRoute';
import { fetchDebianIndex } from '../../server/src/core/packages/fetchIndex';
import { parsePlatform } from '../../server/src/core/platform';
import { RegistryClient } from '../../server/src/core/registry/client';
import { RegistryWriter } from '../../server/src/core/registry/writer';
import { CountingProxy, startCountingProxy } from '../helpers/countingProxy';
import { haveGpg, releaseText, signingKey, SigningKey } from '../helpers/debianRepo';
import { MT, Pusher, registryBinary, requireService, RunningRegistry, startRegistry } from '../helpers/registry';

const skip =
  requireService('docker-registry', !!registryBinary(), 'apt-get install docker-registry') ||
  requireService('gpg and gpgv', haveGpg(), 'apt-get install gpg gpgv');

// the names the tests use resolve to a public address here (no DNS query leaves the machine); only the
// proxy knows they lead to loopback
const lookup = async () => ['93.184.216.34'];
const ref = (s: string) => {
  const r = parseImageRef(s);
  assert.ok(r.ok);
  return r.ref;
};

describe('HTTP_PROXY for Debian indexes and the mirror copy (registry tier)', { skip }, () => {
  const saved = { http: process.env.HTTP_PROXY, https: process.env.HTTPS_PROXY, no: process.env.NO_PROXY };
  let registry: RunningRegistry;
  let registryProxy: CountingProxy;
  let debian: http.Server;
  let debianProxy: CountingProxy;
  let key: SigningKey;

  const useProxy = (p: CountingProxy | undefined, no = '') => {
    if (p) process.env.HTTP_PROXY = p.url;
    else delete process.env.HTTP_PROXY;
    process.env.NO_PROXY = no;
  };

  before(async () => {
    delete process.env.HTTPS_PROXY;
    key = signingKey();
    const files: Record<string, Buffer> = {
      'main/binary-mips64el/Packages.gz': zlib.gzipSync('Package: curl\nVersion: 1\n\nPackage: procps\nVersion: 1\n'),
      'main/Contents-mips64el.gz': zlib.gzipSync('usr/bin/curl  web/curl\n'),
    };
    files.InRelease = key.sign(releaseText('proxied', files));
    debian = http.createServer((req, res) => {
      const m = /^\/debian\/dists\/proxied\/(.*)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
      const body = m ? files[m[1]] : undefined;
      if (!body) return res.writeHead(404).end();
      res.writeHead(200).end(body);
    });
    await new Promise<void>((r) => debian.listen(0, '127.0.0.1', r));
    debianProxy = await startCountingProxy(`http://127.0.0.1:${(debian.address() as net.AddressInfo).port}`);
    registry = await startRegistry();
    registryProxy = await startCountingProxy(registry.url);
    await new Pusher(registry.url).index('library/busybox', '1.36', ['linux/amd64', 'linux/mips64le']);
  });

  after(async () => {
    for (const [k, v] of [
      ['HTTP_PROXY', saved.http],
      ['HTTPS_PROXY', saved.https],
      ['NO_PROXY', saved.no],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    debian?.close();
    await Promise.all([debianProxy?.close(), registryProxy?.close(), registry?.stop()]);
    key?.close();
  });

  test("a Debian mirror's InRelease and indexes are fetched through HTTP_PROXY", async () => {
    useProxy(debianProxy);
    const d = await fetchDebianIndex({
      mirror: 'http://deb.example/debian',
      suite: 'proxied',
      arch: 'mips64el',
      timeoutMs: 10000,
      keyrings: [key.keyring],
      lookup,
    });
    assert.deepEqual(d.names, ['curl', 'procps']);
    assert.deepEqual(debianProxy.requests.map((r) => r.path).sort(), [
      '/debian/dists/proxied/InRelease',
      '/debian/dists/proxied/main/Contents-mips64el.gz',
      '/debian/dists/proxied/main/binary-mips64el/Packages.gz',
    ]);
  });

  test('NO_PROXY (the host, a domain suffix, host:port) and loopback go direct; anything else via the proxy', async () => {
    useProxy(debianProxy, 'deb.example,.internal.example,reg.example:5000');
    const via = async (u: string) =>
      (await routeTo(new URL(u), { reach: 2, connectTimeoutMs: 1000, headers: {}, lookup })).options.host;
    const proxyHost = new URL(debianProxy.url).hostname;
    assert.equal(await via('http://deb.example/debian/'), 'deb.example');
    assert.equal(await via('http://mirror.internal.example/debian/'), 'mirror.internal.example');
    assert.equal(await via('http://reg.example:5000/v2/'), 'reg.example');
    assert.equal(await via('http://127.0.0.1:5000/v2/'), '127.0.0.1');
    assert.equal(await via('http://localhost:5000/v2/'), 'localhost');
    assert.equal(await via('http://reg.example:5001/v2/'), proxyHost);
    assert.equal(await via('http://ftp.debian.example/debian/'), proxyHost);
  });

  test("the mirror's copy goes through HTTP_PROXY, blobs and manifests, source and destination", async () => {
    useProxy(registryProxy);
    const client = new RegistryClient({
      insecure: ['src.example', 'dst.example'],
      timeoutMs: 10000,
      connectTimeoutMs: 3000,
      retries: 0,
      lookup,
    });
    const writer = new RegistryWriter({ client, lookup });
    const platform = parsePlatform('linux/mips64le');
    assert.ok(platform.ok);
    const r = await copyImage({
      writer,
      client,
      from: ref('src.example/library/busybox:1.36'),
      to: ref('dst.example/mirror/library/busybox:1.36'),
      target: platform.platform,
      holders: new Map(),
      label: 'busybox',
    });
    assert.ok(r.digest, 'copied');
    const paths = registryProxy.requests.map((q) => `${q.method} ${q.path}`);
    assert.ok(paths.includes('GET /v2/library/busybox/manifests/1.36'), paths.join('\n'));
    assert.ok(paths.some((p) => /^PUT \/v2\/mirror\/library\/busybox\/manifests\/1\.36$/.test(p)));
    assert.ok(
      paths.some((p) => /^(HEAD|GET|POST|PUT) \/v2\/mirror\/library\/busybox\/blobs\//.test(p)),
      'blobs too',
    );
    // the copy is real: the registry now holds the tag
    const back = await fetch(`${registry.url}/v2/mirror/library/busybox/manifests/1.36`, {
      method: 'HEAD',
      headers: { accept: [MT.ociIndex, MT.dockerList, MT.ociManifest, MT.dockerManifest].join(', ') },
    });
    assert.equal(back.status, 200);
  });

  test('a proxied target is still guarded; the proxy gets its own login as Proxy-Authorization', async () => {
    process.env.HTTP_PROXY = 'http://me:proxy-secret@127.0.0.1:9';
    process.env.NO_PROXY = '';
    const metadata = async () => ['169.254.169.254'];
    await assert.rejects(
      routeTo(new URL('http://meta.example/latest/'), {
        reach: 2,
        connectTimeoutMs: 1000,
        headers: {},
        lookup: metadata,
      }),
      /resolves to 169\.254\.169\.254/,
    );
    const route = await routeTo(new URL('http://registry.example/v2/'), {
      reach: 2,
      connectTimeoutMs: 1000,
      headers: {},
      lookup,
    });
    const headers = route.options.headers as Record<string, string>;
    assert.equal(headers['proxy-authorization'], 'Basic ' + Buffer.from('me:proxy-secret').toString('base64'));
    assert.equal(headers.host, 'registry.example', 'the target is named, not the proxy');
    assert.equal(route.options.path, 'http://registry.example/v2/');
  });
});
