import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseChallenges } from '../../server/src/core/registry/authChallenge';
import { parseManifest, parseConfigBlob } from '../../server/src/core/registry/manifest';
import { noProxyMatches, proxyFor } from '../../server/src/core/net/proxy';
import { DockerCredentials } from '../../server/src/core/registry/dockerConfig';
import { normaliseSettings } from '../../server/src/core/settings';
import { redirectRefusal } from '../../server/src/core/net/urlGuard';
import { httpGet } from '../../server/src/core/registry/http';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { tempDir } from '../helpers/tempDirs';

test('WWW-Authenticate challenges: Bearer with quoted params, Basic', () => {
  const [c] = parseChallenges(
    'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"',
  );
  assert.equal(c.scheme, 'bearer');
  assert.deepEqual(c.params, {
    realm: 'https://auth.docker.io/token',
    service: 'registry.docker.io',
    scope: 'repository:library/alpine:pull',
  });
  assert.equal(parseChallenges('Basic realm="Registry Realm"')[0].scheme, 'basic');
  assert.deepEqual(parseChallenges(undefined), []);
  assert.doesNotThrow(() => parseChallenges('"",,,=Bearer realm'));
});

test('manifests: index platforms without attestations, single manifests point at their config', () => {
  const idx = parseManifest(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        manifests: [
          { platform: { os: 'linux', architecture: 'mips64le' } },
          {
            platform: { os: 'unknown', architecture: 'unknown' },
            annotations: { 'vnd.docker.reference.type': 'attestation-manifest' },
          },
          { platform: { os: 'linux', architecture: 'arm', variant: 'v7' } },
          { digest: 'sha256:x' },
        ],
      }),
    ),
    'application/vnd.oci.image.index.v1+json',
  );
  assert.equal(idx.kind, 'index');
  if (idx.kind === 'index')
    assert.deepEqual(idx.platforms, [
      { os: 'linux', architecture: 'mips64le', variant: undefined },
      { os: 'linux', architecture: 'arm', variant: 'v7' },
    ]);
  const one = parseManifest(
    Buffer.from(JSON.stringify({ schemaVersion: 2, config: { digest: 'sha256:' + 'a'.repeat(64) } })),
    undefined,
  );
  assert.equal(one.kind, 'manifest');
  const v1 = parseManifest(Buffer.from(JSON.stringify({ schemaVersion: 1, architecture: 'amd64' })), undefined);
  assert.equal(v1.kind, 'platform');
  for (const bad of ['', 'null', '[]', '{"schemaVersion":2}', '{"manifests": 3}', 'garbage'])
    assert.throws(() => parseManifest(Buffer.from(bad), undefined), new RegExp('manifest|JSON|index'));
  assert.deepEqual(parseConfigBlob(Buffer.from('{"os":"linux","architecture":"mips64le"}')), {
    os: 'linux',
    architecture: 'mips64le',
    variant: undefined,
  });
  assert.throws(() => parseConfigBlob(Buffer.from('{}')));
});

