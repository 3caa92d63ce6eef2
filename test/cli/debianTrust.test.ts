// Debian indexes are not trusted blindly: what apt checks (InRelease signed by the keyring, naming the
// suite, each index's SHA256), bounded work on hostile files (a gzip bomb of zeros, a flood of lines),
// prompt stop on abort, and no connection at all when offline. A loopback mirror serves each case.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import zlib from 'node:zlib';
import { fetchDebianIndex } from '../../server/src/core/packages/fetchIndex';
import { PackageIndexStore } from '../../server/src/core/packages/indexStore';
import { haveGpg, releaseText, signingKey, SigningKey } from '../helpers/debianRepo';
import { requireService } from '../helpers/registry';
import { tempDir } from '../helpers/tempDirs';

const skip = requireService('gpg and gpgv', haveGpg(), 'apt-get install gpg gpgv');

const PACKAGES = 'Package: curl\nVersion: 1\n\nPackage: procps\nVersion: 1\n';
const CONTENTS = 'usr/bin/curl  web/curl\n';
/** What a flood's InRelease says the uncompressed Packages is. */
const PACKAGES_RAW = Buffer.from('tiny');

/** 32 gzip members of 64 MB each: 2 GB once decompressed, 2 MB on the wire. */
function bomb(byte: number): Buffer {
  const member = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024, byte), { level: 9 });
  return Buffer.concat(Array.from({ length: 32 }, () => member));
}

