import { test } from 'node:test';
import { finalFromLine, lastMeaningfulLine, startLine } from '../../server/src/core/build/runner';
import { BUILDER_PROFILES, builderProfile, ProfileId, profileId } from '../../server/src/core/build/builderProfiles';
import { missingProgramLine } from '../../server/src/core/build/startCheck';
import { withRegistry } from '../../server/src/core/build/plan';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  checkEmulation,
  parseBinfmtEntry,
  qemuSetupOptions,
  registerFromConf,
} from '../../server/src/core/build/binfmt';
import { detectBuilder, Probe } from '../../server/src/core/build/builders';
import { applyTemplate, imageName, makePlan } from '../../server/src/core/build/plan';
import { explainOutput, failingLine } from '../../server/src/core/build/runner';
import { bakeFile, workspaceGraph } from '../../server/src/core/build/workspace';
import { failureActions, failureCause } from '../../client/src/buildFailure';
import { platform } from '../helpers/engine';
import { debianArch, hostDebianMirror, mmdebstrapCommand, snapshotEpoch } from '../../server/src/core/base/debianBase';
import { baseRequirements } from '../../server/src/core/base/createBase';
import { runProcess } from '../../server/src/core/process/runProcess';
import { tempTree } from '../helpers/tempDirs';

const mips = platform('linux/mips64le');
const tmp = (files: Record<string, string>) => tempTree('mips-port-plan-', files);
const docker = { kind: 'docker' as const, buildx: false };

test('plan: classic docker build with BASEIMAGE from the BASEIMAGE file, VERSION and the tag template', () => {
  const d = tmp({
    'agnhost/Dockerfile': 'ARG BASEIMAGE\nFROM $BASEIMAGE\n',
    'agnhost/BASEIMAGE': 'linux/amd64=alpine:3.12\nlinux/mips64le=debian:bookworm-20260713-slim\n',
    'agnhost/VERSION': '2.47\n',
  });
  const p = makePlan({
    dockerfile: path.join(d, 'agnhost/Dockerfile'),
    target: mips,
    builder: docker,
    tagTemplate: 'registry.example.com/cke/{name}-{debianArch}:{tag}',
  });
  assert.equal(p.tag, 'registry.example.com/cke/agnhost-mips64el:2.47');
  assert.deepEqual(p.buildArgs, { BASEIMAGE: 'debian:bookworm-20260713-slim' });
  assert.deepEqual(p.unresolved, []);
  assert.deepEqual(
    p.steps.map((s) => s.id),
    ['build', 'inspect', 'smoke', 'start'],
  );
  // the image runs with its own ENTRYPOINT/CMD after the uname -m check
  assert.deepEqual(p.steps[3].argv, ['docker', 'run', '-d', '--platform', 'linux/mips64le', '--', p.tag]);
  assert.deepEqual(p.steps[0].argv, [
    'docker',
    'build',
    '--force-rm',
    '--platform',
    'linux/mips64le',
    '--tag',
    p.tag,
    '--file',
    path.join(d, 'agnhost/Dockerfile'),
    '--build-arg',
    'BASEIMAGE=debian:bookworm-20260713-slim',
    '--',
    path.join(d, 'agnhost'),
  ]);
  assert.deepEqual(p.steps[0].env, { DOCKER_BUILDKIT: '0' });
  assert.deepEqual(p.steps[2].argv.slice(-5), ['--entrypoint', 'uname', '--', p.tag, '-m']);
  assert.equal(p.steps[2].expect, 'mips64');
});

