// didOpen -> publishDiagnostics over stdio for 50 Dockerfiles of varied size, mips-port side by side
// with rcjsuen's dockerfile-language-server-nodejs (syntax only); server start -> initialize result;
// knowledge-base load time. Run: npm run build && node bench/lsp-latency.mjs
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { LspClient } = require(path.join(root, 'out/test/helpers/lspClient.js'));
const { loadOfficialImagesKb } = require(path.join(root, 'out/server/src/core/availability/officialImages.js'));

const BASES = [
  'alpine:3.10',
  'debian:bookworm-slim',
  'debian:bookworm-20260713-slim',
  'nginx:1.24-alpine',
  'golang:1.21',
  'redis:5.0.5-alpine',
  'registry.k8s.io/e2e-test-images/agnhost:2.47',
  'busybox:1.29',
  'php:5-apache',
  'perl:5.26',
];

function dockerfile(i) {
  const lines = [
    `ARG BASE=${BASES[i % BASES.length]}`,
    'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
    'WORKDIR /src',
  ];
  const runs = [2, 20, 200, 2000][i % 4];
  for (let j = 0; j < runs; j++)
    lines.push(`RUN echo step ${j} && apk add --no-cache curl${j} \\\n    && rm -rf /tmp/${j}`);
  lines.push(
    'FROM ${BASE}',
    'COPY --from=build /out /out',
    `COPY --from=${BASES[(i + 3) % BASES.length]} /etc /etc`,
    'ENTRYPOINT ["/out"]',
  );
  return lines.join('\n') + '\n';
}

async function measure(name, args, script) {
  const t0 = process.hrtime.bigint();
  const c = new LspClient(args, script);
  await c.initialize({ textDocument: { publishDiagnostics: {} } });
  const startMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const times = [];
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < 50; i++) {
      const uri = `file:///bench/${round}/${i}/Dockerfile`;
      const since = c.notifications.length;
      const s = process.hrtime.bigint();
      c.notify('textDocument/didOpen', {
        textDocument: { uri, languageId: 'dockerfile', version: 1, text: dockerfile(i) },
      });
      await c.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri, 30000, since);
      if (round === 1) times.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
  }
  await c.shutdown();
  times.sort((a, b) => a - b);
  const sum = times.reduce((a, b) => a + b, 0);
  return {
    name,
    startMs,
    mean: sum / times.length,
    p50: times[Math.floor(times.length / 2)],
    p95: times[Math.floor(times.length * 0.95)],
    max: times[times.length - 1],
  };
}

const dls = require.resolve('dockerfile-language-server-nodejs/bin/docker-langserver');
const results = [];
// Alternate to spread machine noise over both servers.
for (let k = 0; k < 3; k++) {
  results.push(await measure('mips-port', ['lsp', '--stdio'], path.join(root, 'bin/mips-port.js')));
  results.push(await measure('dockerfile-language-server-nodejs', ['--stdio'], dls));
}
// Cold start, as VS Code sees it: the server is spawned because a Dockerfile was opened. Spawn ->
// initialize result, and spawn -> first publishDiagnostics of a Dockerfile opened right after initialize.
async function cold(name, args, script) {
  const t0 = process.hrtime.bigint();
  const c = new LspClient(args, script);
  await c.initialize({ textDocument: { publishDiagnostics: {} } });
  const initMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const uri = 'file:///bench/cold/Dockerfile';
  c.notify('textDocument/didOpen', {
    textDocument: { uri, languageId: 'dockerfile', version: 1, text: dockerfile(4) },
  });
  await c.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri, 30000);
  const firstMs = Number(process.hrtime.bigint() - t0) / 1e6;
  await c.shutdown();
  return { name, initMs, firstMs };
}
const colds = [];
// V8's code cache (server/src/boot/codeCache.ts) is written by a server's first start: one shared folder,
// primed once, models every later start; a fresh folder per run models the very first one
const codeCache = fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-bench-code-cache-'));
const withCache = async (dir, f) => {
  if (dir) process.env.MIPS_PORT_CODE_CACHE = dir;
  else process.env.MIPS_PORT_CODE_CACHE = fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-bench-first-'));
  try {
    return await f();
  } finally {
    delete process.env.MIPS_PORT_CODE_CACHE;
  }
};
await withCache(codeCache, () => cold('prime', ['--stdio'], path.join(root, 'server/out/server.js')));
await new Promise((r) => setTimeout(r, 3500)); // the server writes its cache 3 s after start
for (let k = 0; k < 7; k++) {
  colds.push(
    await withCache(codeCache, () => cold('mips-port', ['lsp', '--stdio'], path.join(root, 'bin/mips-port.js'))),
  );
  // what the VS Code extension spawns
  colds.push(
    await withCache(codeCache, () => cold('mips-port server.js', ['--stdio'], path.join(root, 'server/out/server.js'))),
  );
  colds.push(
    await withCache(undefined, () =>
      cold('mips-port server.js, first start', ['--stdio'], path.join(root, 'server/out/server.js')),
    ),
  );
  colds.push(await cold('dockerfile-language-server-nodejs', ['--stdio'], dls));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const coldOf = (n, k) => median(colds.filter((c) => c.name === n).map((c) => c[k]));

const kbTimes = [];
for (let k = 0; k < 5; k++) {
  const s = process.hrtime.bigint();
  loadOfficialImagesKb(path.join(root, 'server/data/official-images.json'));
  kbTimes.push(Number(process.hrtime.bigint() - s) / 1e6);
}
const by = (n) => results.filter((r) => r.name === n);
const avg = (xs, k) => xs.reduce((a, r) => a + r[k], 0) / xs.length;
console.log('server                              start->init(ms)  didOpen->diagnostics mean / p50 / p95 / max (ms)');
for (const n of ['mips-port', 'dockerfile-language-server-nodejs']) {
  const r = by(n);
  console.log(
    `${n.padEnd(36)}${avg(r, 'startMs').toFixed(0).padStart(8)}        ${avg(r, 'mean').toFixed(2)} / ${avg(r, 'p50').toFixed(2)} / ${avg(r, 'p95').toFixed(2)} / ${avg(r, 'max').toFixed(2)}`,
  );
}
console.log(
  `ratio mips-port / dockerfile-language-server mean latency: ${(avg(by('mips-port'), 'mean') / avg(by('dockerfile-language-server-nodejs'), 'mean')).toFixed(2)}`,
);
for (const n of [
  'mips-port',
  'mips-port server.js',
  'mips-port server.js, first start',
  'dockerfile-language-server-nodejs',
])
  console.log(
    `cold start ${n}: spawn -> initialize ${coldOf(n, 'initMs').toFixed(0)} ms, spawn -> first diagnostics ${coldOf(n, 'firstMs').toFixed(0)} ms (median of 7)`,
  );
for (const n of ['mips-port', 'mips-port server.js', 'mips-port server.js, first start'])
  console.log(
    `cold ratios ${n} / dockerfile-language-server: initialize ${(coldOf(n, 'initMs') / coldOf('dockerfile-language-server-nodejs', 'initMs')).toFixed(2)}, first diagnostics ${(coldOf(n, 'firstMs') / coldOf('dockerfile-language-server-nodejs', 'firstMs')).toFixed(2)}`,
  );
console.log(
  `knowledge base load (ms): first ${kbTimes[0].toFixed(1)}, then ${kbTimes
    .slice(1)
    .map((t) => t.toFixed(1))
    .join(', ')}`,
);
