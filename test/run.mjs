// Runs each test tier with node's test runner and prints `tier: N passed, N failed` per tier and a
// total `N passed, N failed` line. Tiers whose services are missing say so (and fail under CI=true).
// The build tier is the long one (minutes of QEMU, much of it one dpkg or apt at a time: one core busy). When
// it runs with other tiers (npm test), they run beside it, one after another, so CI's second core works too:
// the build tier's output streams as it comes, each other tier's is printed whole when it ends.
// MIPS_PORT_TEST_SERIAL=1 runs the tiers one at a time instead.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const only = process.argv.slice(2);
const TIERS = ['unit', 'cli', 'lsp', 'go', 'registry', 'vscode', 'build'];

function runTier(tier, held) {
  const dir = path.join(root, 'out', 'test', tier);
  return new Promise((resolve) => {
    if (!fs.existsSync(dir)) {
      resolve({ tier, pass: 0, fail: 1, skipped: 0, missing: true });
      return;
    }
    const child = spawn(process.execPath, ['--test', '--test-reporter=tap', '--test-timeout=1200000', dir], {
      cwd: root,
      stdio: ['ignore', 'pipe', held ? 'pipe' : 'inherit'],
    });
    child.stdout.setEncoding('utf8');
    const out = [];
    const err = [];
    child.stderr?.on('data', (d) => err.push(d));
    let pass = 0,
      fail = 0,
      skipped = 0,
      buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        // whole lines, so a tier printed beside this one never lands inside a line
        if (held) out.push(`${line}\n`);
        else process.stdout.write(`${line}\n`);
        let m;
        if ((m = /^# pass (\d+)/.exec(line))) pass = Number(m[1]);
        else if ((m = /^# fail (\d+)/.exec(line))) fail = Number(m[1]);
        else if ((m = /^# skipped (\d+)/.exec(line))) skipped = Number(m[1]);
      }
    });
    child.on('close', (code) => {
      if (buf && held) out.push(buf);
      else if (buf) process.stdout.write(buf);
      if (held) {
        process.stdout.write(`# --- ${tier} tier (ran beside the build tier) ---\n`);
        process.stdout.write(out.join(''));
        process.stderr.write(Buffer.concat(err));
      }
      resolve({ tier, pass, fail: fail || (code !== 0 && fail === 0 ? 1 : 0), skipped });
    });
  });
}

async function runLane(tiers, held) {
  const done = [];
  for (const tier of tiers) {
    const r = await runTier(tier, held);
    console.log(`${tier}: ${r.pass} passed, ${r.fail} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`);
    done.push(r);
  }
  return done;
}

const chosen = TIERS.filter((t) => only.length === 0 || only.includes(t));
const beside = chosen.filter((t) => t !== 'build');
const lanes =
  chosen.includes('build') && beside.length > 0 && process.env.MIPS_PORT_TEST_SERIAL !== '1'
    ? [runLane(['build'], false), runLane(beside, true)]
    : [runLane(chosen, false)];
const byTier = new Map((await Promise.all(lanes)).flat().map((r) => [r.tier, r]));
const results = chosen.map((t) => byTier.get(t));
const pass = results.reduce((n, r) => n + r.pass, 0);
const fail = results.reduce((n, r) => n + r.fail, 0);
const skipped = results.reduce((n, r) => n + r.skipped, 0);
console.log('');
for (const r of results)
  console.log(`  ${r.tier.padEnd(8)} ${r.pass} passed, ${r.fail} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`);
console.log(`${pass} passed, ${fail} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(fail > 0 ? 1 : 0);