test('plan: buildx, podman and buildah argv; push; no smoke; unresolved args', () => {
  const d = tmp({ 'x/Dockerfile': 'ARG BASE\nFROM $BASE\n' });
  const f = path.join(d, 'x/Dockerfile');
  const bx = makePlan({ dockerfile: f, target: mips, builder: { kind: 'docker', buildx: true }, push: true });
  assert.deepEqual(bx.steps[0].argv.slice(0, 3), ['docker', 'buildx', 'build']);
  assert.ok(bx.steps[0].argv.includes('--load'));
  assert.deepEqual(
    bx.steps.map((s) => s.id),
    ['build', 'inspect', 'smoke', 'start', 'push'],
  );
  assert.deepEqual(bx.unresolved, ['BASE']);
  const pd = makePlan({
    dockerfile: f,
    target: mips,
    builder: { kind: 'podman', buildx: false },
    smoke: false,
    buildArgs: { BASE: 'debian:bookworm-20260713-slim' },
  });
  assert.deepEqual(
    pd.steps.map((s) => s.argv[0] + ' ' + s.argv[1]),
    ['podman build', 'podman image'],
  );
  assert.deepEqual(pd.unresolved, []);
  const bh = makePlan({ dockerfile: f, target: mips, builder: { kind: 'buildah', buildx: false }, tag: 'x:1' });
  assert.deepEqual(bh.steps[0].argv.slice(0, 2), ['buildah', 'bud']);
  assert.equal(bh.tag, 'x:1');
  // every builder call ends its options with `--`, so a name or a path is never read as an option
  for (const plan of [bx, pd, bh])
    for (const step of plan.steps) {
      const at = step.argv.indexOf('--');
      assert.ok(at > 0 && step.argv[at + 1] !== undefined, step.argv.join(' '));
    }
  // a build arg value with shell metacharacters stays one argv element
  const evil = makePlan({ dockerfile: f, target: mips, builder: docker, buildArgs: { BASE: 'a;rm -rf /' } });
  assert.ok(evil.steps[0].argv.includes('BASE=a;rm -rf /'));
});

test('image names and templates', () => {
  assert.equal(imageName('/r/test/images/agnhost/Dockerfile'), 'agnhost');
  assert.equal(imageName('/r/api.Dockerfile'), 'api');
  assert.equal(imageName('/r/x/Dockerfile.mips64le'), 'mips64le');
  assert.equal(
    applyTemplate('{name}:{tag}-{arch}', { name: 'a', tag: '1', target: platform('riscv64') }),
    'a:1-riscv64',
  );
});

test('binfmt: parsing entries and checking the F flag, enabled state and registration', () => {
  const e = parseBinfmtEntry(
    'enabled\ninterpreter /usr/libexec/qemu-binfmt/mips64el-binfmt-P\nflags: POF\noffset 0\nmagic 7f454c46\n',
  );
  assert.deepEqual([e.enabled, e.flags, e.interpreter], [true, 'POF', '/usr/libexec/qemu-binfmt/mips64el-binfmt-P']);
  const dir = tmp({ status: 'enabled\n' });
  assert.match(
    checkEmulation(mips, { binfmtDir: dir, hostMachine: 'x86_64' }).problem ?? '',
    /not registered.*exec format error/,
  );
  fs.writeFileSync(path.join(dir, 'qemu-mips64el'), 'disabled\ninterpreter /x\nflags: OCF\n');
  assert.match(checkEmulation(mips, { binfmtDir: dir, hostMachine: 'x86_64' }).problem ?? '', /disabled/);
  fs.writeFileSync(path.join(dir, 'qemu-mips64el'), 'enabled\ninterpreter /x\nflags: OC\n');
  assert.match(checkEmulation(mips, { binfmtDir: dir, hostMachine: 'x86_64' }).problem ?? '', /without the F flag/);
  fs.writeFileSync(path.join(dir, 'qemu-mips64el'), 'enabled\ninterpreter /x\nflags: POCF\n');
  assert.ok(checkEmulation(mips, { binfmtDir: dir, hostMachine: 'x86_64' }).ok);
  assert.ok(checkEmulation(mips, { binfmtDir: '/nonexistent', hostMachine: 'mips64' }).native);
  assert.match(checkEmulation(mips, { binfmtDir: '/nonexistent', hostMachine: 'x86_64' }).problem ?? '', /not mounted/);
  const conf = tmp({ 'q.conf': '# comment\n:qemu-mips64el:M::\\x7fELF:\\xff:/usr/bin/qemu:OCF\n' });
  registerFromConf(path.join(conf, 'q.conf'), dir);
  assert.equal(
    fs.readFileSync(path.join(dir, 'register'), 'utf8'),
    ':qemu-mips64el:M::\\x7fELF:\\xff:/usr/bin/qemu:OCF',
  );
  assert.deepEqual(qemuSetupOptions(mips)[0].command, [
    'docker',
    'run',
    '--privileged',
    '--rm',
    'tonistiigi/binfmt',
    '--install',
    'mips64le',
  ]);
});

