// The hostile sizes through the engine alone, as the language server runs it: the analysis in slices
// with a pause between them. Per case, at n/2 and n, in a fresh process each: the CPU time of the whole
// analysis (their ratio: ~2 is linear, ~4 quadratic), the longest slice (CPU time between two pauses: how
// long the server could not answer anything else), the code action's work for the apk line (its fixes are
// computed with the analysis), and peak RSS. CPU time, not wall time: the figures hold on a loaded machine.
// Usage: node bench/analysis-slices.mjs [--scale 1] [--only apk|compose|containers|helm] [--core DIR]
// (after npm run build; --core: another build's out/server/src/core, to compare two builds in one run; a
// build without sliced analysis is measured as one slice).
import { spawnSync } from 'node:child_process';
import { setImmediate } from 'node:timers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { CASES } from './hostileCases.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const cpuMs = (u) => (u.user + u.system) / 1000;

async function child(core, name, n) {
  const require = createRequire(import.meta.url);
  const { createPortingService } = require(path.join(core, 'service.js'));
  const { normaliseSettings } = require(path.join(core, 'settings.js'));
  const c = CASES[name];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-bench-slices-'));
  const file = path.join(dir, c.file);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const [p, t] of Object.entries(c.extra ?? {})) fs.writeFileSync(path.join(dir, p), t);
  const text = c.text(n);
  const settings = normaliseSettings({ offline: true });
  const service = createPortingService({ noCache: true });
  const read = (f) => {
    try {
      return { ok: true, text: fs.readFileSync(f, 'utf8') };
    } catch {
      return { ok: false, absent: true, reason: 'absent' };
    }
  };
  // the knowledge base, the parsers and the code are loaded before the clock starts
  service.analyse(path.join(dir, 'warm', c.file), c.text(Math.min(n, 200)), settings, { read });
  let longest = 0;
  let last = process.cpuUsage();
  const start = process.cpuUsage();
  const pause = () => {
    longest = Math.max(longest, cpuMs(process.cpuUsage(last)));
    return new Promise((r) =>
      setImmediate(() => {
        last = process.cpuUsage();
        r();
      }),
    );
  };
  const o = { read, deferIndexes: true, pause };
  const a = service.analyseInSlices
    ? await service.analyseInSlices(file, text, settings, o)
    : service.analyse(file, text, settings, o);
  longest = Math.max(longest, cpuMs(process.cpuUsage(last)));
  const total = cpuMs(process.cpuUsage(start));
  const fixes = a.findings.reduce((k, f) => k + (f.fixes?.length ?? 0), 0);
  fs.rmSync(dir, { recursive: true, force: true });
  const rss = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify({ total, longest, findings: a.findings.length, fixes, rss, bytes: text.length }));
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4], Number(process.argv[5]));
} else {
  const scale = Number(arg('--scale') ?? 1) || 1;
  const only = arg('--only');
  const core = path.resolve(arg('--core') ?? path.join(here, '..', 'out', 'server', 'src', 'core'));
  console.log(`scale ${scale}; engine ${core}; each case at n/2 and n (CPU ratio ~2: linear)`);
  console.log('| case | n | MB | analysis CPU | ratio | longest slice (CPU) | findings / fixes | peak RSS |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [name, c] of Object.entries(CASES)) {
    if (only && !name.toLowerCase().includes(only.toLowerCase())) continue;
    let prev;
    for (const n of [Math.round((c.n * scale) / 2), Math.round(c.n * scale)]) {
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', core, name, String(n)], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      if (r.status !== 0) {
        console.log(`| ${name} | ${n} | failed: ${r.stderr.trim().split('\n').slice(-1)[0]} |`);
        continue;
      }
      const m = JSON.parse(r.stdout.trim().split('\n').pop());
      const ratio = prev ? (m.total / prev).toFixed(2) : '';
      prev = m.total;
      console.log(
        `| ${name} | ${n} | ${(m.bytes / 1e6).toFixed(1)} | ${Math.round(m.total)} ms | ${ratio} | ${Math.round(m.longest)} ms | ${m.findings} / ${m.fixes} | ${m.rss} MB |`,
      );
    }
  }
}
