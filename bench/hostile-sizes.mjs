// Super-linear paths with hostile sizes, through the language server as an editor drives it: a 1 MB
// `RUN apk add …` line (diagnostics and its code action), Compose with N services, a Kubernetes list with
// N containers, Helm values with N images. Each case runs at two sizes (n and 2n): a time ratio near 2
// is linear, near 4 quadratic. While each request is in flight a cheap request (hover on a small
// Dockerfile) is sent every 100 ms: its worst answer time is how long the server was blocked.
// Usage: node bench/hostile-sizes.mjs [--scale 1] [--only apk|compose|containers|helm] (after npm run
// build). Scale 1 is the sizes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

import { CASES } from './hostileCases.mjs';

const require = createRequire(import.meta.url);
const { LspClient } = require('../out/test/helpers/lspClient.js');
const scale = Number(process.argv[process.argv.indexOf('--scale') + 1] || 1) || 1;
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-bench-sizes-'));

/** Max answer time of hover requests sent every 100 ms until `done` settles. */
async function probe(c, probeUri, done) {
  let worst = 0;
  let finished = false;
  void done.finally(() => (finished = true));
  while (!finished) {
    const t = Date.now();
    await c.request('textDocument/hover', { textDocument: { uri: probeUri }, position: { line: 0, character: 6 } });
    worst = Math.max(worst, Date.now() - t);
    await new Promise((r) => setTimeout(r, 100));
  }
  return worst;
}

/** CPU seconds the server used (user + system): the figure to read on a loaded machine. */
function cpuSeconds(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

function vmHwmMb(pid) {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

async function runCase(name, c, n) {
  const file = path.join(dir, `${n}`, c.file);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const [p, t] of Object.entries(c.extra ?? {})) fs.writeFileSync(path.join(dir, `${n}`, p), t);
  const text = c.text(n);
  fs.writeFileSync(file, text);
  const client = new LspClient();
  client.configuration.mipsPort = { offline: true };
  await client.initialize(undefined, undefined, [path.join(dir, `${n}`)]);
  const probeFile = path.join(dir, 'probe.Dockerfile');
  fs.writeFileSync(probeFile, 'FROM alpine:3.18\n');
  const probeUri = pathToFileURL(probeFile).href;
  client.notify('textDocument/didOpen', {
    textDocument: { uri: probeUri, languageId: 'dockerfile', version: 1, text: 'FROM alpine:3.18\n' },
  });
  await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === probeUri, 30000);
  const uri = pathToFileURL(file).href;
  const t0 = Date.now();
  const since = client.notifications.length;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: c.lang, version: 1, text } });
  const diag = client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri, 600000, since);
  const blockedOpen = await probe(client, probeUri, diag);
  const openMs = Date.now() - t0;
  let actionMs, blockedAction;
  if (c.codeAction) {
    const t1 = Date.now();
    const req = client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } },
      context: { diagnostics: (await diag).diagnostics },
    });
    blockedAction = await probe(client, probeUri, req);
    await req;
    actionMs = Date.now() - t1;
  }
  const rss = vmHwmMb(client.proc.pid);
  const cpu = cpuSeconds(client.proc.pid);
  await client.shutdown();
  return {
    name,
    n,
    bytes: text.length,
    openMs,
    actionMs,
    blockedMs: Math.max(blockedOpen, blockedAction ?? 0),
    rss,
    cpu,
  };
}

console.log(`scale ${scale}; each case at n and 2n (time ratio ~2: linear)`);
console.log('| case | n | MB | didOpen → diagnostics | code action | server blocked (max) | server CPU | peak RSS |');
console.log('|---|---|---|---|---|---|---|---|');
for (const [name, c] of Object.entries(CASES)) {
  if (only && !name.toLowerCase().includes(only.toLowerCase())) continue;
  for (const n of [Math.round((c.n * scale) / 2), Math.round(c.n * scale)]) {
    const r = await runCase(name, c, n);
    console.log(
      `| ${name} | ${n} | ${(r.bytes / 1e6).toFixed(1)} | ${r.openMs} ms | ${r.actionMs ?? '—'} ms | ${r.blockedMs} ms | ${r.cpu.toFixed(1)} s | ${r.rss} MB |`,
    );
  }
}
fs.rmSync(dir, { recursive: true, force: true });