test('builder detection says what to install or start', async () => {
  const none: Probe = async () => ({ code: null, stdout: '', stderr: '', missing: true });
  await assert.rejects(
    detectBuilder('auto', none),
    /docker is not installed.*podman is not installed.*buildah is not installed/,
  );
  const down: Probe = async (cmd) =>
    cmd === 'docker'
      ? {
          code: 1,
          stdout: '',
          stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock',
          missing: false,
        }
      : { code: null, stdout: '', stderr: '', missing: true };
  await assert.rejects(detectBuilder('docker', down), /daemon.*does not answer.*Cannot connect/);
  const bx: Probe = async (cmd, args) => ({
    code: 0,
    stdout: args[0] === 'version' ? '27.0.0\n' : 'github.com/docker/buildx v0.14',
    stderr: '',
    missing: false,
  });
  assert.deepEqual(await detectBuilder('auto', bx), { kind: 'docker', buildx: true, version: '27.0.0' });
  const podman: Probe = async (cmd) =>
    cmd === 'podman'
      ? { code: 0, stdout: 'podman version 4.3.1', stderr: '', missing: false }
      : { code: null, stdout: '', stderr: '', missing: true };
  assert.equal((await detectBuilder('auto', podman)).kind, 'podman');
});

test('failing steps map to Dockerfile lines for the classic builder and BuildKit; exec format error is explained', () => {
  const text = 'ARG X=1\nFROM busybox\n# comment\nRUN echo ok\nRUN false\n';
  assert.equal(
    failingLine(
      "Step 1/4 : ARG X=1\nStep 2/4 : FROM busybox\nStep 3/4 : RUN echo ok\nStep 4/4 : RUN false\nThe command '/bin/sh -c false' returned a non-zero code: 1\n",
      text,
    ),
    5,
  );
  assert.equal(
    failingLine(
      '#6 ERROR: process "/bin/sh -c false" did not complete successfully\n------\n Dockerfile:5\n------\n',
      text,
    ),
    5,
  );
  assert.equal(failingLine('nothing useful', text), undefined);
  const plan = makePlan({ dockerfile: '/nonexistent/Dockerfile', target: mips, builder: docker });
  assert.match(explainOutput('exec /bin/sh: exec format error', plan) ?? '', /Set up QEMU/);
});

test('workspace order, cycles, missing producers and the bake file', () => {
  const tpl = 'reg.example/{name}:{tag}-{arch}';
  const d = tmp({
    'base/Dockerfile': 'FROM debian:bookworm-20260713-slim\n',
    'base/VERSION': '1.0\n',
    'mid/Dockerfile': 'FROM reg.example/base:1.0-mips64le\n',
    'top/Dockerfile':
      'FROM --platform=$BUILDPLATFORM golang:1.21 AS b\nFROM reg.example/mid:latest-mips64le\nCOPY --from=b /x /x\n',
    'orphan/Dockerfile': 'FROM reg.example/nowhere:3-mips64le\n',
    'c1/Dockerfile': 'FROM reg.example/c2:latest-mips64le\n',
    'c2/Dockerfile': 'FROM reg.example/c1:latest-mips64le\n',
  });
  const g = workspaceGraph(d, { target: mips, builder: docker, tagTemplate: tpl });
  const names = g.order.map((f) => path.basename(path.dirname(f)));
  assert.ok(names.indexOf('base') < names.indexOf('mid') && names.indexOf('mid') < names.indexOf('top'));
  assert.deepEqual(
    g.cycles.map((c) => c.map((f) => path.basename(path.dirname(f))).sort()),
    [['c1', 'c2']],
  );
  assert.deepEqual(
    g.missing.map((m) => m.image),
    ['reg.example/nowhere:3-mips64le'],
  );
  const bake = bakeFile(g, d) as {
    group: { default: { targets: string[] } };
    target: Record<string, { platforms: string[]; contexts?: Record<string, string>; tags: string[] }>;
  };
  assert.deepEqual(bake.target.mid.contexts, { 'reg.example/base:1.0-mips64le': 'target:base' });
  assert.deepEqual(bake.target.mid.platforms, ['linux/mips64le']);
  assert.deepEqual(bake.target.base.tags, ['reg.example/base:1.0-mips64le']);
  assert.ok(!bake.group.default.targets.includes('c1'));
});

