// The real Debian archive's bookworm mips64el indexes (dists/, as apt fetches them): the resolver reads
// them as it reads the loopback copies, and the embedded snapshot agrees with them. Needs Debian's archive
// over HTTP: fails under CI=true without it, skips loudly elsewhere.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { findDataFile } from '../../server/src/core/data';
import { DebianIndex, DebianIndexData, parseIndex } from '../../server/src/core/packages/debianIndex';
import { fetchDebianIndex } from '../../server/src/core/packages/fetchIndex';
import { DEFAULT_DEBIAN_MIRROR } from '../../server/src/core/packages/indexStore';
import { requireService } from '../helpers/registry';

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
