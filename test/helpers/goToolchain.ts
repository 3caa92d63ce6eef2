// A Go toolchain image for each side of a cross-compile: Debian bookworm with golang-go for mips64el
// (the stage under QEMU) and for the build machine (the ported stage), made with mmdebstrap once and
// kept in docker's image store; pushed to a local registry as one multi-platform tag, as `golang` is.
// Shared by the build tier and bench/cross-compile.mjs.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createBase } from '../../server/src/core/base/createBase';
import { detectBuilder } from '../../server/src/core/build/builders';
import { buildPlatform } from '../../server/src/core/build/stagePlatforms';
import { formatPlatform, Platform } from '../../server/src/core/platform';
import { platform } from './engine';

const EPOCH = 1767225600;

function toolchainTag(p: Platform): string {
  return `mips-port-test/golang:bookworm-${p.arch.debian ?? p.arch.oci}`;
}

function docker(args: string[]): { ok: boolean; out: string } {
  const r = spawnSync('docker', args, { encoding: 'utf8', timeout: 600000 });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

/** The two toolchain images, made where docker's image store lacks them (minutes under QEMU, once). */
export async function ensureGoToolchains(onOutput?: (t: string) => void): Promise<void> {
  for (const p of [platform('linux/mips64le'), buildPlatform()]) {
    const tag = toolchainTag(p);
    if (docker(['image', 'inspect', tag]).ok) continue;
    const r = await createBase({
      target: p,
      suite: 'bookworm',
      variant: 'minbase',
      packages: ['golang-go'],
      tag,
      push: false,
      sourceDateEpoch: EPOCH,
      builder: await detectBuilder('auto'),
      onOutput,
    });
    if (!r.ok) throw new Error(`Go toolchain image ${tag}: ${r.summary}`);
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
