// Copy of one multi-layer linux/mips64le image between two local docker-registry processes:
// `mips-port mirror` (the project's registry client) against `skopeo copy --override-arch mips64le`,
// alternating, each into a registry of its own started for the run; median of the runs. A warm copy (every
// blob already there) is measured too, and the start of the CLI alone (`mips-port --version`), the floor of every run.
// Run: npm run build && node bench/mirror-copy.mjs [LAYERS] [MB_PER_LAYER] [RUNS]   (needs docker-registry, skopeo)
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { startRegistry, Pusher, MT } = require(path.join(root, 'out/test/helpers/registry.js'));

const LAYERS = Number(process.argv[2] ?? 8);
const MB = Number(process.argv[3] ?? 4);
const RUNS = Number(process.argv[4] ?? 5);
const cli = path.join(root, 'bin/mips-port.js');
const up = await startRegistry();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-bench-mirror-'));
try {
  const p = new Pusher(up.url);
  const config = await p.blob(
    'library/big',
    Buffer.from(JSON.stringify({ os: 'linux', architecture: 'mips64le', rootfs: { type: 'layers', diff_ids: [] } })),
  );
  const layers = [];
  for (let i = 0; i < LAYERS; i++) layers.push(await p.blob('library/big', crypto.randomBytes(MB * 1024 * 1024)));
  const m = await p.manifest(
    'library/big',
    'mips',
    {
      schemaVersion: 2,
      mediaType: MT.ociManifest,
      config: { mediaType: MT.ociConfig, digest: config.digest, size: config.size },
      layers: layers.map((l) => ({ mediaType: MT.ociLayer, digest: l.digest, size: l.size })),
    },
    MT.ociManifest,
  );
  await p.manifest(
    'library/big',
    '1',
    {
      schemaVersion: 2,
      mediaType: MT.ociIndex,
      manifests: [{ ...m, platform: { os: 'linux', architecture: 'mips64le' } }],
    },
    MT.ociIndex,
  );
  const list = path.join(work, 'images.txt');
  fs.writeFileSync(list, 'docker.io/library/big:1\n');
  const time = (argv, home) => {
    const s = process.hrtime.bigint();
    // a fresh HOME: skopeo's blob-info cache would otherwise mount what an earlier run sent
    const env = { ...process.env, XDG_CACHE_HOME: work, ...(home ? { HOME: home } : {}) };
    const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', env });
    if (r.status !== 0) throw new Error(`${argv.slice(0, 3).join(' ')} failed: ${r.stderr}${r.stdout}`);
    return Number(process.hrtime.bigint() - s) / 1e6;
  };
  const mirror = (down, prefix) => [
    process.execPath,
    cli,
    'mirror',
    list,
    '--to',
    `${down.host}/${prefix}`,
    '--mirror',
    `docker.io=${up.url}`,
    '--insecure',
    up.host,
    '--insecure',
    down.host,
    '--no-cache',
  ];
  const skopeo = (down, prefix) => [
    'skopeo',
    'copy',
    '--quiet',
    '--src-tls-verify=false',
    '--dest-tls-verify=false',
    '--override-os',
    'linux',
    '--override-arch',
    'mips64le',
    `docker://${up.host}/library/big:1`,
    `docker://${down.host}/${prefix}/library/big:1`,
  ];
  const rows = [];
  for (let k = 0; k < RUNS; k++) {
    // each tool copies into a registry of its own, started for this run
    const [d1, d2] = await Promise.all([startRegistry(), startRegistry()]);
    const home = fs.mkdtempSync(path.join(work, 'home-'));
    const a = time(mirror(d1, 'm'));
    const aw = time(mirror(d1, 'm'));
    const b = time(skopeo(d2, 's'), home);
    const bw = time(skopeo(d2, 's'), home);
    await Promise.all([d1.stop(), d2.stop()]);
    const floor = time([process.execPath, cli, '--version']);
    rows.push({ a, aw, b, bw, floor });
    console.log(
      `run ${k + 1}: mips-port mirror ${a.toFixed(0)} ms (warm ${aw.toFixed(0)}), ` +
        `skopeo copy ${b.toFixed(0)} ms (warm ${bw.toFixed(0)}); node start ${floor.toFixed(0)} ms`,
    );
  }
  const med = (xs) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const a = med(rows.map((r) => r.a));
  const b = med(rows.map((r) => r.b));
  const aw = med(rows.map((r) => r.aw));
  const bw = med(rows.map((r) => r.bw));
  const floor = med(rows.map((r) => r.floor));
  console.log(
    `\n${LAYERS} layers x ${MB} MB, median of ${RUNS}: mips-port mirror ${a.toFixed(0)} ms, ` +
      `skopeo copy ${b.toFixed(0)} ms (ratio ${(a / b).toFixed(2)}); ` +
      `warm ${aw.toFixed(0)} ms against ${bw.toFixed(0)} ms (ratio ${(aw / bw).toFixed(2)}); ` +
      `mips-port's own start (\`mips-port --version\`) ${floor.toFixed(0)} ms`,
  );
} finally {
  await up.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
