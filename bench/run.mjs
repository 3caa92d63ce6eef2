// Runs every benchmark in turn (after `npm run build`): LSP latency and cold start, unlisted tags, scale,
// the document readers alone, and the registry scan and mirror copy when docker-registry and skopeo are
// installed (it says so when they are not); the cross-compile one (dockerd, QEMU) with --heavy.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const benches = [
  'lsp-latency.mjs',
  'unlisted-tags.mjs',
  'scale.mjs',
  'readers.mjs',
  'registry-scan.mjs',
  'mirror-copy.mjs',
  'cross-compile.mjs',
];
// the cross-compile benchmark drives dockerd and QEMU for minutes: only when asked for
const heavy = process.argv.includes('--heavy');
let failed = 0;
for (const b of benches) {
  if (b === 'cross-compile.mjs' && !heavy) {
    console.log(`\n== ${b}: NOT RUN — it uses dockerd and QEMU for minutes (npm run bench -- --heavy, or alone)`);
    continue;
  }
  if ((b === 'registry-scan.mjs' || b === 'mirror-copy.mjs') && !(has('docker-registry') && has('skopeo'))) {
    console.log(`\n== ${b}: NOT RUN — needs docker-registry and skopeo (apt-get install docker-registry skopeo)`);
    continue;
  }
  console.log(`\n== ${b}`);
  const r = spawnSync(process.execPath, [path.join(here, b)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
