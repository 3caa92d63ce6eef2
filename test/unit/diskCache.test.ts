import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CACHE_VERSION, CacheEntry, DiskCache } from '../../server/src/core/availability/diskCache';
import { tempDir } from '../helpers/tempDirs';

const entry = (key: string, arch: string, fetchedAt = Date.now()): CacheEntry => ({
  v: CACHE_VERSION,
  key,
  platforms: [{ os: 'linux', architecture: arch }],
  mediaType: 'application/vnd.oci.image.index.v1+json',
  answeredBy: 'registry.test',
  viaMirror: false,
  fetchedAt,
});

const tmpDir = () => tempDir('mips-port-disk-cache-');
const packsIn = (dir: string) => fs.readdirSync(path.join(dir, `v${CACHE_VERSION}`));

test('disk cache: each run writes one pack; a later reader merges many packs without losing an answer', async () => {
  const dir = tmpDir();
  for (let run = 0; run < 20; run++) {
    const c = new DiskCache(dir);
    c.put(entry(`registry.test/app${run}:1`, 'mips64le'));
    c.put(entry(`registry.test/app${run}@sha256:${String(run).padStart(64, '0')}`, 'mips64le'));
    await c.flush();
  }
  assert.equal(packsIn(dir).length, 20);
  // a run that died mid-write left a temp file an hour ago
  const orphan = path.join(dir, `v${CACHE_VERSION}`, 'x.pack.json.tmp');
  fs.writeFileSync(orphan, '{"v":2,"entr');
  const old = new Date(Date.now() - 2 * 3600 * 1000);
  fs.utimesSync(orphan, old, old);
  // a newer answer for one key wins over the older one, whichever pack it is in
  const later = new DiskCache(dir);
  later.put(entry('registry.test/app3:1', 'arm64', Date.now() + 1));
  await later.flush();

  const reader = new DiskCache(dir);
  assert.equal(reader.get('registry.test/app7:1')?.platforms[0].architecture, 'mips64le');
  assert.equal(reader.get('registry.test/app3:1')?.platforms[0].architecture, 'arm64');
  await new Promise((r) => setTimeout(r, 200)); // merged packs are removed in the background
  assert.equal(packsIn(dir).length, 1, `merged into one pack: ${packsIn(dir).join(', ')}`);
  const fresh = new DiskCache(dir);
  for (let run = 0; run < 20; run++) assert.ok(fresh.get(`registry.test/app${run}:1`), `app${run} kept`);
  assert.equal(fresh.get('registry.test/app3:1')?.platforms[0].architecture, 'arm64');
  // what the cache's first version left (one file per answer) goes with a clear too
  fs.mkdirSync(path.join(dir, 'v1'));
  fs.writeFileSync(path.join(dir, 'v1', '0123.json'), '{"v":1}');
  assert.equal(fresh.clear(), 40);
  assert.deepEqual(packsIn(dir), []);
  assert.equal(fs.existsSync(path.join(dir, 'v1')), false);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('disk cache: answers put by a run that never flushes are written before it exits', () => {
  const dir = tmpDir();
  const mod = path.join(__dirname, '..', '..', 'server', 'src', 'core', 'availability', 'diskCache.js');
  const script = `const { DiskCache } = require(${JSON.stringify(mod)});
    const c = new DiskCache(${JSON.stringify(dir)});
    c.put(${JSON.stringify(entry('registry.test/late:1', 'mips64le'))});`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(new DiskCache(dir).get('registry.test/late:1')?.platforms[0].architecture, 'mips64le');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('disk cache: an unwritable folder costs the cache, never the answer', async () => {
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, `v${CACHE_VERSION}`), 'a file where the folder should be');
  const c = new DiskCache(dir);
  c.put(entry('registry.test/ro:1', 'mips64le'));
  await c.flush();
  assert.equal(c.get('registry.test/ro:1')?.platforms[0].architecture, 'mips64le', 'still answered in this run');
  assert.equal(new DiskCache(dir).get('registry.test/ro:1'), undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});
