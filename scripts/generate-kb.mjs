// Turns ../shared/data/official-images-platforms.json (docker-library/official-images history)
// into server/data/official-images.json: only what the engine needs, compact enough to load fast.
//   npm run kb [-- INPUT.json]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const input = process.argv[2] ?? path.join(root, '..', 'shared', 'data', 'official-images-platforms.json');
const output = path.join(root, 'server', 'data', 'official-images.json');

if (!fs.existsSync(input)) {
  console.error(`generate-kb: input not found: ${input} (pass the path of official-images-platforms.json)`);
  process.exit(2);
}
const src = JSON.parse(fs.readFileSync(input, 'utf8'));
const arches = src.architectures;
const mask = (list) =>
  list.reduce((m, a) => {
    const i = arches.indexOf(a);
    if (i < 0) throw new Error(`unknown architecture ${a}`);
    return m | (1 << i);
  }, 0);

const images = {};
for (const name of Object.keys(src.images).sort()) {
  const img = src.images[name];
  // current: tags grouped by architecture mask (far fewer distinct masks than tags)
  const byMask = {};
  for (const [tag, list] of Object.entries(img.current)) {
    (byMask[mask(list)] ??= []).push(tag);
  }
  // mips64le history: [mipsFirst, mipsLast, lastSeen, stillListed 0|1, lastArchitectures mask]
  const mips = {};
  for (const [tag, t] of Object.entries(img.mips64le)) {
    mips[tag] = [t.mipsFirst, t.mipsLast, t.lastSeen, t.stillListed ? 1 : 0, mask(t.lastArchitectures)];
  }
  images[name] = { removed: img.removed ?? null, current: byMask, mips64le: mips };
}

const kb = {
  schema: 1,
  source: { repository: 'docker-library/official-images', commit: src.head.commit, date: src.head.date },
  architectures: arches,
  images,
};
fs.mkdirSync(path.dirname(output), { recursive: true });
fs.writeFileSync(output, JSON.stringify(kb));
const size = fs.statSync(output).size;
console.log(
  `generate-kb: ${Object.keys(images).length} images -> ${path.relative(root, output)} (${(size / 1024).toFixed(0)} KiB)`,
);
