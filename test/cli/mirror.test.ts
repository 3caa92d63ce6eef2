// `mips-port mirror` as a user types it, without a registry: usage errors and the offline dry-run plan.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { CLI, REPO_ROOT } from '../helpers/paths';
import { tempDir } from '../helpers/tempDirs';

const CACHE_HOME = tempDir('mips-port-cli-mirror-');
after(() => fs.rmSync(CACHE_HOME, { recursive: true, force: true }));

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'mirror', ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: CACHE_HOME },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('mirror without --to, or with a URL for PREFIX, is a usage error (exit 2, one line)', () => {
  const none = run(['examples', '--dry-run']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /^mips-port: usage: mips-port mirror \[PATH…\] --to REGISTRY\/PATH/);
  const url = run(['examples', '--to', 'https://registry.example.com/k8s', '--dry-run']);
  assert.equal(url.code, 2);
  assert.match(url.stderr, /--to takes a registry and path \(host\[:port\]\/path\), not a URL/);
  const fmt = run(['examples', '--to', 'registry.example.com/k8s', '--format', 'sarif', '--dry-run']);
  assert.equal(fmt.code, 2);
});

test('mirror --dry-run --offline on the examples: a plan per image, the build of what they build, JSON too', () => {
  const text = run(['examples', '--to', 'registry.example.com/k8s-mips', '--dry-run', '--offline']);
  assert.equal(text.code, 0, text.stderr);
  const debian = 'docker.io/library/debian:bookworm-20260713-slim';
  assert.ok(text.stdout.includes(`copy     ${debian} -> registry.example.com/k8s-mips/library/debian:`), text.stdout);
  assert.match(text.stdout, /^build {4}registry\.example\.com\/k8s-mips\/e2e-test-images\/agnhost:2\.47 \(examples/m);
  // examples/nginx ports nginx (it starts FROM it): not its maker, so nginx stays missing
  assert.match(text.stdout, /^missing {2}docker\.io\/library\/nginx:1\.24-alpine \(missing\)/m);
  assert.match(
    text.stdout,
    /images for linux\/mips64le by registry\.example\.com\/k8s-mips: \d+ to copy, \d+ to build, \d+ missing\n$/,
  );
  const json = run(['examples', '--to', 'registry.example.com/k8s-mips', '--dry-run', '--offline', '--format', 'json']);
  const plan = JSON.parse(json.stdout) as { platform: string; items: { action: string; target: string }[] };
  assert.equal(plan.platform, 'linux/mips64le');
  assert.ok(plan.items.length > 3);
  for (const i of plan.items) assert.ok(i.target.startsWith('registry.example.com/k8s-mips/'), i.target);
});
