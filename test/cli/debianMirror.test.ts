// Package indexes read from a Debian mirror in Debian's own format (dists/<suite>/InRelease, signed;
// main/…Packages.gz, Contents-<arch>.gz), served from 127.0.0.1: a suite the embedded snapshot does not
// cover. The InRelease is signed with a test key, the keyring the reader is given.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { AddressInfo } from 'node:net';
import { runCliProcess } from '../helpers/cli';
import { fetchDebianIndex } from '../../server/src/core/packages/fetchIndex';
import { haveGpg, releaseText, signingKey, SigningKey } from '../helpers/debianRepo';
import { requireService } from '../helpers/registry';
import { tempDir } from '../helpers/tempDirs';

const skip = requireService('gpg and gpgv', haveGpg(), 'apt-get install gpg gpgv');

const stanza = (name: string, provides?: string) =>
  `Package: ${name}\nVersion: 1.0-1\nArchitecture: mips64el\n${provides ? `Provides: ${provides}\n` : ''}Description: test\n`;
const files: Record<string, string> = {
  'dists/bullseye/main/binary-mips64el/Packages.gz': [
    stanza('curl'),
    stanza('procps'),
    stanza('exim4-daemon-light', 'mail-transport-agent'),
  ].join('\n'),
  'dists/bullseye/main/binary-amd64/Packages.gz': [stanza('curl'), stanza('procps'), stanza('ltrace')].join('\n'),
  'dists/bullseye/main/Contents-mips64el.gz':
    'bin/ps                          admin/procps\nusr/bin/curl  web/curl\nusr/share/doc/curl/copyright web/curl\n',
};
const requests: string[] = [];
let server: http.Server;
let mirror: string;
let key: SigningKey;
const served: Record<string, Buffer> = {};

before(async () => {
  if (skip) return;
  key = signingKey();
  const gz: Record<string, Buffer> = {};
  for (const [p, text] of Object.entries(files)) gz[p.replace('dists/bullseye/', '')] = zlib.gzipSync(text);
  for (const [p, b] of Object.entries(gz)) served[`dists/bullseye/${p}`] = b;
  served['dists/bullseye/InRelease'] = key.sign(releaseText('bullseye', gz));
  server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const away = /^\/debian\/dists\/away-(\w+)\//.exec(req.url ?? '');
    if (away) {
      const to = away[1] === 'ip' ? 'http://169.254.169.254/latest/meta-data/' : 'http://cloud-metadata.test/x';
      res.writeHead(302, { location: to }).end();
      return;
    }
    const body = served[(req.url ?? '').replace(/^\/debian\//, '')];
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}/debian`;
});
after(() => {
  server?.close();
  key?.close();
});

test(
  'Packages and Contents in Debian format become an index: names, virtual names, other-arch names, program paths',
  { skip },
  async () => {
    const d = await fetchDebianIndex({
      mirror,
      suite: 'bullseye',
      arch: 'mips64el',
      referenceArch: 'amd64',
      timeoutMs: 5000,
      keyrings: [key.keyring],
    });
    assert.deepEqual(d.names, ['curl', 'exim4-daemon-light', 'mail-transport-agent', 'procps']);
    assert.deepEqual(d.elsewhere, ['ltrace']);
    assert.deepEqual(d.paths, [
      ['bin/ps', 'procps'],
      ['usr/bin/curl', 'curl'],
    ]);
    await assert.rejects(
      fetchDebianIndex({ mirror, suite: 'nosuch', arch: 'mips64el', timeoutMs: 5000, keyrings: [key.keyring] }),
      /answered 404/,
    );
  },
);

test('a mirror redirect into link-local or metadata addresses is refused before connecting', { skip }, async () => {
  const asked: string[] = [];
  const lookup = async (host: string) => {
    asked.push(host);
    return ['169.254.169.254'];
  };
  for (const suite of ['away-ip', 'away-name'])
    await assert.rejects(
      fetchDebianIndex({ mirror, suite, arch: 'mips64el', timeoutMs: 5000, lookup }),
      /link-local address .* never followed/,
    );
  // the name was resolved through the observed step, never connected to
  assert.deepEqual([...new Set(asked)], ['cloud-metadata.test']);
});

test(
  'scan reads a suite it has no snapshot of from --debian-mirror, caches it, and flags what the suite lacks',
  { skip },
  async () => {
    const dir = tempDir('mips-port-debmirror-');
    fs.writeFileSync(
      path.join(dir, 'Dockerfile'),
      'FROM debian:bullseye-20240513-slim\nRUN apt-get update && apt-get install -y curl ltrace cur1\n',
    );
    const cache = path.join(dir, 'cache');
    const args = [
      'scan',
      path.join(dir, 'Dockerfile'),
      '--format',
      'json',
      '--debian-mirror',
      mirror,
      '--cache-dir',
      cache,
      '--mirror',
      'docker.io=http://127.0.0.1:1',
      '--timeout',
      '2',
    ];
    const r = await runCliProcess(args, { ...process.env, MIPS_PORT_DEBIAN_KEYRING: key.keyring });
    const json = JSON.parse(r.stdout) as { findings: { ruleId: string; message: string; line: number }[] };
    const mp124 = json.findings.filter((f) => f.ruleId === 'MP124').map((f) => f.message);
    assert.deepEqual(
      mp124.map((m) => m.split(':')[0]),
      ['ltrace has no mips64el build in Debian bullseye', 'cur1 is not a Debian bullseye package'],
      r.stderr,
    );
    assert.ok(requests.some((u) => u.endsWith('/dists/bullseye/main/Contents-mips64el.gz')));
    // a second run answers from the disk cache, offline
    const n = requests.length;
    const again = await runCliProcess([
      'scan',
      path.join(dir, 'Dockerfile'),
      '--format',
      'json',
      '--cache-dir',
      cache,
      '--offline',
    ]);
    assert.equal(requests.length, n);
    assert.equal(
      (JSON.parse(again.stdout) as { findings: { ruleId: string }[] }).findings.filter((f) => f.ruleId === 'MP124')
        .length,
      2,
    );
  },
);
