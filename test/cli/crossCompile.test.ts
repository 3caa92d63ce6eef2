// `port` turns a Go build stage into one that cross-compiles on the build platform, and `build --dry-run`
// says which stages run natively and which under QEMU.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI } from '../helpers/paths';
import { tempDir } from '../helpers/tempDirs';

const CACHE_HOME = tempDir('mips-port-cli-cache-');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: CACHE_HOME },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const NAIVE = [
  'FROM debian:bookworm-20260713-slim AS build',
  'RUN apt-get update && apt-get install -y --no-install-recommends golang-go',
  'COPY main.go go.mod /src/',
  'RUN cd /src && go build -o /hello .',
  'FROM debian:bookworm-20260713-slim',
  'COPY --from=build /hello /usr/local/bin/hello',
  '',
].join('\n');

test('port rewrites the compile stage to cross-compile on the build platform; dry-run shows it runs natively', () => {
  const d = tempDir('mips-port-cli-cross-');
  fs.writeFileSync(path.join(d, 'Dockerfile'), NAIVE);
  fs.writeFileSync(path.join(d, 'main.go'), 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n');
  const p = run(['port', path.join(d, 'Dockerfile'), '--offline', '--write']);
  assert.equal(p.code, 0, p.stderr);
  assert.match(p.stderr, /applied: Cross-compile this stage on the build platform with CGO_ENABLED=0 \(no C compiler/);
  const ported = fs.readFileSync(path.join(d, 'Dockerfile'), 'utf8');
  assert.equal(
    ported,
    NAIVE.replace('FROM debian:bookworm-20260713-slim AS build\n', (l) =>
      l.replace('FROM ', 'FROM --platform=$BUILDPLATFORM ').concat('ARG TARGETOS\nARG TARGETARCH\n'),
    ).replace('cd /src && go build', 'cd /src && CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build'),
  );
  // podman sets BUILDPLATFORM as BuildKit does (the classic docker builder runs every stage as the target)
  const dry = run(['build', path.join(d, 'Dockerfile'), '--dry-run', '--builder', 'podman']);
  assert.equal(dry.code, 0, dry.stderr);
  const plan = JSON.parse(dry.stdout);
  assert.deepEqual(
    plan.stages.map((s: { line: number; runs: string }) => [s.line, s.runs]),
    [
      [1, 'native'],
      [7, 'qemu'],
    ],
  );
  assert.equal(plan.builder, 'podman');
});

test('build --all --jobs takes 1 to 64', () => {
  const r = run(['build', '--all', os.tmpdir(), '--jobs', '0', '--dry-run']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--jobs expects 1 to 64 builds at once, got "0"/);
});