test('NO_PROXY matching like curl and Go; loopback never proxied', () => {
  assert.ok(noProxyMatches('registry.example.com', '443', 'example.com'));
  assert.ok(noProxyMatches('registry.example.com', '443', '.example.com'));
  assert.ok(noProxyMatches('registry.example.com', '443', '*'));
  assert.ok(!noProxyMatches('registry.example.org', '443', 'example.com'));
  assert.ok(noProxyMatches('host', '5000', 'host:5000'));
  assert.ok(!noProxyMatches('host', '443', 'host:5000'));
  const saved = { ...process.env };
  try {
    process.env.HTTPS_PROXY = 'http://proxy.internal:3128';
    process.env.NO_PROXY = 'quay.io';
    assert.equal(proxyFor(new URL('https://registry-1.docker.io/v2/'))?.host, 'proxy.internal:3128');
    assert.equal(proxyFor(new URL('https://quay.io/v2/')), undefined);
    assert.equal(proxyFor(new URL('https://127.0.0.1:5000/v2/')), undefined);
    assert.equal(proxyFor(new URL('http://registry.example.com/v2/')), undefined, 'HTTPS_PROXY is not for http');
  } finally {
    for (const k of ['HTTPS_PROXY', 'NO_PROXY']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
});

test('docker config: auths by host in every spelling, Docker Hub aliases, identity tokens', async () => {
  const dir = tempDir('mips-port-dockercfg-');
  const file = path.join(dir, 'config.json');
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  fs.writeFileSync(
    file,
    JSON.stringify({
      auths: {
        'https://index.docker.io/v1/': { auth: b64('hubuser:hubpass') },
        'http://registry.example.com:5000': { auth: b64('u:p:with:colons') },
        'quay.io': { identitytoken: 'tok' },
      },
    }),
  );
  const c = new DockerCredentials(file);
  assert.deepEqual(await c.get('docker.io'), { username: 'hubuser', secret: 'hubpass' });
  assert.deepEqual(await c.get('registry.example.com:5000'), { username: 'u', secret: 'p:with:colons' });
  assert.deepEqual(await c.get('quay.io'), { username: '<token>', secret: 'tok' });
  assert.equal(await c.get('ghcr.io'), undefined);
  assert.equal(await new DockerCredentials(path.join(dir, 'missing.json')).get('docker.io'), undefined);
  fs.writeFileSync(path.join(dir, 'bad.json'), '{not json');
  assert.equal(await new DockerCredentials(path.join(dir, 'bad.json')).get('docker.io'), undefined);
});

test('registry settings are validated', () => {
  const s = normaliseSettings({
    registryMirrors: { 'index.docker.io': 'http://127.0.0.1:5000/', quay: 'ftp://x' },
    cacheTtlHours: -1,
    registryTimeoutSeconds: 5,
  });
  assert.deepEqual(s.registryMirrors, { 'docker.io': 'http://127.0.0.1:5000' });
  assert.equal(s.cacheTtlHours, 24);
  assert.equal(s.registryTimeoutSeconds, 5);
  assert.equal(s.problems.length, 2);
  assert.equal(normaliseSettings({}).offline, false);
});

test('mirror templates are checked when read: unknown placeholders, or none, are named and the template ignored', () => {
  const s = normaliseSettings({
    mirrorTemplates: [
      'registry.example.com/cke/{repository}-{debianArch}:{tag}',
      'registry.example.com/{name}:{tag}',
      'registry.example.com/fixed:1',
    ],
  });
  assert.deepEqual(s.mirrorTemplates, ['registry.example.com/cke/{repository}-{debianArch}:{tag}']);
  assert.equal(s.problems.length, 2);
  assert.match(
    s.problems[0],
    /"registry\.example\.com\/\{name\}:\{tag\}" has unknown placeholder \{name\} \(use \{repository\}/,
  );
  assert.match(s.problems[1], /has no placeholder/);
});

test('redirects never lead to metadata or link-local addresses, nor from a public registry inward; checked before connecting', async () => {
  const asked: string[] = [];
  const lookup = async (host: string) => {
    asked.push(host);
    return host === 'registry.example.com'
      ? ['93.184.216.34']
      : host === 'evil.example'
        ? ['169.254.169.254']
        : ['10.0.0.5'];
  };
  const u = (s: string) => new URL(s);
  assert.match(
    (await redirectRefusal(
      u('https://registry.example.com/v2/'),
      u('http://169.254.169.254/latest/meta-data/'),
      lookup,
    )) ?? '',
    /link-local/,
  );
  assert.match(
    (await redirectRefusal(u('https://registry.example.com/v2/'), u('http://evil.example/x'), lookup)) ?? '',
    /link-local/,
  );
  assert.match(
    (await redirectRefusal(u('https://registry.example.com/v2/'), u('http://metadata.google.internal/'), lookup)) ?? '',
    /metadata/,
  );
  assert.match(
    (await redirectRefusal(u('https://registry.example.com/v2/'), u('file:///etc/passwd'), lookup)) ?? '',
    /file:/,
  );
  assert.match(
    (await redirectRefusal(u('https://registry.example.com/v2/'), u('http://127.0.0.1:2375/'), lookup)) ?? '',
    /loopback/,
  );
  assert.match(
    (await redirectRefusal(u('https://registry.example.com/v2/'), u('https://internal.corp/'), lookup)) ?? '',
    /private/,
  );
  // within one's own network, and to public hosts, redirects are followed
  assert.equal(
    await redirectRefusal(u('http://127.0.0.1:5000/v2/'), u('http://127.0.0.1:5001/token'), lookup),
    undefined,
  );
  assert.equal(
    await redirectRefusal(u('https://registry.example.com/v2/'), u('https://registry.example.com/blob'), lookup),
    undefined,
  );
  assert.ok(asked.includes('evil.example'), 'names are resolved through the injected look-up');

  // end to end: a loopback registry that redirects to the metadata address is refused before any connection
  let hits = 0;
  const server = http.createServer((_req, res) => {
    hits++;
    res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  try {
    await assert.rejects(
      httpGet({ url: `http://127.0.0.1:${port}/v2/`, timeoutMs: 3000, connectTimeoutMs: 1000, maxBytes: 1000, lookup }),
      (e: Error & { kind?: string }) => e.kind === 'redirects' && /link-local/.test(e.message),
    );
    assert.equal(hits, 1);
  } finally {
    server.close();
  }
});
