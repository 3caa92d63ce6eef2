// Runs each test tier with node's test runner and prints `tier: N passed, N failed` per tier and a
// total `N passed, N failed` line. Tiers whose services are missing say so (and fail under CI=true).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const only = process.argv.slice(2);
const TIERS = ['unit', 'cli', 'lsp', 'go', 'registry', 'vscode', 'build'];

function runTier(tier) {
  const dir = path.join(root, 'out', 'test', tier);
  return new Promise((resolve) => {
    if (!fs.existsSync(dir)) {
      resolve({ tier, pass: 0, fail: 1, skipped: 0, missing: true });
      return;
    }
    const child = spawn(process.execPath, ['--test', '--test-reporter=tap', '--test-timeout=1200000', dir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let pass = 0,
      fail = 0,
      skipped = 0,
      buf = '';
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      buf += d.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        let m;
        if ((m = /^# pass (\d+)/.exec(line))) pass = Number(m[1]);
        else if ((m = /^# fail (\d+)/.exec(line))) fail = Number(m[1]);
        else if ((m = /^# skipped (\d+)/.exec(line))) skipped = Number(m[1]);
      }
    });
    child.on('close', (code) => resolve({ tier, pass, fail: fail || (code !== 0 && fail === 0 ? 1 : 0), skipped }));
  });
}

const results = [];
for (const tier of TIERS.filter((t) => only.length === 0 || only.includes(t))) {
  const r = await runTier(tier);
  results.push(r);
  console.log(`${tier}: ${r.pass} passed, ${r.fail} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`);
}
const pass = results.reduce((n, r) => n + r.pass, 0);
const fail = results.reduce((n, r) => n + r.fail, 0);
const skipped = results.reduce((n, r) => n + r.skipped, 0);
console.log('');
for (const r of results)
  console.log(`  ${r.tier.padEnd(8)} ${r.pass} passed, ${r.fail} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`);
console.log(`${pass} passed, ${fail} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(fail > 0 ? 1 : 0);
