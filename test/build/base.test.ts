// The seed's whole porting path on real services: make a Debian mips64el base with mmdebstrap under
// QEMU, push it to a local registry, port an Alpine Dockerfile to it with the preferred quick fix
// (found through a mirror template and verified by the registry), build it for linux/mips64le,
// and run the result.
import { CliResult, runCliProcess } from '../helpers/cli';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBase } from '../../server/src/core/base/createBase';
import { detectBuilder } from '../../server/src/core/build/builders';
import { makePlan } from '../../server/src/core/build/plan';
import { runPlan } from '../../server/src/core/build/runner';
import { registryBinary, requireService, RunningRegistry, startRegistry } from '../helpers/registry';
import { dockerWorks, emulationWorks } from '../helpers/buildEnv';
import { REPO_ROOT } from '../helpers/paths';
import { platform } from '../helpers/engine';

const onPath = (c: string) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', c]).status === 0;
const missing = !dockerWorks()
  ? 'no Docker daemon answers (apt-get install docker.io; dockerd)'
  : (emulationWorks() ??
    (!registryBinary()
      ? 'docker-registry is not installed'
      : !onPath('mmdebstrap') || !onPath('arch-test')
        ? 'mmdebstrap and arch-test are not installed (apt-get install mmdebstrap arch-test)'
        : undefined));
const skip = requireService(
  'Debian base tier (mmdebstrap, dockerd, qemu-mips64el, docker-registry)',
  !missing,
  missing ?? '',
);
const mips = platform('linux/mips64le');
const EPOCH = 1767225600; // 2026-01-01: fixed file times, so the layer is reproducible

function cli(args: string[]): Promise<CliResult> {
  return runCliProcess(args, {
    ...process.env,
    XDG_CACHE_HOME: fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-xdg-')),
  });
}

// Ours, and mmdebstrap's own work folders (it cleans them up itself when stopped with SIGTERM).
const tmpBaseDirs = () =>
  fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith('mips-port-base-') || d.startsWith('mmdebstrap.'));

describe('Debian base tier', { skip }, () => {
  let reg: RunningRegistry;
  let baseTag: string;
  let firstDigest: string | undefined;
  const tags: string[] = [];

  before(async () => {
    reg = await startRegistry();
    baseTag = `${reg.host}/library/cke/debian-mips64el:bookworm`;
    tags.push(baseTag);
  });
  after(async () => {
    for (const t of tags) spawnSync('docker', ['image', 'rm', '-f', t]);
    await reg?.stop();
  });

  test('creates a bookworm minbase for mips64el, verifies it and pushes it', { timeout: 600000 }, async () => {
    const stages: string[] = [];
    const r = await createBase({
      target: mips,
      suite: 'bookworm',
      variant: 'minbase',
      packages: [],
      tag: baseTag,
      push: true,
      sourceDateEpoch: EPOCH,
      builder: await detectBuilder('auto'),
      onStage: (s) => stages.push(s),
    });
    assert.ok(r.ok, r.summary);
    assert.deepEqual(stages, ['bootstrap', 'image', 'verify', 'push']);
    assert.match(r.summary, /linux\/mips64le, uname -m = mips64, Debian 12\.\d+/);
    firstDigest = r.layerDigest;
    const inspect = spawnSync('docker', ['image', 'inspect', '--format', '{{.Os}}/{{.Architecture}}', baseTag], {
      encoding: 'utf8',
    });
    assert.equal(inspect.stdout.trim(), 'linux/mips64le');
  });

  test('the same inputs give the same layer digest', { timeout: 600000 }, async () => {
    assert.ok(firstDigest, 'needs the first base');
    const tag = `${reg.host}/library/cke/debian-mips64el:bookworm-again`;
    tags.push(tag);
    const r = await createBase({
      target: mips,
      suite: 'bookworm',
      variant: 'minbase',
      packages: [],
      tag,
      push: false,
      sourceDateEpoch: EPOCH,
      builder: await detectBuilder('auto'),
    });
    assert.ok(r.ok, r.summary);
    assert.equal(r.layerDigest, firstDigest);
  });

  test(
    'an Alpine Dockerfile ported to the new base through the mirror template builds and runs for mips64le',
    { timeout: 600000 },
    async () => {
      const template = `${reg.host}/library/cke/{repository}-{debianArch}:{tag}`;
      const src = path.join(REPO_ROOT, 'examples', 'dnsutils', 'Dockerfile');
      const ported = await cli([
        'port',
        src,
        '--mirror-template',
        template,
        '--insecure',
        reg.host,
        '--no-cache',
        '--timeout',
        '5',
      ]);
      assert.equal(ported.code, 0, ported.stderr);
      assert.match(ported.stdout, new RegExp(`^# .*\\nFROM ${baseTag.replace(/[.]/g, '\\.')}\\n`));
      assert.match(ported.stdout, /apt-get install -y --no-install-recommends dnsutils/);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-ported-'));
      fs.writeFileSync(path.join(dir, 'Dockerfile'), ported.stdout);
      const plan = makePlan({
        dockerfile: path.join(dir, 'Dockerfile'),
        target: mips,
        builder: await detectBuilder('auto'),
        tag: `${reg.host}/ported/dnsutils:1-mips64le`,
      });
      tags.push(plan.tag);
      let log = '';
      const r = await runPlan(plan, {
        onOutput: (t) => {
          log += t;
        },
      });
      assert.ok(r.ok, `${r.summary}\n${log.slice(-3000)}`);
      assert.match(r.summary, /linux\/mips64le, uname -m = mips64/);
      const dig = spawnSync('docker', ['run', '--rm', '--platform', 'linux/mips64le', plan.tag, '-v'], {
        encoding: 'utf8',
      });
      assert.match(dig.stdout + dig.stderr, /DiG 9\./);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  );

  test('cancelling mid-way leaves no temp folder and no image', { timeout: 120000 }, async () => {
    const tag = `${reg.host}/library/cke/debian-mips64el:cancelled`;
    const before = new Set(tmpBaseDirs());
    const ac = new AbortController();
    const p = createBase({
      target: mips,
      suite: 'bookworm',
      variant: 'minbase',
      packages: [],
      tag,
      push: false,
      builder: await detectBuilder('auto'),
      signal: ac.signal,
      onStage: (s) => {
        if (s === 'bootstrap') setTimeout(() => ac.abort(), 3000);
      },
    });
    const r = await p;
    assert.ok(r.cancelled, r.summary);
    assert.deepEqual(
      tmpBaseDirs().filter((d) => !before.has(d)),
      [],
    );
    assert.notEqual(spawnSync('docker', ['image', 'inspect', tag]).status, 0);
    // Zombies do not count: they hold nothing, and an init that never reaps keeps them.
    const live = spawnSync('ps', ['-eo', 'stat=,args='], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter((l) => /mmdebstrap/.test(l) && !/^\s*Z/.test(l));
    assert.deepEqual(live, [], 'mmdebstrap processes outlived the cancel');
  });
});