test("workspace: a BASEIMAGE naming an image built here (REGISTRY/agnhost:…) is built on that image's target tag", () => {
  const d = tmp({
    'agnhost/Dockerfile': 'FROM debian:bookworm-20260713-slim\n',
    'agnhost/VERSION': '2.33\n',
    'kitten/Dockerfile': 'ARG BASEIMAGE\nFROM $BASEIMAGE\n',
    'kitten/BASEIMAGE': 'linux/amd64=REGISTRY/agnhost:2.33\nlinux/mips64le=REGISTRY/agnhost:2.33\n',
  });
  const g = workspaceGraph(d, { target: mips, builder: docker, tagTemplate: 'reg.example/{name}:{tag}-{arch}' });
  const names = g.order.map((f) => path.basename(path.dirname(f)));
  assert.deepEqual(names, ['agnhost', 'kitten']);
  const kitten = g.nodes.get(path.join(d, 'kitten/Dockerfile'))!.plan;
  assert.equal(kitten.buildArgs.BASEIMAGE, 'reg.example/agnhost:2.33-mips64le');
  assert.ok(kitten.steps[0].argv.includes('BASEIMAGE=reg.example/agnhost:2.33-mips64le'));
  assert.ok(kitten.notes.some((n) => /REGISTRY\/agnhost:2\.33 is built here/.test(n)));
});

test('Debian base: mmdebstrap command, slim excludes, snapshots, mirrors from apt sources, clear requirement messages', async () => {
  const m = mmdebstrapCommand(
    {
      target: mips,
      suite: 'bookworm',
      variant: 'slim',
      packages: ['dnsutils', 'curl'],
      mirror: 'http://mirror.example/debian',
    },
    '/tmp/out.tar',
  );
  assert.deepEqual(m.argv.slice(0, 4), ['mmdebstrap', '--variant=minbase', '--architectures=mips64el', '--format=tar']);
  assert.ok(m.argv.includes('--dpkgopt=path-exclude=/usr/share/man/*'));
  assert.ok(m.argv.includes('--include=dnsutils,curl'));
  // merged /usr by mmdebstrap's hook, so apt never installs usrmerge (and its Perl) to get it
  assert.ok(m.argv.includes('--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr'), m.argv.join(' '));
  const old = mmdebstrapCommand({ target: mips, suite: 'bullseye', variant: 'minbase', packages: [] }, '/o.tar');
  assert.ok(!old.argv.some((a) => a.startsWith('--hook-dir=')), 'bullseye has no usr-is-merged to install');
  assert.deepEqual(m.argv.slice(-5), [
    'bookworm',
    '/tmp/out.tar',
    'http://mirror.example/debian',
    'deb http://mirror.example/debian bookworm-updates main',
    'deb http://mirror.example/debian-security bookworm-security main',
  ]);
  // as Debian's own images: no .deb cache kept in the layers built on the base
  assert.ok(
    m.argv.some((a) => a.startsWith('--aptopt=DPkg::Post-Invoke') && a.includes('/var/cache/apt/archives/*.deb')),
  );
  const snap = mmdebstrapCommand(
    { target: mips, suite: 'bookworm', variant: 'minbase', packages: [], snapshot: '20260101T000000Z' },
    '/o.tar',
  );
  assert.equal(snap.mirror, 'http://snapshot.debian.org/archive/debian/20260101T000000Z/');
  assert.equal(snap.env.SOURCE_DATE_EPOCH, '1767225600');
  assert.throws(() => snapshotEpoch('yesterday'), /20240101T000000Z/);
  assert.equal(debianArch(platform('linux/riscv64')), 'riscv64');
  assert.equal(
    mmdebstrapCommand({ target: platform('loong64'), suite: 'sid', variant: 'minbase', packages: [] }, '/o').mirror,
    'http://deb.debian.org/debian-ports',
  );
  const d = tmp({
    'a.sources':
      'Types: deb\nURIs: http://local.mirror/debian\nSuites: bookworm bookworm-updates\nComponents: main\n\nTypes: deb\nURIs: http://local.mirror/debian-security\nSuites: bookworm-security\n',
    'b.list': 'deb [arch=amd64] http://other/debian bookworm main\n',
  });
  assert.equal(hostDebianMirror([path.join(d, 'a.sources')]), 'http://local.mirror/debian');
  assert.equal(hostDebianMirror([path.join(d, 'b.list')]), 'http://other/debian');
  assert.equal(hostDebianMirror([path.join(d, 'nope')]), 'http://deb.debian.org/debian');
  const saved = process.env.PATH;
  process.env.PATH = '/nonexistent';
  try {
    assert.match(
      baseRequirements({ target: mips, suite: 'bookworm', variant: 'minbase', packages: [] }) ?? '',
      /mmdebstrap and arch-test are not installed: apt-get install mmdebstrap arch-test/,
    );
  } finally {
    process.env.PATH = saved;
  }
});

