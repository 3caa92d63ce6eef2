// Cold-cache scan of 60 distinct references against a local docker-registry, side by side with a
// loop of `skopeo inspect --raw` over the same references; then the same scan warm.
// Run: npm run build && node bench/registry-scan.mjs   (needs docker-registry and skopeo)
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { startRegistry, Pusher } = require(path.join(root, 'out/test/helpers/registry.js'));

const N = 60;
const BARE_GETS = `
const http = require('node:http');
const [host, port] = process.argv[1].split(':');
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
const accept = 'application/vnd.oci.image.index.v1+json';
const get = (i) => new Promise((ok, fail) =>
  http.get({ host, port, agent, path: '/v2/bench/img' + i + '/manifests/1', headers: { accept } }, (r) => {
    if (r.statusCode !== 200) fail(new Error('status ' + r.statusCode));
    r.resume();
    r.on('end', ok);
  }).on('error', fail));
Promise.all(Array.from({ length: Number(process.argv[2]) }, (_, i) => get(i))).then(() => agent.destroy());
`;
const reg = await startRegistry();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-bench-'));
try {
  const p = new Pusher(reg.url);
  const refs = [];
  for (let i = 0; i < N; i++) {
    await p.index(`bench/img${i}`, '1', i % 3 ? ['linux/amd64', 'linux/mips64le'] : ['linux/amd64', 'linux/arm64/v8']);
    refs.push(`${reg.host}/bench/img${i}:1`);
  }
  fs.writeFileSync(path.join(work, 'Dockerfile'), refs.map((r) => `FROM ${r}`).join('\n') + '\n');
  const cli = path.join(root, 'bin/mips-port.js');
  const time = (fn) => {
    const s = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - s) / 1e6;
  };
  const rows = [];
  for (let k = 0; k < 3; k++) {
    const cache = path.join(work, `cache${k}`);
    const scanArgs = [cli, 'scan', work, '--insecure', reg.host, '--cache-dir', cache, '--format', 'json'];
    const cold = time(() => {
      const r = spawnSync(process.execPath, scanArgs, { encoding: 'utf8' });
      const out = JSON.parse(r.stdout);
      if (!out.findings.every((f) => f.source === 'registry')) throw new Error('cold scan did not ask the registry');
    });
    const warm = time(() => {
      const r = spawnSync(process.execPath, scanArgs, { encoding: 'utf8' });
      if (!JSON.parse(r.stdout).findings.every((f) => f.source === 'cache'))
        throw new Error('warm scan missed the cache');
    });
    const skopeo = time(() => {
      for (const r of refs) {
        const s = spawnSync('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${r}`], {
          encoding: 'utf8',
        });
        if (s.status !== 0) throw new Error(`skopeo: ${s.stderr}`);
      }
    });
    // the floor for any Node program: a bare process, and one that makes the same 60 GETs (8 at a time,
    // keep-alive) and nothing else
    const nodeStart = time(() => spawnSync(process.execPath, ['-e', '0']));
    const bareGets = time(() => {
      const r = spawnSync(process.execPath, ['-e', BARE_GETS, reg.host, String(N)], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`bare GET loop: ${r.stderr}`);
    });
    rows.push({ cold, warm, skopeo, nodeStart, bareGets });
    console.log(
      `run ${k + 1}: mips-port cold ${cold.toFixed(0)} ms, warm ${warm.toFixed(0)} ms; skopeo loop ${skopeo.toFixed(0)} ms; ratio skopeo/cold ${(skopeo / cold).toFixed(1)}x; floor: node start ${nodeStart.toFixed(0)} ms, bare node GETs ${bareGets.toFixed(0)} ms`,
    );
  }
  const avg = (k) => rows.reduce((a, r) => a + r[k], 0) / rows.length;
  console.log(
    `mean: mips-port cold ${avg('cold').toFixed(0)} ms, warm ${avg('warm').toFixed(0)} ms, skopeo loop ${avg('skopeo').toFixed(0)} ms, skopeo/cold ${(avg('skopeo') / avg('cold')).toFixed(1)}x`,
  );
  console.log(
    `floor: node start ${avg('nodeStart').toFixed(0)} ms, bare node GETs ${avg('bareGets').toFixed(0)} ms (skopeo/floor ${(avg('skopeo') / avg('bareGets')).toFixed(1)}x: the most any Node CLI could reach here); mips-port cold / floor ${(avg('cold') / avg('bareGets')).toFixed(2)}`,
  );
} finally {
  await reg.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
