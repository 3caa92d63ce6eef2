// Build tier: a real dockerd, qemu-mips64el through binfmt_misc, a local docker-registry.
import { CliResult, runCliProcess } from '../helpers/cli';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { detectBuilder } from '../../server/src/core/build/builders';
import { makePlan } from '../../server/src/core/build/plan';
import { runPlan } from '../../server/src/core/build/runner';
import { RegistryClient } from '../../server/src/core/registry/client';
import { parseImageRef } from '../../server/src/core/imageRef';
import { Pusher, registryBinary, requireService, RunningRegistry, startRegistry } from '../helpers/registry';
import { busyboxDeb, dockerWorks, emulationWorks, pushBusyboxBase } from '../helpers/buildEnv';
import { REPO_ROOT } from '../helpers/paths';
import { platform } from '../helpers/engine';

const missing = !dockerWorks()
  ? 'no Docker daemon answers (apt-get install docker.io; dockerd)'
  : (emulationWorks() ??
    (!registryBinary()
      ? 'docker-registry is not installed'
      : !busyboxDeb()
        ? 'busybox-static:mips64el cannot be downloaded (dpkg --add-architecture mips64el; apt-get update)'
        : undefined));
const skip = requireService('build tier (dockerd + qemu-mips64el binfmt + docker-registry)', !missing, missing ?? '');
const mips = platform('linux/mips64le');

let reg: RunningRegistry;
let work: string;
let base: string;
const tags: string[] = [];

function cli(args: string[]): Promise<CliResult> {
  return runCliProcess(args);
}

function write(dir: string, files: Record<string, string>): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const [n, t] of Object.entries(files)) fs.writeFileSync(path.join(dir, n), t);
  return path.join(dir, 'Dockerfile');
}

