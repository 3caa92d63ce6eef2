// A Go toolchain image for each side of a cross-compile: Debian bookworm's golang-go for mips64el (the
// stage under QEMU) and for the build machine (the ported stage), kept in docker's image store and
// pushed to a local registry as one multi-platform tag, as `golang` is. Made without running any of the
// target's programs: mmdebstrap's extract variant downloads golang-go and its dependencies (libc6, the
// Go sources) with busybox-static as the shell, and unpacks them with no maintainer scripts, so no
// dpkg under QEMU (a full mmdebstrap of golang-go takes about 16 minutes for mips64el): a minute or two each.
// Shared by the build tier and bench/cross-compile.mjs.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { debianArch, extraSources, hostDebianMirror } from '../../server/src/core/base/debianBase';
import { writeDockerArchive } from '../../server/src/core/base/imageArchive';
import { buildPlatform } from '../../server/src/core/build/stagePlatforms';
import { runProcess } from '../../server/src/core/process/runProcess';
import { formatPlatform, Platform } from '../../server/src/core/platform';
import { platform } from './engine';

const EPOCH = 1767225600;
const SUITE = 'bookworm';
const GO_VERSION = /^go version go1\.19(\.\d+)? /;
// what RUN lines and the build's start check call; busybox-static ships only /bin/busybox
const APPLETS = 'sh uname cat echo env ls mkdir rm cp mv true false sleep test';
const HOOKS = [
  `cd "$1/bin" && for a in ${APPLETS}; do ln -s busybox "$a"; done`,
  // the standard library precompiled for the toolchain's own architecture (and the race detector's):
  // half the image, and never read by `go build -a`; without it Go 1.19 compiles what a build needs
  // into its cache, as Go 1.20+ (which ship none) always do
  'rm -rf "$1"/usr/lib/go-*/pkg/linux_*',
];

function toolchainTag(p: Platform): string {
  return `mips-port-test/golang:${SUITE}-${p.arch.debian ?? p.arch.oci}`;
}

