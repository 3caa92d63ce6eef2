// A Go program whose compile stage `port` moves to the build platform: the plan says the stage runs
// natively, the build cross-compiles, and the image runs on the target (uname -m, the program's output).
// The Go toolchain images (Debian's golang-go, mips64el and the build machine's) are unpacked from Debian's
// packages on the first run (a minute or two, no dpkg under QEMU) and kept in docker's image store.
import { CliResult, runCliProcess } from '../helpers/cli';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requireService, RunningRegistry, startRegistry } from '../helpers/registry';
import { debianBaseTierMissing } from '../helpers/buildEnv';
import { ensureGoToolchains, goProgramOutput, pushGoToolchain, writeGoProgram } from '../helpers/goToolchain';
import { buildPlatform } from '../../server/src/core/build/stagePlatforms';
import { platform } from '../helpers/engine';

const missing = debianBaseTierMissing();
const skip = requireService('cross-compile build tier (dockerd, qemu-mips64el, mmdebstrap)', !missing, missing ?? '');
const mips = platform('linux/mips64le');

describe('a ported Go build stage', { skip }, () => {
  let reg: RunningRegistry;
  let image: string;
  let work: string;
  const tags: string[] = [];
  // image ids the build printed: the classic builder keeps the build stage's image (the toolchain plus the
  // compile) untagged, which would pile up run after run
  const stageImages: string[] = [];
  const cli = (args: string[]): Promise<CliResult> =>
    runCliProcess(args, { ...process.env, XDG_CACHE_HOME: path.join(work, 'xdg') });

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-cross-'));
    await ensureGoToolchains();
    reg = await startRegistry();
    image = pushGoToolchain(reg.host);
  });
  after(async () => {
    // the toolchain as the builds pulled it, by this run's registry port: the image store keeps the made ones
    for (const t of [...tags, image]) if (t) spawnSync('docker', ['image', 'rm', t]);
    // only the untagged ones: the FROM step prints the toolchain's own id, which the image store keeps
    for (const id of stageImages.reverse()) {
      const tagged = spawnSync('docker', ['image', 'inspect', '--format', '{{len .RepoTags}}', id], {
        encoding: 'utf8',
      });
      if (tagged.stdout.trim() === '0') spawnSync('docker', ['image', 'rm', id]);
    }
    await reg?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  test('port moves the compile to the build platform; the build runs it natively and the image runs on the target', async () => {
    const dockerfile = writeGoProgram(path.join(work, 'hello'), image, `${process.pid}`);
    const ported = await cli(['port', dockerfile, '--write', '--insecure', reg.host, '--timeout', '10']);
    assert.equal(ported.code, 0, ported.stdout + ported.stderr);
    const text = fs.readFileSync(dockerfile, 'utf8');
    assert.match(text, new RegExp(`^FROM --platform=\\$BUILDPLATFORM ${image.replace(/[.]/g, '\\.')} AS build$`, 'm'));
    assert.match(text, /^RUN CGO_ENABLED=0 GOOS=\$TARGETOS GOARCH=\$TARGETARCH go build -a -o \/out\/hello \.$/m);
    assert.match(
      text,
      /^COPY --from=build \/out\/hello \/usr\/local\/bin\/hello$/m,
      'the final COPY --from is unchanged',
    );

    const host = `linux/${buildPlatform().arch.oci}`;
    const dry = JSON.parse((await cli(['build', dockerfile, '--dry-run'])).stdout);
    // BuildKit (buildx, or built into docker CLIs before 23.0), podman and buildah run the stage natively;
    // the classic builder cannot run a stage on another platform: there it builds, under QEMU, for the target
    const classic = dry.builder === 'the classic docker builder';
    const where = classic ? 'under QEMU as linux/mips64le' : `native on ${host}`;
    assert.deepEqual(
      dry.stages.map((s: { name?: string; runs: string; platform: string }) => [s.name ?? '', s.runs, s.platform]),
      [
        ['build', classic ? 'qemu' : 'native', classic ? 'linux/mips64le' : host],
        ['', 'qemu', 'linux/mips64le'],
      ],
    );
    const tag = `mips-port-test/hello:${process.pid}-mips64le`;
    tags.push(tag);
    const r = await cli(['build', dockerfile, '--tag', tag, '--start-seconds', '0']);
    stageImages.push(...[...r.stdout.matchAll(/^ ---> ([0-9a-f]{12})$/gm)].map((m) => m[1]));
    assert.equal(r.code, 0, (r.stdout + r.stderr).slice(-4000));
    assert.match(r.stdout, new RegExp(`stage build \\(\\S+\\), line 1: ${where.replace('/', '\\/')}`));
    assert.match(r.stdout, new RegExp(`built ${tag}, linux/mips64le, uname -m = mips64`));
    const run = spawnSync('docker', ['run', '--rm', '--platform', 'linux/mips64le', tag], { encoding: 'utf8' });
    assert.equal(run.stdout.trim(), goProgramOutput(mips), run.stderr);
  });
});
