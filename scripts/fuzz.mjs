// The fuzz campaign: mutates each file kind (byte flips, truncation, Unicode separators, huge lines,
// 100k-line files, invalid UTF-8, CRLF/BOM, unterminated quotes and heredocs, YAML alias bombs and deep
// nesting, recursive and doubling ARGs) and drives ONE language server process with them: didOpen,
// hover and code actions on each, then didClose. Reports inputs, crashes, hangs (> 2 s to diagnostics),
// request errors, invalid ranges and peak RSS. Exit 1 on any crash, hang or invalid range.
// Run: npm run fuzz -- [inputs per kind, default 10000] [seed]
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { LspClient } = require(path.join(root, 'out/test/helpers/lspClient.js'));
const { mutate, rng } = require(path.join(root, 'out/test/helpers/mutate.js'));

const perKind = Number(process.argv[2] ?? 10000);
const seed = Number(process.argv[3] ?? 1);
const HANG_MS = 2000;
const fixture = (p) => fs.readFileSync(path.join(root, p), 'utf8');
const KINDS = [
  ['Dockerfile', 'dockerfile', fixture('test/golden/agnhost.Dockerfile')],
  ['manifest.go', 'go', fixture('test/fixtures/k8s/manifest/current/manifest.go')],
  ['BASEIMAGE', 'plaintext', fixture('test/fixtures/k8s/baseimage/with-target/BASEIMAGE')],
  ['deploy.yaml', 'yaml', fixture('test/fixtures/k8s/deploy.yaml')],
  ['compose.yaml', 'dockercompose', fixture('test/fixtures/k8s/compose.yaml')],
];

function rssOf(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(s)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

function badRange(r, lines) {
  const { start, end } = r;
  if (start.line < 0 || start.character < 0 || end.line >= lines.length) return true;
  if (end.line < start.line || (end.line === start.line && end.character < start.character)) return true;
  return end.character > lines[end.line].length;
}

const client = new LspClient();
let crashed;
client.proc.on('exit', (code, signal) => {
  crashed = `server exited (${signal ?? code})`;
});
// offline: the campaign measures the server, not a registry
client.configuration.mipsPort = { offline: true };
await client.initialize();

const totals = { inputs: 0, crashes: 0, hangs: 0, errors: 0, invalidRanges: 0, maxMs: 0, peakRssMb: 0 };
const perKindFigures = [];
const examples = [];
let n = 0;
for (const [name, languageId, seedText] of KINDS) {
  const r = rng(seed * 7919 + name.length);
  const k = { kind: name, inputs: 0, hangs: 0, errors: 0, invalidRanges: 0, maxMs: 0 };
  let text = seedText;
  for (let i = 0; i < perKind && !crashed; i++) {
    text = i % 25 === 0 ? seedText : mutate(text, r);
    if (text.length > 4_000_000) text = seedText;
    const uri = `file:///fuzz/${n++}/${name}`;
    const since = client.notifications.length;
    const t0 = Date.now();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    let diags;
    try {
      diags = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri, 60000, since);
    } catch {
      if (crashed) break;
      k.hangs++;
      examples.push({ kind: name, what: 'no diagnostics within 60 s', length: text.length });
      continue;
    }
    const ms = Date.now() - t0;
    k.maxMs = Math.max(k.maxMs, ms);
    if (ms > HANG_MS) {
      k.hangs++;
      examples.push({ kind: name, what: `diagnostics after ${ms} ms`, length: text.length });
      if (process.env.FUZZ_DUMP) fs.writeFileSync(`${process.env.FUZZ_DUMP}/slow-${n}-${name}`, text);
    }
    const lines = text.split(/\r\n|\r|\n/);
    for (const d of diags.diagnostics)
      if (badRange(d.range, lines)) {
        k.invalidRanges++;
        if (examples.length < 20)
          examples.push({ kind: name, what: 'invalid range', range: d.range, text: text.slice(0, 300) });
      }
    const line = Math.floor(r() * lines.length);
    const at = { line, character: Math.floor(r() * ((lines[line]?.length ?? 0) + 1)) };
    const whole = { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: 0 } };
    for (const [method, params] of [
      ['textDocument/hover', { textDocument: { uri }, position: at }],
      ['textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics: diags.diagnostics } }],
      ['textDocument/codeLens', { textDocument: { uri } }],
    ]) {
      try {
        await client.request(method, params);
      } catch (e) {
        if (crashed) break;
        k.errors++;
        if (examples.length < 20) examples.push({ kind: name, what: `${method}: ${e.message}` });
      }
    }
    client.notify('textDocument/didClose', { textDocument: { uri } });
    client.notifications.length = 0;
    k.inputs++;
    if (i % 100 === 0) totals.peakRssMb = Math.max(totals.peakRssMb, rssOf(client.proc.pid));
  }
  perKindFigures.push(k);
  for (const f of ['inputs', 'hangs', 'errors', 'invalidRanges']) totals[f] += k[f];
  totals.maxMs = Math.max(totals.maxMs, k.maxMs);
  console.error(`fuzz: ${name}: ${k.inputs} inputs, ${k.hangs} hangs, ${k.errors} errors, max ${k.maxMs} ms`);
  if (crashed) break;
}
totals.peakRssMb = Math.round(Math.max(totals.peakRssMb, rssOf(client.proc.pid)));
if (crashed) totals.crashes = 1;
console.log(JSON.stringify({ seed, perKind, totals, kinds: perKindFigures, crashed, examples }, null, 2));
if (!crashed) await client.shutdown().catch(() => undefined);
LspClient.killAll();
process.exit(totals.crashes || totals.hangs || totals.invalidRanges ? 1 : 0);