describe('Debian index trust', { skip }, () => {
  let key: SigningKey;
  let other: SigningKey;
  let server: http.Server;
  let mirror: string;
  let connections = 0;
  const suites: Record<string, Record<string, Buffer>> = {};
  const closed: string[] = [];

  /** A suite whose InRelease lists `listed` and whose mirror serves `served` (default: the same). */
  function suite(
    name: string,
    listed: Record<string, Buffer>,
    o: { served?: Record<string, Buffer>; by?: SigningKey; codename?: string; extra?: string; edit?: boolean } = {},
  ) {
    let inRelease = (o.by ?? key).sign(releaseText(o.codename ?? name, listed, o.extra));
    if (o.edit) inRelease = Buffer.from(inRelease.toString('utf8').replace('Origin: Test', 'Origin: Tset'));
    suites[name] = { InRelease: inRelease, ...(o.served ?? listed) };
  }

  const good = () => ({
    'main/binary-mips64el/Packages.gz': zlib.gzipSync(PACKAGES),
    'main/Contents-mips64el.gz': zlib.gzipSync(CONTENTS),
    'main/binary-amd64/Packages.gz': zlib.gzipSync(PACKAGES),
  });

  before(async () => {
    key = signingKey();
    other = signingKey();
    suite('good', good());
    // same length, stored (level 0): only the SHA256 can tell the change
    const stored = (t: string) => zlib.gzipSync(t, { level: 0 });
    suite(
      'tampered',
      { ...good(), 'main/binary-mips64el/Packages.gz': stored(PACKAGES) },
      { served: { ...good(), 'main/binary-mips64el/Packages.gz': stored(PACKAGES.replace('curl', 'cur1')) } },
    );
    suite('edited', good(), { edit: true });
    suite('foreign', good(), { by: other });
    suite('replayed', good(), { codename: 'bookworm' });
    suite('expired', good(), { extra: 'Valid-Until: Sat, 01 Jan 2000 00:00:00 UTC\n' });
    suite('zeros', { ...good(), 'main/binary-mips64el/Packages.gz': bomb(0) });
    const lines = bomb(10);
    suite('lines', {
      ...good(),
      'main/binary-mips64el/Packages.gz': lines,
      'main/binary-mips64el/Packages': PACKAGES_RAW,
    });
    suite('endless', good());
    server = http.createServer((req, res) => {
      const m = /^\/debian\/dists\/([\w-]+)\/(.*)$/.exec(req.url ?? '');
      if (m?.[1] === 'endless' && m[2].endsWith('Packages.gz')) {
        // a valid gzip stream that never ends
        res.on('close', () => closed.push(m[2]));
        const gz = zlib.createGzip();
        gz.pipe(res);
        const timer = setInterval(() => gz.write('Package: x\n'.repeat(100)), 20);
        res.on('close', () => clearInterval(timer));
        return;
      }
      const body = m ? suites[m[1]]?.[m[2]] : undefined;
      if (!body) return res.writeHead(404).end();
      res.writeHead(200).end(body);
    });
    server.on('connection', () => connections++);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    mirror = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/debian`;
  });

  after(() => {
    server?.close();
    key?.close();
    other?.close();
  });

  const read = (name: string, signal?: AbortSignal) =>
    fetchDebianIndex({ mirror, suite: name, arch: 'mips64el', timeoutMs: 10000, keyrings: [key.keyring], signal });

  test('a signed InRelease and matching indexes are read', async () => {
    const d = await read('good');
    assert.deepEqual(d.names, ['curl', 'procps']);
    assert.match(d.source, /InRelease verified/);
  });

  test('what InRelease does not vouch for is refused: a changed index, an edited or foreign signature, another suite', async () => {
    await assert.rejects(read('tampered'), /Packages\.gz does not match the SHA256 in InRelease/);
    await assert.rejects(read('edited'), /InRelease: bad signature/);
    await assert.rejects(read('foreign'), /InRelease: not signed by a key of test-archive\.gpg/);
    await assert.rejects(read('replayed'), /InRelease is for bookworm, not replayed/);
    await assert.rejects(read('expired'), /InRelease expired on 2000-01-01/);
  });

  test('a gzip bomb of zeros stops at the line cap, a flood of lines at the size InRelease gives', async () => {
    const t0 = process.hrtime.bigint();
    await assert.rejects(read('zeros'), /has a line longer than 256 KB: not a Debian index/);
    await assert.rejects(read('lines'), /decompresses to more than 4 bytes: not a Debian index/);
    // bounded work, said as a fact of the run (speed itself is measured by benchmarks, not here)
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    console.log(`# both bombs refused after ${Math.round(ms)} ms`);
  });

  test('abort stops the download at once', async () => {
    const c = new AbortController();
    setTimeout(() => c.abort(), 300);
    await assert.rejects(read('endless', c.signal), /stopped \(cancelled\)/);
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(closed.includes('main/binary-mips64el/Packages.gz'), 'the server saw the download end');
  });

  test('offline: a suite nothing local has is not fetched, and nothing connects', async () => {
    const before = connections;
    const store = new PackageIndexStore({ mirror, offline: true, timeoutMs: 5000 });
    assert.equal(await store.ensure('good', 'mips64el'), undefined);
    assert.equal(store.get('good', 'mips64el'), undefined);
    assert.equal(await store.ensureMissed(), 0);
    assert.equal(connections, before);
  });

  test('a failed check is said once, and later asks do not fetch again', async () => {
    const warnings: string[] = [];
    const dir = tempDir('mips-port-debtrust-');
    const store = new PackageIndexStore({
      mirror,
      offline: false,
      timeoutMs: 5000,
      cacheDir: dir,
      onWarning: (m) => warnings.push(m),
    });
    const prev = process.env.MIPS_PORT_DEBIAN_KEYRING;
    process.env.MIPS_PORT_DEBIAN_KEYRING = key.keyring;
    try {
      assert.equal(await store.ensure('tampered', 'mips64el'), undefined);
      assert.equal(await store.ensure('tampered', 'mips64el'), undefined);
    } finally {
      if (prev === undefined) delete process.env.MIPS_PORT_DEBIAN_KEYRING;
      else process.env.MIPS_PORT_DEBIAN_KEYRING = prev;
      fs.rmSync(dir, { recursive: true, force: true });
    }
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0], /tampered\/mips64el .* does not match the SHA256 in InRelease/);
  });
});