test('a cancelled process reports back only after the helpers it started have finished unwinding', async () => {
  const d = tmp({});
  const mark = path.join(d, 'helper-finished');
  // The leader dies on SIGTERM at once; its helper (stdio closed, like a worker cleaning up) takes 1 s more.
  const helper = `trap 'sleep 1; touch "$0"; exit 0' TERM; while :; do sleep 0.1; done`;
  const ac = new AbortController();
  const p = runProcess(['sh', '-c', 'sh -c "$2" "$1" </dev/null >/dev/null 2>&1 & exec sleep 30', 'sh', mark, helper], {
    signal: ac.signal,
  });
  setTimeout(() => ac.abort(), 300);
  const r = await p;
  assert.equal(r.cancelled, true);
  assert.equal(r.survivors, false);

  assert.ok(fs.existsSync(mark), 'runProcess reported the cancel while a helper was still running');
  fs.rmSync(d, { recursive: true, force: true });
});

test('plan: an image-util.sh template (FROM BASEIMAGE, CROSS_BUILD_COPY) is built from a prepared copy with the same line numbers', () => {
  const d = tmp({
    'kitten/Dockerfile':
      'FROM BASEIMAGE\nCROSS_BUILD_COPY qemu-QEMUARCH-static \\\n  /usr/bin/\nRUN apk add --no-cache curl\nADD https://example.com/tool_linux_BASEARCH.tgz /t.tgz\n',
    'kitten/BASEIMAGE': 'amd64=alpine:3.8\nmips64le=registry.example.com/cke/debian-mips64el:bookworm\n',
    'kitten/VERSION': '1.0\n',
  });
  const p = makePlan({ dockerfile: path.join(d, 'kitten/Dockerfile'), target: mips, builder: docker });
  assert.deepEqual(p.unresolved, []);
  assert.ok(p.prepared, 'the template needs a prepared copy');
  assert.equal(
    p.prepared.text,
    'FROM registry.example.com/cke/debian-mips64el:bookworm\n# CROSS_BUILD_COPY qemu-QEMUARCH-static \\\n#   /usr/bin/\nRUN apk add --no-cache curl\nADD https://example.com/tool_linux_mips64le.tgz /t.tgz\n',
  );
  assert.equal(p.steps[0].argv[p.steps[0].argv.indexOf('--file') + 1], p.prepared.path);
  assert.equal(
    p.steps[0].argv[p.steps[0].argv.length - 1],
    path.join(d, 'kitten'),
    'the context stays the image folder',
  );
  assert.ok(!p.prepared.path.startsWith(d), "nothing is written into the user's tree");
  assert.match(p.notes.join('\n'), /FROM BASEIMAGE -> FROM registry\.example\.com\/cke\/debian-mips64el:bookworm/);
  assert.match(p.notes.join('\n'), /CROSS_BUILD_COPY qemu-QEMUARCH-static \\ dropped/);
  // a failing RUN is still reported on the template's own line
  assert.equal(failingLine('Step 2/2 : RUN apk add --no-cache curl\n', p.prepared.text), 4);
  // the bake file carries the prepared text, not a temp path
  const g = workspaceGraph(d, { target: mips, builder: docker });
  const t = (bakeFile(g, d) as { target: Record<string, Record<string, unknown>> }).target.kitten;
  assert.equal(t['dockerfile-inline'], p.prepared.text);
  assert.equal(t.dockerfile, undefined);
  // without the target line the placeholder stays and the plan names the missing value
  fs.writeFileSync(path.join(d, 'kitten/BASEIMAGE'), 'amd64=alpine:3.8\n');
  const q = makePlan({ dockerfile: path.join(d, 'kitten/Dockerfile'), target: mips, builder: docker });
  assert.deepEqual(q.unresolved, ['BASEIMAGE']);
});

