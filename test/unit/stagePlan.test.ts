// The build plan per stage (native or QEMU), BuildKit without buildx, the classic builder's platform
// args, and the concurrent workspace schedule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { detectBuilder, Probe } from '../../server/src/core/build/builders';
import { makePlan } from '../../server/src/core/build/plan';
import { buildPlatform, stageRuns } from '../../server/src/core/build/stagePlatforms';
import { runScheduled } from '../../server/src/core/build/schedule';
import { buildExitCode, failingLine } from '../../server/src/core/build/runner';
import { platform } from '../helpers/engine';
import { tempDir } from '../helpers/tempDirs';

const mips = platform('linux/mips64le');
const amd64 = platform('linux/amd64');
const PORTED = [
  '# syntax=docker/dockerfile:1',
  'FROM --platform=$BUILDPLATFORM golang:1.22-bookworm AS build',
  'ARG TARGETOS',
  'ARG TARGETARCH',
  'RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /hello .',
  'FROM build AS test',
  'RUN go vet ./...',
  'FROM --platform=linux/amd64 debian:bookworm AS tools',
  'FROM debian:bookworm-slim',
  'COPY --from=build /hello /hello',
  '',
].join('\n');

function dockerfile(text: string): string {
  const d = tempDir('mips-port-stageplan-');
  fs.writeFileSync(path.join(d, 'Dockerfile'), text);
  return path.join(d, 'Dockerfile');
}

test('stages: $BUILDPLATFORM and the build machine pinned run natively, a stage on a stage where it runs, the rest under QEMU', () => {
  assert.deepEqual(
    stageRuns(PORTED, mips, amd64).map((s) => [s.name ?? s.index, s.line, s.runs, s.platform, s.why]),
    [
      ['build', 2, 'native', 'linux/amd64', '--platform=$BUILDPLATFORM'],
      ['test', 6, 'native', 'linux/amd64', 'built on stage build'],
      ['tools', 8, 'native', 'linux/amd64', '--platform=linux/amd64'],
      [3, 9, 'qemu', 'linux/mips64le', 'built for the target linux/mips64le'],
    ],
  );
  // on an arm64 build machine the amd64-pinned stage is emulated too
  assert.equal(stageRuns(PORTED, mips, platform('linux/arm64'))[2].runs, 'qemu');
  assert.equal(buildPlatform('x64').arch.oci, 'amd64');
  const target = stageRuns('FROM --platform=${TARGETPLATFORM} debian AS t\n', mips, amd64)[0];
  assert.deepEqual([target.runs, target.platform], ['qemu', 'linux/mips64le']);
});

test('plan: BuildKit built into an older docker CLI (no buildx) builds with DOCKER_BUILDKIT=1; the plan lists the stages', () => {
  const f = dockerfile(PORTED);
  const p = makePlan({ dockerfile: f, target: mips, builder: { kind: 'docker', buildx: false, buildkit: true } });
  assert.deepEqual(p.steps[0].argv.slice(0, 2), ['docker', 'build']);
  assert.deepEqual(p.steps[0].argv.slice(-4), ['--progress', 'plain', '--', path.dirname(f)]);
  assert.deepEqual(p.steps[0].env, { DOCKER_BUILDKIT: '1' });
  assert.equal(p.builder, 'docker build with BuildKit (DOCKER_BUILDKIT=1)');
  assert.equal(p.prepared, undefined, 'BuildKit knows $BUILDPLATFORM: the file is built as it is');
  const host = `linux/${buildPlatform().arch.oci}`;
  assert.deepEqual(p.stages[0], {
    index: 0,
    name: 'build',
    line: 2,
    from: 'golang:1.22-bookworm',
    runs: 'native',
    platform: host,
    why: '--platform=$BUILDPLATFORM',
  });
  assert.equal(p.stages[3].platform, 'linux/mips64le');
});

