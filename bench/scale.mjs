// Scale: generated workspaces shaped like a Kubernetes tree (YAML manifests, Dockerfiles, BASEIMAGE
// files, a manifest.go, a nested vendor/ that must be skipped) scanned offline at 10% and 100% size,
// with time, time per file and peak RSS; then one language server with 500 open documents and a burst
// of 1,000 didChange: time to the last change's diagnostics and the server's RSS.
// Run: npm run build && node bench/scale.mjs
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { LspClient } = require(path.join(root, 'out/test/helpers/lspClient.js'));
const CLI = path.join(root, 'bin/mips-port.js');
const IMAGES = ['alpine:3.10', 'debian:bookworm-slim', 'nginx:1.24-alpine', 'golang:1.21', 'redis:5.0.5-alpine'];

const yaml = (i) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: ${IMAGES[i % IMAGES.length]}\n      - name: side\n        image: registry.k8s.io/pause:3.9\n`;
const dockerfile = (i) =>
  `ARG BASEIMAGE\nFROM golang:1.22 AS build\nRUN go build ./...\nFROM $BASEIMAGE\nRUN apk add --no-cache curl bash${i % 7}\nCOPY --from=build /out /out\n`;

function generate(dir, scale) {
  const put = (p, text) => {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), text);
  };
  for (let i = 0; i < 5000 * scale; i++) put(`cluster/addons/a${i % 97}/m${i}.yaml`, yaml(i));
  for (let i = 0; i < 500 * scale; i++) put(`build/images/img${i}/Dockerfile`, dockerfile(i));
  for (let i = 0; i < 50 * scale; i++)
    put(`build/images/img${i}/BASEIMAGE`, `amd64=alpine:3.10\narm64=arm64v8/alpine:3.10\nmips64le=alpine:3.10\n`);
  put(
    'test/utils/image/manifest.go',
    fs.readFileSync(path.join(root, 'test/fixtures/k8s/manifest/current/manifest.go')),
  );
  // a vendored copy the walk must skip
  for (let i = 0; i < 2000; i++) put(`vendor/github.com/x/y/m${i}.yaml`, yaml(i));
  return 5000 * scale + 500 * scale + 50 * scale + 1;
}

function scan(dir) {
  const hook = path.join(os.tmpdir(), 'mips-port-bench-maxrss.cjs');
  fs.writeFileSync(
    hook,
    "process.on('exit', () => require('fs').writeSync(2, `\\nmaxrss ${process.resourceUsage().maxRSS}\\n`));\n",
  );
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', hook, CLI, 'scan', dir, '--offline', '--format', 'json'], {
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const rssMb = Number(/maxrss (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024;
  const out = JSON.parse(r.stdout);
  return { ms, rssMb, filesWithFindings: new Set(out.findings.map((f) => f.file)).size, findings: out.findings.length };
}

const results = [];
for (const scale of [0.1, 1]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-scale-'));
  const files = generate(dir, scale);
  const runs = [scan(dir), scan(dir)];
  const best = runs.sort((a, b) => a.ms - b.ms)[0];
  results.push({ scale, files, ...best, msPerFile: best.ms / files });
  console.log(
    `scan ${files} files: ${best.ms.toFixed(0)} ms (${(best.ms / files).toFixed(3)} ms/file), peak RSS ${best.rssMb.toFixed(0)} MB, ${best.findings} findings`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(`time per file, 100% / 10%: ${(results[1].msPerFile / results[0].msPerFile).toFixed(2)} (flat = 1)`);

// 500 open documents, then 1,000 didChange across them
const c = new LspClient();
c.configuration.mipsPort = { offline: true };
await c.initialize();
for (let i = 0; i < 500; i++) {
  const uri = `file:///scale/img${i}/Dockerfile`;
  const since = c.notifications.length;
  c.notify('textDocument/didOpen', {
    textDocument: { uri, languageId: 'dockerfile', version: 1, text: dockerfile(i) },
  });
  await c.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri, 30000, since);
}
c.notifications.length = 0;
const t0 = process.hrtime.bigint();
let last;
for (let k = 0; k < 1000; k++) {
  const i = k % 500;
  last = { uri: `file:///scale/img${i}/Dockerfile`, version: 2 + Math.floor(k / 500) };
  c.notify('textDocument/didChange', {
    textDocument: last,
    contentChanges: [{ text: dockerfile(i) + `# edit ${k}\n` }],
  });
}
await c.waitFor('textDocument/publishDiagnostics', (p) => p.uri === last.uri && p.version === last.version, 60000);
const burstMs = Number(process.hrtime.bigint() - t0) / 1e6;
const rss = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${c.proc.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const hwm = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${c.proc.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
console.log(
  `LSP: 500 open documents, 1,000 didChange: last change answered after ${burstMs.toFixed(0)} ms; RSS ${rss.toFixed(0)} MB (peak ${hwm.toFixed(0)} MB)`,
);
await c.shutdown();