test("a failed build names the tool's own error line (apt E:, dnf Error:), without escape codes", () => {
  const apt =
    "Step 3/4 : RUN apt-get install -y ltrace\n\x1b[91mE: Unable to locate package ltrace\n\x1b[0mThe command '/bin/sh -c apt-get install -y ltrace' returned a non-zero code: 100\n";
  assert.equal(lastMeaningfulLine(apt), 'E: Unable to locate package ltrace');
  const bk =
    '#7 1.234 E: Package \'foo\' has no installation candidate\n#7 ERROR: process "/bin/sh -c apt-get install foo" did not complete successfully: exit code: 100\n';
  assert.equal(lastMeaningfulLine(bk), "E: Package 'foo' has no installation candidate");
});

test('a registry prefix goes in front of template names that name no registry', () => {
  assert.equal(
    withRegistry('agnhost:2.47-mips64le', 'registry.example.com/cke/'),
    'registry.example.com/cke/agnhost:2.47-mips64le',
  );
  assert.equal(withRegistry('localhost:5000/agnhost:1', 'registry.example.com'), 'localhost:5000/agnhost:1');
  assert.equal(withRegistry('team/agnhost:1', 'registry.example.com'), 'registry.example.com/team/agnhost:1');
  assert.equal(withRegistry('agnhost:1', undefined), 'agnhost:1');
});

test('workspace: a FROM naming an image built here (upstream registry name) builds on that build, with every builder', () => {
  const d = tmp({
    'agnhost/Dockerfile': 'FROM debian:bookworm-20260713-slim\n',
    'agnhost/VERSION': '2.47\n',
    'kitten/Dockerfile': 'FROM registry.k8s.io/e2e-test-images/agnhost:2.47\nCMD ["test-webserver"]\n',
  });
  const written = 'registry.k8s.io/e2e-test-images/agnhost:2.47';
  const classic = workspaceGraph(d, { target: mips, builder: docker, tagTemplate: 'reg.example/{name}:{tag}-{arch}' });
  assert.deepEqual(
    classic.order.map((f) => path.basename(path.dirname(f))),
    ['agnhost', 'kitten'],
  );
  const kitten = classic.nodes.get(path.join(d, 'kitten/Dockerfile'))!.plan;
  // the classic builder reads a local image of the FROM's name: the target build is tagged so, then built on
  assert.deepEqual(kitten.steps[0].argv, ['docker', 'tag', '--', 'reg.example/agnhost:2.47-mips64le', written]);
  assert.equal(kitten.steps[1].id, 'build');
  assert.ok(kitten.notes.some((n) => /FROM registry\.k8s\.io\/e2e-test-images\/agnhost:2\.47 is built here/.test(n)));
  // buildx gets a named context instead, and nothing is tagged
  const bx = workspaceGraph(d, {
    target: mips,
    builder: { kind: 'docker', buildx: true },
    tagTemplate: 'reg.example/{name}:{tag}-{arch}',
  }).nodes.get(path.join(d, 'kitten/Dockerfile'))!.plan;
  assert.equal(bx.steps[0].id, 'build');
  const at = bx.steps[0].argv.indexOf('--build-context');
  assert.equal(bx.steps[0].argv[at + 1], `${written}=docker-image://reg.example/agnhost:2.47-mips64le`);
});

test("a failed build's notification names the CLI's own cause and offers the action for it", () => {
  const log = [
    '==> Build x for linux/mips64le',
    'Step 3/4 : RUN false',
    '',
    '/w/app/Dockerfile:3:1: error: Build x:1 for linux/mips64le failed (exit 1): The command returned a non-zero code: 1',
    'mips-port: Build x:1 for linux/mips64le failed (exit 1): The command returned a non-zero code: 1',
    '',
  ].join('\n');
  assert.equal(
    failureCause(log),
    'Build x:1 for linux/mips64le failed (exit 1): The command returned a non-zero code: 1',
  );
  assert.deepEqual(failureActions(failureCause(log)), []);
  const qemu = 'mips-port: refusing to build for linux/riscv64: qemu-riscv64 is not registered in binfmt_misc\n';
  assert.deepEqual(
    failureActions(failureCause(qemu)).map((a) => a.command),
    ['mipsPort.setupQemu'],
  );
  assert.equal(failureCause(''), undefined);
  const arg = '/w/Dockerfile:2:1: error: FROM needs --build-arg BASE=… (no default, and no BASEIMAGE line)\n';
  assert.match(failureCause(arg) ?? '', /^FROM needs --build-arg BASE/);
  assert.deepEqual(failureActions(failureCause(arg))[0].args, ['mipsPort.buildArgs']);
});

