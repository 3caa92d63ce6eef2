// The same small Go program (standard library only) built for linux/mips64le twice in one run: as
// written (the compile stage built for the target, so under QEMU) and as `mips-port port` rewrites it
// (the stage on the build platform, cross-compiling). Prints both times, the ratio, and each binary's
// output run under QEMU. Uses dockerd, QEMU and mmdebstrap: run it alone on the machine.
// Run: npm run build && node bench/cross-compile.mjs
// The Go toolchain images (Debian bookworm's golang-go for mips64el and for the build machine) are unpacked
// from Debian's packages with mmdebstrap's extract variant on the first run (no dpkg under QEMU) and kept in
// docker's image store; later runs reuse them. Nothing but Debian's archive is fetched.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { startRegistry } = require(path.join(root, 'out/test/helpers/registry.js'));
const go = require(path.join(root, 'out/test/helpers/goToolchain.js'));
const { platform } = require(path.join(root, 'out/test/helpers/engine.js'));
const cli = path.join(root, 'bin/mips-port.js');
const mips = platform('linux/mips64le');

const sh = (cmd, args, opts = {}) => spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });

const t0 = Date.now();
await go.ensureGoToolchains((t) => process.stderr.write(t));
console.log(`toolchain images ready (${((Date.now() - t0) / 1000).toFixed(0)} s; cached in docker's image store)`);
const reg = await startRegistry();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-bench-cross-'));
const tags = [];
try {
  const image = go.pushGoToolchain(reg.host);
  tags.push(image); // as the builds pull it, under this run's registry port
  const nonce = `${process.pid}-${Date.now()}`;
  const naive = go.writeGoProgram(path.join(work, 'naive'), image, nonce);
  const portedDir = path.join(work, 'ported');
  go.writeGoProgram(portedDir, image, nonce);
  const port = sh(process.execPath, [
    cli,
    'port',
    path.join(portedDir, 'Dockerfile'),
    '--write',
    '--insecure',
    reg.host,
  ]);
  if (port.status !== 0) throw new Error(`port failed: ${port.stdout}${port.stderr}`);
  const ported = fs.readFileSync(path.join(portedDir, 'Dockerfile'), 'utf8');
  console.log(
    `\nport rewrote the build stage:\n${ported
      .split('\n')
      .slice(0, 6)
      .map((l) => `  ${l}`)
      .join('\n')}\n`,
  );
  if (!ported.includes('--platform=$BUILDPLATFORM'))
    throw new Error('port did not move the stage to the build platform');

  const build = (dockerfile, tag) => {
    tags.push(tag);
    const start = process.hrtime.bigint();
    const r = sh(process.execPath, [cli, 'build', dockerfile, '--tag', tag, '--no-smoke']);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (r.status !== 0) throw new Error(`build of ${tag} failed:\n${(r.stdout + r.stderr).slice(-3000)}`);
    const stages = r.stdout.split('\n').filter((l) => /^ {4}stage /.test(l));
    const builder = /^==> \S+: (.*)$/m.exec(r.stdout)?.[1] ?? '?';
    // BuildKit's plain progress times each step: the compile alone, without pulls and exports
    const vertex = /^#(\d+) \[[^\]]*\] RUN .*go build/m.exec(r.stdout)?.[1];
    const step = vertex ? new RegExp(`^#${vertex} DONE ([\\d.]+)s`, 'm').exec(r.stdout)?.[1] : undefined;
    const run = sh('docker', ['run', '--rm', '--platform', 'linux/mips64le', tag]);
    const compile = step === undefined ? undefined : Number(step);
    return { seconds, compile, stages, builder, output: run.stdout.trim() || run.stderr.trim() };
  };
  const q = build(naive, `mips-port-bench/hello:naive-${nonce}`);
  const n = build(path.join(portedDir, 'Dockerfile'), `mips-port-bench/hello:ported-${nonce}`);
  const expected = go.goProgramOutput(mips);
  console.log(`builder: ${n.builder}`);
  if (n.builder === 'the classic docker builder')
    console.log(
      '  (it runs every stage as the target, so no gain: BuildKit is needed, through buildx or a docker CLI < 23)',
    );
  for (const [name, r] of [
    ['as written (compile under QEMU)', q],
    ['ported (cross-compiled natively)', n],
  ]) {
    const step = r.compile === undefined ? '' : ` (the go build step: ${r.compile.toFixed(1)} s)`;
    console.log(`${name}: ${r.seconds.toFixed(1)} s${step}`);
    for (const s of r.stages) console.log(`  ${s.trim()}`);
    console.log(`  runs under QEMU and prints: ${r.output}`);
  }
  console.log(`\nratio (as written / ported): ${(q.seconds / n.seconds).toFixed(1)}x (goal: >= 5x)`);
  if (q.compile && n.compile) console.log(`ratio of the go build steps: ${(q.compile / n.compile).toFixed(1)}x`);
  const same = q.output === n.output && n.output === expected;
  console.log(`same output from both binaries: ${same ? 'yes' : 'NO'} (expected "${expected}")`);
  if (!same) process.exitCode = 1;
} finally {
  for (const t of tags) sh('docker', ['image', 'rm', '-f', t]);
  await reg.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
