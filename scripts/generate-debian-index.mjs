// Makes the embedded package-index snapshot (server/data/debian-<suite>-<arch>.txt) from a Debian
// mirror's dists/ indexes, for offline use:  npm run build && node scripts/generate-debian-index.mjs
//   [--mirror http://deb.debian.org/debian] [--suite bookworm] [--arch mips64el]
import fs from 'node:fs';
import zlib from 'node:zlib';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const { fetchDebianIndex } = require(path.join(root, 'out/server/src/core/packages/fetchIndex.js'));
const { serialiseIndex } = require(path.join(root, 'out/server/src/core/packages/debianIndex.js'));

const { values } = parseArgs({
  options: { mirror: { type: 'string' }, suite: { type: 'string' }, arch: { type: 'string' } },
});
const mirror = values.mirror ?? 'http://deb.debian.org/debian';
const suite = values.suite ?? 'bookworm';
const arch = values.arch ?? 'mips64el';
const data = await fetchDebianIndex({ mirror, suite, arch, referenceArch: 'amd64', timeoutMs: 120000 });
data.source = `Debian ${suite} main, ${arch} (reference amd64), from dists/ on ${data.source.split(' (')[1].replace(')', '')}`;
const out = path.join(root, 'server', 'data', `debian-${suite}-${arch}.txt.gz`);
// gzip without a name or time in the header: the same indexes give the same bytes
fs.writeFileSync(out, zlib.gzipSync(serialiseIndex(data), { level: 9 }));
console.log(
  `generate-debian-index: ${data.names.length} names, ${data.elsewhere.length} only elsewhere, ${data.paths.length} program paths -> ${path.relative(root, out)} (${(fs.statSync(out).size / 1024).toFixed(0)} KiB)`,
);
