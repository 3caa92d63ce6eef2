// `mips-port port --all ROOT`: every fix under ROOT (platform lists, BASEIMAGE lines, Dockerfile ports)
// as one diff, or written with --write; a re-scan is then clean, and nothing outside ROOT changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CLI, REPO_ROOT } from '../helpers/paths';
import { tempDir } from '../helpers/tempDirs';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'platform-lists');
const CACHE_HOME = tempDir('mips-port-portall-cache-');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args, '--offline'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: CACHE_HOME },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tree(): string {
  const dir = tempDir('mips-port-portall-');
  fs.cpSync(FIXTURE, dir, { recursive: true });
  // an e2e image whose BASEIMAGE lacks the target and whose Dockerfile calls apk
  fs.mkdirSync(path.join(dir, 'test/images/busybox'));
  fs.writeFileSync(
    path.join(dir, 'test/images/busybox/BASEIMAGE'),
    'linux/amd64=alpine:3.12\nlinux/arm64=alpine:3.12\n',
  );
  fs.writeFileSync(
    path.join(dir, 'test/images/busybox/Dockerfile'),
    'ARG BASEIMAGE\nFROM $BASEIMAGE\nRUN apk add curl\n',
  );
  return dir;
}

function contents(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const p = path.join(dir, f);
    if (fs.statSync(p).isFile()) out.set(f, fs.readFileSync(p, 'utf8'));
  }
  return out;
}

test('port --all prints one diff of every fix and changes nothing on disk', () => {
  const dir = tree();
  const before = contents(dir);
  const r = run(['port', '--all', '.'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(contents(dir), before);
  assert.match(r.stdout, /^--- a\/cluster\/images\/etcd\/Makefile\n\+\+\+ b\/cluster\/images\/etcd\/Makefile$/m);
  assert.match(
    r.stdout,
    /^-ALL_ARCH = amd64 arm arm64 ppc64le s390x\n\+ALL_ARCH = amd64 arm arm64 ppc64le s390x mips64le$/m,
  );
  assert.match(r.stdout, /^ {3}linux\/ppc64le\n\+ {2}linux\/mips64le\n {3}windows\/amd64$/m);
  // the BASEIMAGE line first, then (next round) the Dockerfile against it
  assert.match(r.stdout, /^\+linux\/mips64le=debian:bookworm-\d{8}-slim$/m);
  assert.match(r.stdout, /^\+RUN apt-get update && apt-get install -y --no-install-recommends curl/m);
  assert.match(r.stderr, /would change 10 files \(\d+ fixes\); --write applies them/);
});

test('port --all --write ports the tree: the re-scan has no list without the target', () => {
  const dir = tree();
  const w = run(['port', '--all', '.', '--write'], dir);
  assert.equal(w.code, 0, w.stderr);
  assert.match(w.stderr, /wrote 10 files/);
  const s = run(['scan', '.', '--format', 'json'], dir);
  const findings: { file: string; ruleId: string }[] = JSON.parse(s.stdout).findings;
  assert.deepEqual(
    findings.filter((f) => f.ruleId === 'MP160'),
    [],
  );
  assert.ok(findings.filter((f) => f.ruleId === 'MP161').length >= 20);
  assert.equal(run(['port', '--all', '.'], dir).stdout, '', 'nothing left to port');
});

test('port --all ROOT edits only lists under ROOT', () => {
  const dir = tree();
  const before = contents(dir);
  const r = run(['port', '--all', 'cluster', '--write'], dir);
  assert.equal(r.code, 0, r.stderr);
  const after = contents(dir);
  const changed = [...after].filter(([f, t]) => before.get(f) !== t).map(([f]) => f);
  assert.deepEqual(changed, [path.join('cluster', 'images', 'etcd', 'Makefile')]);
});

test('scripts and Makefiles without a platform list stay out of the report', () => {
  const dir = tempDir('mips-port-quiet-');
  fs.writeFileSync(path.join(dir, 'Makefile'), 'ARCH ?= amd64\nbuild:\n\tgo build ./...\n');
  fs.writeFileSync(path.join(dir, 'run.sh'), '#!/bin/sh\necho hi\n');
  fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM debian:bookworm-20260713-slim\n');
  const r = run(['scan', '.'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\b1 file, 1 image use\b/);
});
