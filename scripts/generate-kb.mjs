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

// architectures some tag lists at the head (so a reader need not decode every image to know)
let listedToday = 0;
for (const img of Object.values(images)) for (const m of Object.keys(img.current)) listedToday |= Number(m);
const head = {
  schema: 1,
  source: { repository: 'docker-library/official-images', commit: src.head.commit, date: src.head.date },
  architectures: arches,
  listedToday,
};
// Still one JSON document, laid out one image per line: the server decodes only the images a document
// names (a line each) instead of parsing the whole file on its first analysis.
const lines = Object.entries(images).map(([name, img]) => `${JSON.stringify(name)}:${JSON.stringify(img)}`);
fs.mkdirSync(path.dirname(output), { recursive: true });
fs.writeFileSync(output, `${JSON.stringify(head).slice(0, -1)},"images":{\n${lines.join(',\n')}\n}}\n`);
const size = fs.statSync(output).size;
console.log(
  `generate-kb: ${Object.keys(images).length} images -> ${path.relative(root, output)} (${(size / 1024).toFixed(0)} KiB)`,
);

// Tags once listed, never with mips64le, listed no more (official-images-unlisted.json): a text file
// whose first line is a JSON header (architecture sets as masks, and each image's byte range in the
// body), then per image lines `lastSeen set tag tag …`. The engine reads one image's range when a tag
// of it is in neither list above, so start-up never pays for the 159k tags.
const unlistedInput = process.argv[3] ?? path.join(path.dirname(input), 'official-images-unlisted.json');
const unlistedOutput = path.join(root, 'server', 'data', 'official-images-unlisted.txt');
if (!fs.existsSync(unlistedInput)) {
  console.error(`generate-kb: input not found: ${unlistedInput} (pass its path as the second argument)`);
  process.exit(2);
}
const un = JSON.parse(fs.readFileSync(unlistedInput, 'utf8'));
if (un.head.commit !== src.head.commit) console.warn(`generate-kb: the two inputs end at different commits`);
const sets = un.architectureSets.map((s) => mask(s));
const index = {};
const chunks = [];
let offset = 0;
for (const name of Object.keys(un.images).sort()) {
  const groups = new Map();
  for (const [tag, [lastSeen, set]] of Object.entries(un.images[name])) {
    if (/\s/.test(tag)) throw new Error(`tag with white space: ${name}:${tag}`);
    const key = `${lastSeen} ${set}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(tag);
  }
  const text = [...groups].map(([k, tags]) => `${k} ${tags.sort().join(' ')}\n`).join('');
  const bytes = Buffer.byteLength(text);
  index[name] = [offset, bytes];
  offset += bytes;
  chunks.push(text);
}
const header = { schema: 1, source: un.head, sets, index };
fs.writeFileSync(unlistedOutput, JSON.stringify(header) + '\n' + chunks.join(''));
console.log(
  `generate-kb: ${Object.keys(index).length} images' unlisted tags -> ${path.relative(root, unlistedOutput)} (${(fs.statSync(unlistedOutput).size / 1024).toFixed(0)} KiB)`,
);

// Users and groups Alpine packages create on install (alpine-package-accounts.json, read from
// alpinelinux/aports' APKBUILDs and pre-install scripts): a port of `apk add PKG` creates the same
// accounts after the install. Only packages that create some, and only what the commands need.
const accountsInput = process.argv[4] ?? path.join(path.dirname(input), 'alpine-package-accounts.json');
const accountsOutput = path.join(root, 'server', 'data', 'alpine-package-accounts.json');
if (!fs.existsSync(accountsInput)) {
  console.error(`generate-kb: input not found: ${accountsInput} (pass its path as the third argument)`);
  process.exit(2);
}
const acc = JSON.parse(fs.readFileSync(accountsInput, 'utf8'));
// the base's own accounts are not a package a stage installs
const BASE_LAYOUT = new Set(['alpine-baselayout', 'alpine-baselayout-data']);
const packages = {};
for (const name of Object.keys(acc.packages).sort()) {
  const p = acc.packages[name];
  if (BASE_LAYOUT.has(name)) continue;
  const users = (p.users ?? []).map((u) => {
    const row = { name: u.name, group: u.group ?? u.name };
    if (u.home) row.home = u.home;
    if (u.shell) row.shell = u.shell;
    return row;
  });
  const groups = p.groups ?? [];
  const memberships = (p.memberships ?? []).map((m) => [m.user, m.group]);
  if (users.length + groups.length + memberships.length === 0) continue;
  packages[name] = { users, groups, memberships };
}
const accountsHead = {
  schema: 1,
  source: { repository: 'alpinelinux/aports', files: acc.source, date: acc.date },
};
const accountLines = Object.entries(packages).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
fs.writeFileSync(
  accountsOutput,
  `${JSON.stringify(accountsHead).slice(0, -1)},"packages":{\n${accountLines.join(',\n')}\n}}\n`,
);
console.log(
  `generate-kb: ${accountLines.length} Alpine packages' accounts -> ${path.relative(root, accountsOutput)} (${(fs.statSync(accountsOutput).size / 1024).toFixed(0)} KiB)`,
);

// The Debian release each mips64le tag was built on, where the official-images files name it
// (official-images-suites.json): an apt stage on a tag whose suite Debian no longer serves for the
// target fails at `apt-get update`. Debian releases only, grouped per image and suite.
const suitesInput = process.argv[5] ?? path.join(path.dirname(input), 'official-images-suites.json');
const suitesOutput = path.join(root, 'server', 'data', 'official-images-suites.json');
if (!fs.existsSync(suitesInput)) {
  console.error(`generate-kb: input not found: ${suitesInput} (pass its path as the fourth argument)`);
  process.exit(2);
}
const su = JSON.parse(fs.readFileSync(suitesInput, 'utf8'));
const debianReleases = new Set(su.releases.debian);
const suiteImages = {};
for (const name of Object.keys(su.images).sort()) {
  const bySuite = {};
  for (const [tag, release] of Object.entries(su.images[name]))
    if (release && debianReleases.has(release)) (bySuite[release] ??= []).push(tag);
  for (const tags of Object.values(bySuite)) tags.sort();
  if (Object.keys(bySuite).length) suiteImages[name] = bySuite;
}
// Unnamed tags of an image whose other tags name Debian releases (nginx's, postgres's plain directories
// are FROM debian:<release>-slim): the Debian stable release on the tag's last build date, kept apart as
// "likely". debian's own experimental and rc-buggy tags are sid. Alpine and Windows tags are never Debian.
const STABLE_SINCE = [
  ['2025-08-09', 'trixie'],
  ['2023-06-10', 'bookworm'],
  ['2021-08-14', 'bullseye'],
  ['2019-07-06', 'buster'],
  ['2017-06-17', 'stretch'],
];
const likelyImages = {};
for (const name of Object.keys(suiteImages)) {
  const byLikely = {};
  for (const [tag, release] of Object.entries(su.images[name])) {
    if (release !== null || /alpine|windows|nanoserver|ltsc/.test(tag)) continue;
    const seen = src.images[name]?.mips64le?.[tag]?.lastSeen;
    const suite =
      name === 'debian'
        ? /^(experimental|rc-buggy)/.test(tag)
          ? 'sid'
          : undefined
        : STABLE_SINCE.find(([d]) => seen >= d)?.[1];
    if (suite) (byLikely[suite] ??= []).push(tag);
  }
  for (const tags of Object.values(byLikely)) tags.sort();
  if (Object.keys(byLikely).length) likelyImages[name] = byLikely;
}
const suiteLines = Object.entries(suiteImages).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
const likelyLines = Object.entries(likelyImages).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
fs.writeFileSync(
  suitesOutput,
  `${JSON.stringify({ schema: 1, source: { repository: 'docker-library/official-images', commit: su.head.commit, date: su.head.date } }).slice(0, -1)},"images":{\n${suiteLines.join(',\n')}\n},"likely":{\n${likelyLines.join(',\n')}\n}}\n`,
);
console.log(
  `generate-kb: ${suiteLines.length} images' Debian suites -> ${path.relative(root, suitesOutput)} (${(fs.statSync(suitesOutput).size / 1024).toFixed(0)} KiB)`,
);
