// How much the unlisted-tags data costs: reading its header, one image's range the first time a tag of
// that image is asked about (largest images first), and a look-up after that. Run after `npm run build`.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const { loadOfficialImagesKb } = require(path.join(root, 'out/server/src/core/availability/officialImages.js'));
const { UnlistedTags } = require(path.join(root, 'out/server/src/core/availability/unlistedTags.js'));
const { findDataFile } = require(path.join(root, 'out/server/src/core/data.js'));

const rounds = 5;
const rows = [];
for (let r = 0; r < rounds; r++) {
  const t0 = performance.now();
  const kb = loadOfficialImagesKb(findDataFile('official-images.json'));
  const t1 = performance.now();
  const u = new UnlistedTags(kb.imageNames.length ? ['amd64'] : [], findDataFile('official-images-unlisted.txt'));
  u.get('busybox', '1.29');
  const t2 = performance.now();
  u.get('python', '3.5');
  const t3 = performance.now();
  for (let i = 0; i < 1000; i++) u.get('python', `3.${i % 50}`);
  const t4 = performance.now();
  rows.push([t1 - t0, t2 - t1, t3 - t2, (t4 - t3) / 1000]);
}
const mean = (i) => rows.reduce((s, r) => s + r[i], 0) / rows.length;
console.log(`official-images.json load:                 ${mean(0).toFixed(1)} ms`);
console.log(`unlisted header + busybox's tags, first use: ${mean(1).toFixed(1)} ms`);
console.log(`python's unlisted tags, first use:          ${mean(2).toFixed(1)} ms`);
console.log(`look-up after that:                         ${(mean(3) * 1000).toFixed(2)} µs`);
console.log(`ratio first unlisted use / knowledge base load: ${((mean(1) + mean(2)) / mean(0)).toFixed(2)}`);