test('plan: the classic builder gets the platform args (all the target) and a copy declaring ARG BUILDPLATFORM', () => {
  const f = dockerfile(PORTED);
  const p = makePlan({ dockerfile: f, target: mips, builder: { kind: 'docker', buildx: false } });
  const argv = p.steps[0].argv;
  assert.deepEqual(p.steps[0].env, { DOCKER_BUILDKIT: '0' });
  for (const a of ['BUILDPLATFORM=linux/mips64le', 'TARGETOS=linux', 'TARGETARCH=mips64le'])
    assert.ok(argv.includes(a), `${a} in ${argv.join(' ')}`);
  assert.ok(p.prepared, 'a prepared copy');
  assert.equal(argv[argv.indexOf('--file') + 1], p.prepared.path);
  // after the parser directive, before the first FROM; the user's file is untouched
  assert.match(p.prepared.text, /^# syntax=docker\/dockerfile:1\nARG BUILDPLATFORM\nFROM --platform=\$BUILDPLATFORM/);
  assert.deepEqual(p.prepared.inserted, { at: 1, count: 1 });
  assert.equal(fs.readFileSync(f, 'utf8'), PORTED);
  assert.match(
    p.notes.join('\n'),
    /classic builder has no BuildKit platform args and runs every stage as the target: passing BUILDPLATFORM/,
  );
  // its COPY wants the build's platform, so a $BUILDPLATFORM stage (and one on it) runs as the target there
  assert.deepEqual(
    p.stages.map((s) => s.runs),
    ['qemu', 'qemu', 'native', 'qemu'],
  );
  assert.match(p.stages[0].why, /the classic builder runs every stage as the target/);
  // a build arg the user gives wins; a Dockerfile that names none of them gets none
  const given = makePlan({
    dockerfile: f,
    target: mips,
    builder: { kind: 'docker', buildx: false },
    buildArgs: { TARGETARCH: 'mips64le' },
  });
  assert.equal(given.steps[0].argv.filter((a) => a.startsWith('TARGETARCH=')).length, 1);
  const plain = makePlan({
    dockerfile: dockerfile('FROM debian:bookworm\n'),
    target: mips,
    builder: { kind: 'docker', buildx: false },
  });
  assert.equal(plain.prepared, undefined);
  assert.ok(!plain.steps[0].argv.some((a) => /^(BUILD|TARGET)/.test(a)));
});

test('builder detection: buildx, else BuildKit in a docker CLI before 23.0, else the classic builder', async () => {
  const probe =
    (client: string): Probe =>
    async (cmd, args) => {
      if (args[0] === 'buildx')
        return { code: 1, stdout: '', stderr: "docker: 'buildx' is not a docker command", missing: false };
      const fmt = args[2] ?? '';
      return {
        code: 0,
        stdout: fmt.includes('Client') ? `${client}\n` : '20.10.24+dfsg1\n',
        stderr: '',
        missing: false,
      };
    };
  assert.deepEqual(await detectBuilder('auto', probe('20.10.24+dfsg1')), {
    kind: 'docker',
    buildx: false,
    buildkit: true,
    version: '20.10.24+dfsg1',
  });
  assert.deepEqual(await detectBuilder('auto', probe('28.2.2')), {
    kind: 'docker',
    buildx: false,
    version: '20.10.24+dfsg1',
  });
});

test('schedule: up to N at once, bases first, a failure blocks only its dependents with keepGoing', async () => {
  const nodes = [
    { id: 'base', dependsOn: [] },
    { id: 'a', dependsOn: ['base'] },
    { id: 'b', dependsOn: ['base'] },
    { id: 'c', dependsOn: [] },
    { id: 'd', dependsOn: ['c'] },
  ];
  let running = 0;
  let most = 0;
  const started: string[] = [];
  const build = (fail: string[]) => async (id: string) => {
    started.push(id);
    running++;
    most = Math.max(most, running);
    await new Promise((r) => setTimeout(r, id === 'base' ? 30 : 5));
    running--;
    return fail.includes(id) ? 3 : 0;
  };
  const r = await runScheduled(nodes, 2, build([]));
  assert.deepEqual(r.done, ['base', 'a', 'b', 'c', 'd']);
  assert.equal(most, 2);
  assert.ok(started.indexOf('a') > started.indexOf('base') && started.indexOf('d') > started.indexOf('c'));
  started.length = 0;
  const k = await runScheduled(nodes, 2, build(['c']), { keepGoing: true });
  assert.deepEqual(k.done, ['base', 'a', 'b']);
  assert.deepEqual([...k.failed], [['c', 3]]);
  assert.deepEqual(k.skipped, [{ id: 'd', blockedBy: 'c' }]);
  // without keepGoing the first failure stops new starts
  const s = await runScheduled(nodes, 1, build(['base']));
  assert.equal(s.stoppedAt, 'base');
  assert.deepEqual(s.notStarted, ['a', 'b', 'c', 'd']);
});

test('BuildKit without source-mapped errors (docker 20.10): the failing vertex maps to its Dockerfile line', () => {
  const one = 'ARG X=1\nFROM busybox\n# comment\nRUN echo ok\nRUN false\n';
  const out =
    '#6 ERROR: executor failed running [/bin/sh -c false]: exit code: 1\n------\n > [3/3] RUN false:\n------\n';
  assert.equal(failingLine(out, one), 5);
  const multi = 'FROM golang AS build\nWORKDIR /src\nRUN go build .\nFROM debian\nRUN echo a\nRUN exit 3\n';
  assert.equal(failingLine(' > [build 3/3] RUN go build .:\n', multi), 3);
  assert.equal(failingLine(' > [stage-1 3/3] RUN exit 3:\n', multi), 6);
});

test("a BuildKit build failure exits with the failing command's code, as the classic builder does", () => {
  assert.equal(buildExitCode(1, '#6 ERROR: executor failed running [/bin/sh -c exit 3]: exit code: 3\n'), 3);
  assert.equal(buildExitCode(1, 'ERROR: process "/bin/sh -c exit 7" did not complete successfully: exit code: 7\n'), 7);
  assert.equal(buildExitCode(1, 'failed to solve: no such image\n'), 1);
  assert.equal(buildExitCode(3, "The command '/bin/sh -c exit 3' returned a non-zero code: 3\n"), 3);
});