test('every apt E: line is named, a failed start points at the ENTRYPOINT, a missing program fails the start', () => {
  const apt = [
    '#7 3.2 E: Unable to locate package nfs-utils',
    '#7 3.2 E: Unable to locate package ltrace',
    '#7 ERROR: process "/bin/sh -c apt-get install -y nfs-utils ltrace" did not complete successfully: exit code: 100',
  ].join('\n');
  assert.equal(lastMeaningfulLine(apt), 'E: Unable to locate package nfs-utils | E: Unable to locate package ltrace');
  const text = [
    'FROM debian:bookworm-slim AS build',
    'CMD ["make"]',
    'FROM debian:bookworm-slim',
    'RUN apt-get update',
    'ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]',
    'CMD ["rpc.nfsd"]',
  ].join('\n');
  assert.equal(startLine(text), 5);
  assert.equal(startLine('FROM debian:bookworm-slim\nCMD ["sh"]\n'), 2);
  assert.equal(startLine('FROM debian:bookworm-slim\n'), undefined);
  // CentOS nfs-utils ported to nfs-common: the entrypoint lives on, rpc.nfsd is missing
  assert.match(
    missingProgramLine('Starting NFS\n/usr/local/bin/entrypoint.sh: line 12: rpc.nfsd: No such file or directory\n') ??
      '',
    /rpc\.nfsd: No such file or directory/,
  );
  assert.ok(missingProgramLine('sh: 1: ltrace: not found'));
  assert.ok(missingProgramLine('bash: oping: command not found'));
  assert.equal(missingProgramLine('GET /favicon.ico HTTP/1.1 404 Not Found\nlistening on :80'), undefined);
  assert.equal(missingProgramLine('dnsmasq: started, version 2.89 cachesize 150'), undefined);
});

test("a failed start with the base's own ENTRYPOINT points at the final FROM, in the user's numbering", () => {
  const text = 'FROM golang:1.22 AS build\nRUN go build\nFROM debian:bookworm-slim\nCOPY --from=build /app /app\n';
  assert.equal(startLine(text), undefined);
  assert.equal(finalFromLine(text), 3);
  assert.equal(finalFromLine(''), undefined);
});

test('one description per builder: every plan passes the same platform, tag, file and build args', () => {
  const d = tmp({ 'x/Dockerfile': 'FROM debian:bookworm-20260713-slim\nCMD ["sh"]\n' });
  const f = path.join(d, 'x/Dockerfile');
  const common = ['--platform', 'linux/mips64le', '--tag', 'x:1', '--file', f, '--build-arg', 'A=1'];
  for (const id of Object.keys(BUILDER_PROFILES) as ProfileId[]) {
    const builder =
      id === 'podman' || id === 'buildah'
        ? { kind: id, buildx: false }
        : { kind: 'docker' as const, buildx: id === 'buildx', ...(id === 'buildkit' ? { buildkit: true } : {}) };
    assert.equal(profileId(builder), id);
    const p = makePlan({ dockerfile: f, target: mips, builder, tag: 'x:1', buildArgs: { A: '1' }, push: true });
    const build = p.steps.find((s) => s.id === 'build')!.argv;
    const head = BUILDER_PROFILES[id].build.length;
    assert.deepEqual(build.slice(head, head + common.length), common, id);
    assert.deepEqual(build.slice(-2), ['--', path.join(d, 'x')], id);
    assert.equal(p.builder, BUILDER_PROFILES[id].label);
    // buildah's images are run and started by podman; every other builder runs its own
    const runner = p.steps.find((s) => s.id === 'smoke')!.argv[0];
    assert.equal(runner, id === 'buildah' || id === 'podman' ? 'podman' : 'docker', id);
    assert.equal(builderProfile(builder).runner, runner);
  }
});