function docker(args: string[]): { ok: boolean; out: string } {
  const r = spawnSync('docker', args, { encoding: 'utf8', timeout: 600000 });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

/** Debian's golang-go for `p`, unpacked onto busybox and loaded into docker as `tag`. */
async function makeToolchain(p: Platform, tag: string, onOutput?: (t: string) => void): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-golang-'));
  try {
    const rootfs = path.join(tmp, 'rootfs.tar');
    const mirror = hostDebianMirror();
    const argv = [
      'mmdebstrap',
      '--variant=extract',
      `--architectures=${debianArch(p)}`,
      '--include=golang-go,busybox-static',
      '--format=tar',
      ...HOOKS.map((h) => `--extract-hook=${h}`),
      SUITE,
      rootfs,
      mirror,
      ...extraSources(SUITE, mirror, false, false),
    ];
    const env = { ...process.env, SOURCE_DATE_EPOCH: String(EPOCH) };
    const mm = await runProcess(argv, { env, onOutput, maxOutput: 200_000 });
    if (mm.code !== 0) throw new Error(`mmdebstrap (exit ${mm.code}): ${mm.output.trim().slice(-2000)}`);
    onOutput?.(`making the ${formatPlatform(p)} image ${tag}\n`);
    const files = await writeDockerArchive(rootfs, path.join(tmp, 'archive'), {
      target: p,
      tag,
      created: new Date(EPOCH * 1000),
      cmd: ['sh'],
    });
    fs.rmSync(rootfs);
    const archive = path.join(tmp, 'image.tar');
    const t = spawnSync('tar', ['-C', files.dir, '-cf', archive, '.'], { encoding: 'utf8' });
    if (t.status !== 0) throw new Error(`tar: ${t.stderr}`);
    onOutput?.(`loading ${tag}\n`);
    const l = docker(['load', '-i', archive]);
    if (!l.ok) throw new Error(`docker load: ${l.out}`);
    // the toolchain runs as its platform (under QEMU for mips64el) and is the Go the tests expect
    onOutput?.(`checking that ${tag} runs its go\n`);
    const v = docker(['run', '--rm', '--platform', formatPlatform(p), tag, 'go', 'version']);
    if (!v.ok || !GO_VERSION.test(v.out) || !v.out.includes(`linux/${p.arch.oci}`)) {
      docker(['image', 'rm', tag]);
      throw new Error(`${tag}: \`go version\` printed ${JSON.stringify(v.out.trim())}`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The two toolchain images, made where docker's image store lacks them (a minute or two each, once). */
export async function ensureGoToolchains(onOutput?: (t: string) => void): Promise<void> {
  for (const p of [platform('linux/mips64le'), buildPlatform()]) {
    const tag = toolchainTag(p);
    if (!docker(['image', 'inspect', tag]).ok) await makeToolchain(p, tag, onOutput);
  }
}

/** Pushes both toolchains to the registry at `host` and joins them into `host/golang:1.19`. */
export function pushGoToolchain(host: string): string {
  const joined = `${host}/golang:1.19`;
  const parts: string[] = [];
  for (const p of [platform('linux/mips64le'), buildPlatform()]) {
    const t = `${joined}-${p.arch.oci}`;
    for (const args of [
      ['tag', toolchainTag(p), t],
      ['push', t],
    ]) {
      const r = docker(args);
      if (!r.ok) throw new Error(`docker ${args.join(' ')}: ${r.out}`);
    }
    parts.push(t);
  }
  for (const args of [
    ['manifest', 'create', '--insecure', joined, ...parts],
    ['manifest', 'push', '--insecure', '--purge', joined],
  ]) {
    const r = docker(args);
    if (!r.ok) throw new Error(`docker ${args.join(' ')}: ${r.out}`);
  }
  for (const t of parts) docker(['image', 'rm', t]);
  return joined;
}

const WORDS = 'the quick brown fox jumps over the lazy dog';

/** What the program prints when built for and run as `p`. */
export function goProgramOutput(p: Platform): string {
  const sorted = WORDS.split(' ').sort().join(' ');
  const sum = crypto.createHash('sha256').update(sorted).digest('hex').slice(0, 16);
  return `${formatPlatform(p)} ${sum}`;
}

/**
 * Writes a small standard-library Go program and the Dockerfile that builds it the plain way (the
 * compile in a stage built for the target, its binary copied into the final stage). `go build -a`:
 * Debian's Go 1.19 ships its own architecture's standard library precompiled; current Go toolchains
 * (1.20+) ship none, so both sides compile it, as they would with any recent golang image.
 */
export function writeGoProgram(dir: string, image: string, nonce: string): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/hello\n\ngo 1.19\n');
  fs.writeFileSync(
    path.join(dir, 'main.go'),
    [
      `// Build ${nonce}: a new source, so no build cache answers for it.`,
      'package main',
      '',
      'import (',
      '\t"crypto/sha256"',
      '\t"encoding/hex"',
      '\t"fmt"',
      '\t"runtime"',
      '\t"sort"',
      '\t"strings"',
      ')',
      '',
      'func main() {',
      `\twords := strings.Fields("${WORDS}")`,
      '\tsort.Strings(words)',
      '\tsum := sha256.Sum256([]byte(strings.Join(words, " ")))',
      '\tfmt.Printf("%s/%s %s\\n", runtime.GOOS, runtime.GOARCH, hex.EncodeToString(sum[:8]))',
      '}',
      '',
    ].join('\n'),
  );
  const dockerfile = path.join(dir, 'Dockerfile');
  fs.writeFileSync(
    dockerfile,
    [
      `FROM ${image} AS build`,
      'WORKDIR /src',
      'COPY go.mod main.go ./',
      'RUN go build -a -o /out/hello .',
      '',
      `FROM ${image}`,
      'COPY --from=build /out/hello /usr/local/bin/hello',
      'CMD ["hello"]',
      '',
    ].join('\n'),
  );
  return dockerfile;
}