describe('build tier', { skip }, () => {
  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-build-'));
    reg = await startRegistry();
    base = `${reg.host}/mips-port-test/busybox:1`;
    await pushBusyboxBase(new Pusher(reg.url), 'mips-port-test/busybox', '1');
  });
  after(async () => {
    // the pulled base too: each run's registry has its own port, so its tags would pile up
    for (const t of [...tags, base]) if (t) spawnSync('docker', ['image', 'rm', '-f', t]);
    await reg?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  test('builds for linux/mips64le through QEMU, proves uname -m = mips64, pushes, and the registry sees mips64le', async () => {
    const dockerfile = write(path.join(work, 'app'), {
      Dockerfile: `FROM ${base}\nRUN uname -m > /built-on && echo hello > /hello\nCMD ["cat", "/hello"]\n`,
      VERSION: '1.0\n',
    });
    const builder = await detectBuilder('auto');
    const plan = makePlan({
      dockerfile,
      target: mips,
      builder,
      tagTemplate: `${reg.host}/ported/{name}:{tag}-{arch}`,
      push: true,
    });
    tags.push(plan.tag);
    assert.equal(plan.tag, `${reg.host}/ported/app:1.0-mips64le`);
    let output = '';
    const r = await runPlan(plan, {
      onOutput: (t) => {
        output += t;
      },
    });
    assert.ok(r.ok, `${r.summary}\n${output.slice(-3000)}`);
    assert.equal(
      r.summary,
      `built ${plan.tag}, linux/mips64le, uname -m = mips64, its program ran and exited 0 (last output: hello), pushed`,
    );
    const built = spawnSync('docker', ['run', '--rm', '--platform', 'linux/mips64le', plan.tag, 'cat', '/built-on'], {
      encoding: 'utf8',
    });
    assert.equal(built.stdout.trim(), 'mips64', 'the RUN step itself ran as mips64');
    const ref = parseImageRef(plan.tag);
    assert.ok(ref.ok);
    const info = await new RegistryClient({ insecure: [reg.host] }).platforms(ref.ref);
    assert.deepEqual(
      info.platforms.map((p) => `${p.os}/${p.architecture}`),
      ['linux/mips64le'],
    );
  });

  test('the start check runs the image with its own entrypoint: a daemon passes, an entrypoint that dies fails with its log', async () => {
    const daemon = write(path.join(work, 'daemon'), {
      Dockerfile: `FROM ${base}\nRUN printf '#!/bin/sh\\necho serving\\nexec sleep 60\\n' > /run.sh && chmod +x /run.sh\nENTRYPOINT ["/run.sh"]\n`,
    });
    const ok = await cli(['build', daemon, '--tag', 'mips-port-test/daemon:1', '--start-seconds', '3']);
    tags.push('mips-port-test/daemon:1');
    assert.equal(ok.code, 0, ok.stdout.slice(-2000) + ok.stderr);
    assert.match(ok.stdout, /uname -m = mips64, its program was still running after 3 s \(last output: serving\)/);
    const dies = write(path.join(work, 'dies'), {
      Dockerfile: `FROM ${base}\nRUN printf '#!/bin/sh\\necho "chown: unknown user nobody:nobody" >&2\\nexit 3\\n' > /run.sh && chmod +x /run.sh\nENTRYPOINT ["/run.sh"]\n`,
    });
    const bad = await cli(['build', dies, '--tag', 'mips-port-test/dies:1', '--start-seconds', '3']);
    tags.push('mips-port-test/dies:1');
    assert.notEqual(bad.code, 0);
    assert.match(
      bad.stderr,
      /was built, but its program exited with code 3 within 3 s: chown: unknown user nobody:nobody/,
    );
    // no container is left behind, running or exited
    const left = spawnSync('docker', ['ps', '-a', '--filter', 'ancestor=mips-port-test/dies:1', '-q'], {
      encoding: 'utf8',
    });
    assert.equal(left.stdout.trim(), '');
  });

  test('--join puts the pushed mips64le image into the tag that already serves other platforms', async () => {
    await new Pusher(reg.url).index('joined/app', '1', ['linux/amd64', 'linux/arm64/v8']);
    const dockerfile = write(path.join(work, 'joined'), { Dockerfile: `FROM ${base}\nRUN echo joined > /j\n` });
    tags.push(`${reg.host}/joined/app:1-mips64le`);
    const r = await cli([
      'build',
      dockerfile,
      '--tag',
      `${reg.host}/joined/app:1-mips64le`,
      '--push',
      '--join',
      `${reg.host}/joined/app:1`,
    ]);
    assert.equal(r.code, 0, r.stdout.slice(-2000) + r.stderr);
    assert.match(r.stdout, /mips-port: joined \S+\/joined\/app:1-mips64le into \S+\/joined\/app:1: .*linux\/mips64le/);
    const ref = parseImageRef(`${reg.host}/joined/app:1`);
    assert.ok(ref.ok);
    const info = await new RegistryClient({ insecure: [reg.host] }).platforms(ref.ref);
    assert.deepEqual(info.platforms.map((p) => `${p.os}/${p.architecture}`).sort(), [
      'linux/amd64',
      'linux/arm64',
      'linux/mips64le',
    ]);
  });

  test('a two-Dockerfile workspace is built in base-of-base order', async () => {
    const ws = path.join(work, 'ws');
    const tpl = `${reg.host}/ws/{name}:{tag}-{arch}`;
    write(path.join(ws, 'zz-base'), { Dockerfile: `FROM ${base}\nRUN echo base > /layer-base\n`, VERSION: '2.0\n' });
    write(path.join(ws, 'aa-app'), {
      Dockerfile: `FROM ${reg.host}/ws/zz-base:2.0-mips64le\nRUN cat /layer-base > /from-base\n`,
    });
    tags.push(`${reg.host}/ws/zz-base:2.0-mips64le`, `${reg.host}/ws/aa-app:latest-mips64le`);
    const dry = JSON.parse((await cli(['build', '--all', ws, '--tag-template', tpl, '--dry-run'])).stdout);
    assert.deepEqual(
      dry.order.map((p: { tag: string }) => p.tag),
      [`${reg.host}/ws/zz-base:2.0-mips64le`, `${reg.host}/ws/aa-app:latest-mips64le`],
    );
    const r = await cli(['build', '--all', ws, '--tag-template', tpl]);
    assert.equal(r.code, 0, r.stdout.slice(-2000) + r.stderr);
    assert.match(r.stdout, /built 2 images in order: .*zz-base:2\.0-mips64le, .*aa-app:latest-mips64le/);
    const out = spawnSync(
      'docker',
      ['run', '--rm', '--platform', 'linux/mips64le', `${reg.host}/ws/aa-app:latest-mips64le`, 'cat', '/from-base'],
      { encoding: 'utf8' },
    );
    assert.equal(out.stdout.trim(), 'base');
  });

  test('build --all --keep-going: a BASEIMAGE naming an image built here builds on it; one failure blocks only its dependents', async () => {
    const ws = path.join(work, 'ws-keep');
    const tpl = `${reg.host}/wk/{name}:{tag}-{arch}`;
    write(path.join(ws, 'zz-base'), { Dockerfile: `FROM ${base}\nRUN echo base > /layer-base\n`, VERSION: '2.0\n' });
    // image-util.sh style: kitten's BASEIMAGE names agnhost as REGISTRY/agnhost:<version>
    write(path.join(ws, 'kk-kitten'), {
      Dockerfile: 'ARG BASEIMAGE\nFROM $BASEIMAGE\nRUN cat /layer-base > /kitten\n',
      BASEIMAGE: 'linux/amd64=REGISTRY/zz-base:2.0\nlinux/mips64le=REGISTRY/zz-base:2.0\n',
    });
    // a FROM naming it under its upstream registry (unreachable here) is built on this workspace's build
    write(path.join(ws, 'jj-jelly'), {
      Dockerfile: 'FROM registry.k8s.io/e2e-test-images/zz-base:2.0\nRUN cat /layer-base > /jelly\n',
    });
    write(path.join(ws, 'bb-broken'), { Dockerfile: `FROM ${base}\nRUN exit 3\n` });
    write(path.join(ws, 'cc-on-broken'), { Dockerfile: `FROM ${reg.host}/wk/bb-broken:latest-mips64le\n` });
    tags.push(
      `${reg.host}/wk/zz-base:2.0-mips64le`,
      `${reg.host}/wk/kk-kitten:latest-mips64le`,
      `${reg.host}/wk/jj-jelly:latest-mips64le`,
      'registry.k8s.io/e2e-test-images/zz-base:2.0',
    );
    const r = await cli(['build', '--all', ws, '--tag-template', tpl, '--keep-going', '--start-seconds', '0']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /skipped \S*cc-on-broken\/Dockerfile: its base \S*bb-broken\/Dockerfile was not built/);
    assert.match(
      r.stderr,
      /built 3: .*zz-base:2\.0-mips64le, .*jj-jelly:latest-mips64le, .*kk-kitten:latest-mips64le; failed 1: \S*bb-broken\/Dockerfile \(exit 3\)/,
    );
    for (const [image, file] of [
      [`${reg.host}/wk/kk-kitten:latest-mips64le`, '/kitten'],
      [`${reg.host}/wk/jj-jelly:latest-mips64le`, '/jelly'],
    ]) {
      const out = spawnSync('docker', ['run', '--rm', '--platform', 'linux/mips64le', image, 'cat', file], {
        encoding: 'utf8',
      });
      assert.equal(out.stdout.trim(), 'base', out.stderr);
    }
  });

  test('a single build of an image whose BASEIMAGE names an image of the tree builds that one first, once', async () => {
    const ws = path.join(work, 'ws-single');
    const tpl = `${reg.host}/ws1/{name}:{tag}-{arch}`;
    write(path.join(ws, 'agnhost'), {
      Dockerfile: `FROM ${base}\nRUN echo agnhost > /layer-base\n`,
      VERSION: '2.47\n',
    });
    // Kubernetes' kitten: image-util.sh fills REGISTRY/ in; nobody passes --build-arg BASEIMAGE
    const kitten = write(path.join(ws, 'kitten'), {
      Dockerfile: 'ARG BASEIMAGE\nFROM $BASEIMAGE\nRUN cat /layer-base > /kitten\n',
      BASEIMAGE: 'linux/amd64=REGISTRY/agnhost:2.47-linux-amd64\nlinux/mips64le=REGISTRY/agnhost:2.47-linux-mips64le\n',
      VERSION: '1.7\n',
    });
    const agnhost = `${reg.host}/ws1/agnhost:2.47-mips64le`;
    const image = `${reg.host}/ws1/kitten:1.7-mips64le`;
    tags.push(agnhost, image);
    const r = await cli(['build', kitten, '--tag-template', tpl, '--start-seconds', '0']);
    assert.equal(r.code, 0, r.stdout.slice(-2000) + r.stderr);
    assert.match(
      r.stderr,
      /builds on \S+\/ws1\/agnhost:2\.47-mips64le, not built yet: building \S*agnhost\/Dockerfile first/,
    );
    assert.match(r.stdout, /built \S+\/ws1\/agnhost:2\.47-mips64le, linux\/mips64le/);
    const out = spawnSync('docker', ['run', '--rm', '--platform', 'linux/mips64le', image, 'cat', '/kitten'], {
      encoding: 'utf8',
    });
    assert.equal(out.stdout.trim(), 'agnhost', out.stderr);
    // built now: the next plan builds kitten alone
    const again = await cli(['build', kitten, '--tag-template', tpl, '--dry-run']);
    assert.equal(again.code, 0, again.stderr);
    const plan = JSON.parse(again.stdout);
    assert.equal(plan.first, undefined);
    assert.equal(plan.buildArgs.BASEIMAGE, agnhost);
  });

  test('a failing step is reported on its Dockerfile line', async () => {
    const dockerfile = write(path.join(work, 'bad'), {
      Dockerfile: `FROM ${base}\nRUN echo ok\nRUN false\nRUN echo never\n`,
    });
    tags.push('bad:latest-mips64le');
    // named by its absolute path (as the editor's task does): the problem line keeps it, whatever the cwd
    const r = await cli(['build', dockerfile]);
    assert.notEqual(r.code, 0);
    assert.match(
      r.stdout,
      new RegExp(
        `^${dockerfile.replace(/[.]/g, '\\.')}:3:1: error: Build bad:latest-mips64le for linux/mips64le failed`,
        'm',
      ),
    );
  });

  test('a build refused before it starts says why on the FROM line, in the form problem matchers read', async () => {
    const dockerfile = write(path.join(work, 'needs-arg'), { Dockerfile: '# base from CI\nARG BASE\nFROM $BASE\n' });
    const r = await cli(['build', dockerfile]);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      new RegExp(`^${dockerfile.replace(/[.]/g, '\\.')}:3:1: error: FROM needs --build-arg BASE=… \\(no default`, 'm'),
    );
  });

  test('an image-util.sh template (FROM BASEIMAGE, CROSS_BUILD_COPY) builds from its BASEIMAGE file; errors keep their line', async () => {
    const dir = path.join(work, 'legacy');
    const dockerfile = write(dir, {
      Dockerfile: 'FROM BASEIMAGE\nCROSS_BUILD_COPY qemu-QEMUARCH-static /usr/bin/\nRUN uname -m > /arch\n',
      BASEIMAGE: `amd64=alpine:3.8\nmips64le=${base}\n`,
      VERSION: '1.4\n',
    });
    tags.push('legacy:1.4-mips64le');
    const r = await cli(['build', dockerfile]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout + r.stderr, /built legacy:1\.4-mips64le, linux\/mips64le, uname -m = mips64/);
    const arch = spawnSync(
      'docker',
      ['run', '--rm', '--platform', 'linux/mips64le', 'legacy:1.4-mips64le', 'cat', '/arch'],
      { encoding: 'utf8' },
    );
    assert.equal(arch.stdout.trim(), 'mips64');
    assert.equal(
      fs.readFileSync(dockerfile, 'utf8').split('\n')[0],
      'FROM BASEIMAGE',
      'the template itself is untouched',
    );
    assert.deepEqual(
      fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith('mips-port-dockerfile-')),
      [],
      'the prepared copy is removed',
    );
    fs.appendFileSync(dockerfile, 'RUN false\n');
    // named relative to the working directory: the problem line is too
    const bad = await cli(['build', path.relative(REPO_ROOT, dockerfile)]);
    assert.notEqual(bad.code, 0);
    assert.match(
      bad.stdout,
      new RegExp(
        `${path.relative(REPO_ROOT, dockerfile).replace(/[.]/g, '\\.')}:4:1: error: Build legacy:1\\.4-mips64le`,
      ),
    );
  });

  test('cancelling mid-build stops the whole process tree', async () => {
    const marker = `cancel-${process.pid}-${Date.now()}`;
    const dockerfile = write(path.join(work, 'slow'), { Dockerfile: `FROM ${base}\nRUN sleep 60\n` });
    const plan = makePlan({ dockerfile, target: mips, builder: await detectBuilder('auto'), tag: `${marker}:1` });
    const ac = new AbortController();
    const started = new Promise<void>((resolve) => {
      const r = runPlan(plan, {
        signal: ac.signal,
        onOutput: (t) => {
          if (/sleep 60/.test(t)) resolve();
        },
      });
      void r.then((x) => {
        result = x;
      });
    });
    let result: Awaited<ReturnType<typeof runPlan>> | undefined;
    await started;
    const t0 = Date.now();
    ac.abort();
    while (!result && Date.now() - t0 < 20000) await new Promise((r) => setTimeout(r, 100));
    assert.ok(result?.cancelled, 'the build reports it was cancelled');
    const left = spawnSync('pgrep', ['-f', marker], { encoding: 'utf8' });
    assert.equal(left.stdout.trim(), '', 'no process of the build is left');
  });
});
