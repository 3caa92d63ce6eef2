// The real Debian archive's bookworm mips64el indexes (dists/, as apt fetches them, InRelease checked with
// Debian's archive keyring): the resolver reads them as it reads the loopback copies, and the embedded
// snapshot agrees with them. Debian's real InRelease served from 127.0.0.1 beside a changed Packages.gz, or
// itself changed, is refused. Needs Debian's archive: fails under CI=true without it, skips loudly elsewhere.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { findDataFile } from '../../server/src/core/data';
import { DebianIndex, DebianIndexData, parseIndex } from '../../server/src/core/packages/debianIndex';
import { fetchDebianIndex } from '../../server/src/core/packages/fetchIndex';
import { DEFAULT_DEBIAN_MIRROR } from '../../server/src/core/packages/indexStore';
import { requireService } from '../helpers/registry';
import { httpGet } from '../../server/src/core/registry/http';

let live: DebianIndexData | undefined;
let reason = '';

before(async () => {
  try {
    live = await fetchDebianIndex({
      mirror: DEFAULT_DEBIAN_MIRROR,
      suite: 'bookworm',
      arch: 'mips64el',
      referenceArch: 'amd64',
      timeoutMs: 60000,
    });
  } catch (e) {
    reason = (e as Error).message;
  }
});

describe('Debian archive tier', () => {
  test('bookworm mips64el from the real archive: names, other-arch-only names, program paths; the snapshot agrees', (t) => {
    const skip = requireService(
      `Debian's archive (${DEFAULT_DEBIAN_MIRROR}: ${reason})`,
      live !== undefined,
      'network access to the Debian archive over HTTP',
    );
    if (skip) return t.skip(skip);
    const index = new DebianIndex(live!);
    assert.ok(index.has('procps') && index.has('curl') && index.has('ca-certificates'));
    assert.ok(index.elsewhere('ltrace'), 'ltrace has no mips64el build in bookworm');
    assert.equal(index.byPath('/usr/bin/ps'), 'procps');
    const snapshot = parseIndex(
      zlib.gunzipSync(fs.readFileSync(findDataFile('debian-bookworm-mips64el.txt.gz'))).toString('utf8'),
    );
    const liveNames = new Set(live!.names);
    const gone = snapshot.names.filter((n) => !liveNames.has(n));
    // a stable release gains and loses a few packages in point releases; the snapshot must stay close
    assert.ok(
      gone.length < snapshot.names.length / 100,
      `${gone.length} snapshot names are no longer in bookworm: regenerate it`,
    );
  });
});

describe("Debian's signature, from a loopback mirror", () => {
  test("Debian's own InRelease with a changed Packages.gz, or with a changed line, is refused", async (t) => {
    let inRelease: Buffer | undefined;
    try {
      const r = await httpGet({
        url: `${DEFAULT_DEBIAN_MIRROR}/dists/bookworm/InRelease`,
        timeoutMs: 30000,
        connectTimeoutMs: 10000,
        maxBytes: 4 * 1024 * 1024,
      });
      if (r.status === 200) inRelease = r.body;
    } catch (e) {
      reason = (e as Error).message;
    }
    const skip = requireService(`Debian's archive (${reason})`, inRelease !== undefined, 'network access to Debian');
    if (skip) return t.skip(skip);
    const edited = Buffer.from(inRelease!.toString('utf8').replace('Codename: bookworm', 'Codename: bookwurm'));
    const files: Record<string, Buffer> = {
      '/debian/dists/bookworm/InRelease': inRelease!,
      '/debian/dists/edited/InRelease': edited,
    };
    const server = http.createServer((req, res) => {
      const body = files[req.url ?? ''];
      if (body) return res.writeHead(200).end(body);
      // every index file: a small, well-formed gzip that is not the one InRelease vouches for
      res.writeHead(200).end(zlib.gzipSync('Package: evil\nVersion: 1\n'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}/debian`;
    try {
      await assert.rejects(
        fetchDebianIndex({ mirror, suite: 'bookworm', arch: 'mips64el', timeoutMs: 10000 }),
        /Packages\.gz does not match the SHA256 in InRelease|Contents-mips64el\.gz does not match/,
      );
      await assert.rejects(
        fetchDebianIndex({ mirror, suite: 'edited', arch: 'mips64el', timeoutMs: 10000 }),
        /InRelease: bad signature/,
      );
    } finally {
      server.close();
    }
  });
});
