// Reads a workspace steers stay in the workspace: kustomize resources that leave it (`../../outside`,
// `/etc/shadow`, `../../../../etc`) are named as not read, a kustomization listing symlinks to its own
// folder answers in seconds, and a COPY'd script that is a symlink out of the build context is not read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { CLI } from '../helpers/paths';
import { tempTree } from '../helpers/tempDirs';

const DEPLOY = (name: string, image: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n  containers:\n  - name: ${name}\n    image: ${image}\n`;

function layout(files: Record<string, string>, links: Record<string, string> = {}): string {
  const d = tempTree('mips-port-confine-', files);
  for (const [p, target] of Object.entries(links)) fs.symlinkSync(target, path.join(d, p));
  return d;
}

/** The CLI in `cwd`, stopped after 30 s (an endless walk fails the test instead of hanging it). */
function cli(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string; ms: number } {
  const t = Date.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 30000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t };
}

test('kustomize resources outside the workspace are not read, and the note names them', () => {
  const d = layout({
    'ws/app/pod.yaml': DEPLOY('a', 'nginx:1.25'),
    'ws/app/kustomization.yaml':
      'resources:\n- pod.yaml\n- ../../outside\n- /etc/shadow\n- ../../../../etc\n- escape\nimages:\n- name: leak.example/secret\n  newName: mirror.example/secret\n',
    'outside/pod.yaml': DEPLOY('b', 'leak.example/secret:1'),
    'outside/kustomization.yaml': 'resources:\n- pod.yaml\n',
  });
  fs.symlinkSync(path.join(d, 'outside'), path.join(d, 'ws/app/escape'));
  const r = cli(['scan', 'app', '--offline', '--format', 'json'], path.join(d, 'ws'));
  const findings = JSON.parse(r.stdout).findings as {
    ruleId: string;
    message: string;
    detail?: string;
    image?: string;
  }[];
  const note = findings.find((f) => /not read/.test(f.message));
  // the Problems line counts them; its detail (hover, report) names them
  assert.match(note?.message ?? '', /4 resources not read/);
  assert.match(note?.detail ?? '', /Not read: \.\.\/\.\.\/outside, \/etc\/shadow, \.\.\/\.\.\/\.\.\/\.\.\/etc, …/);
  // the outside file's tag (1) never reaches the checked image: the entry is checked as written
  const images = findings.map((f) => f.image).filter(Boolean);
  assert.ok(images.includes('mirror.example/secret:latest'), JSON.stringify(images));
  assert.ok(!images.includes('mirror.example/secret:1'), JSON.stringify(images));
});

test('a kustomization listing symlinks to its own folder answers in seconds', () => {
  const d = layout(
    {
      'ws/loop/pod.yaml': DEPLOY('a', 'nginx:1.25'),
      'ws/loop/kustomization.yaml':
        'resources:\n- pod.yaml\n- l1\n- l2\n- l3\n- l4\nimages:\n- name: nginx\n  newTag: "1.26"\n',
    },
    { 'ws/loop/l1': '.', 'ws/loop/l2': '.', 'ws/loop/l3': '.', 'ws/loop/l4': '.' },
  );
  const r = cli(['scan', 'loop', '--offline', '--format', 'json'], path.join(d, 'ws'));
  assert.notEqual(r.code, null, `still walking after ${r.ms} ms`);
  const findings = JSON.parse(r.stdout).findings as { file: string; image?: string }[];
  assert.ok(findings.some((f) => f.image === 'docker.io/library/nginx:1.26' && f.file === 'loop/kustomization.yaml'));
});

test("a COPY'd script that is a symlink out of the build context is not read; one inside is", () => {
  const d = layout(
    {
      'outside/entry.sh': '#!/bin/sh\nchown ntp /data\nexec "$@"\n',
      'img/own.sh': '#!/bin/sh\nchown cron /data\nexec "$@"\n',
      'img/Dockerfile': 'FROM alpine:3.18\nCOPY entry.sh own.sh /\nRUN apk add curl\n',
    },
    { 'img/entry.sh': '../outside/entry.sh' },
  );
  const r = cli(['port', 'img/Dockerfile', '--offline'], d);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /the user cron this stage \(own\.sh\) names/);
  assert.doesNotMatch(r.stdout, /ntp|entry\.sh\) names/);
});
