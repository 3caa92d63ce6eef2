// Workspace Trust as declared and as the settings pipeline applies it: package.json restricts every
// setting that runs or reaches something (a new setting must be placed in one list or the other), an
// untrusted workspace's settings lose those, and go.flags is an allow-list whoever sets it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { normaliseSettings } from '../../server/src/core/settings';
import { goFlagProblem } from '../../server/src/shared/goFlags';
import { HARMLESS_SETTINGS, RESTRICTED_SETTINGS } from '../../server/src/shared/trust';
import { offeredActions, offeredLenses } from '../../server/src/lsp/untrustedOffers';
import { REPO_ROOT } from '../helpers/paths';
import { contributedSettings } from '../helpers/packageSettings';

const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

test('package.json restricts exactly the settings that run or reach something; every setting is placed', () => {
  const declared = Object.keys(contributedSettings(pkg)).sort();
  const trust = pkg.capabilities?.untrustedWorkspaces;
  assert.equal(trust?.supported, 'limited');
  assert.deepEqual([...trust.restrictedConfigurations].sort(), [...RESTRICTED_SETTINGS].sort());
  const placed = [...RESTRICTED_SETTINGS, ...HARMLESS_SETTINGS] as string[];
  assert.deepEqual(
    declared.filter((s) => !placed.includes(s)),
    [],
    'settings neither restricted nor declared harmless (shared/trust.ts)',
  );
  assert.deepEqual(
    placed.filter((s) => !declared.includes(s)),
    [],
    'listed settings package.json does not declare',
  );
  assert.equal(new Set(placed).size, placed.length, 'a setting is in both lists');
});

test('an untrusted workspace: no restricted setting is used and the Go check is off', () => {
  const raw = {
    registryMirrors: { 'docker.io': 'http://mirror.example' },
    insecureRegistries: ['mirror.example'],
    mirrorTemplates: ['mirror.example/{path}:{tag}'],
    debianMirror: 'http://debian.example/debian',
    kubeTestRepoList: 'repos.yaml',
    builder: 'evil',
    buildArgs: { A: 'b' },
    go: { enabled: true, flags: ['-tags=x'] },
    platform: 'linux/riscv64',
    severity: { MP101: 'off' },
  };
  const trusted = normaliseSettings(raw);
  assert.equal(trusted.trusted, true);
  assert.deepEqual(trusted.registryMirrors, { 'docker.io': 'http://mirror.example' });
  assert.deepEqual(trusted.go, { enabled: true, flags: ['-tags=x'] });
  const s = normaliseSettings({ ...raw, trusted: false });
  assert.equal(s.trusted, false);
  assert.deepEqual(s.registryMirrors, {});
  assert.deepEqual(s.insecureRegistries, []);
  assert.deepEqual(s.mirrorTemplates, []);
  assert.equal(s.kubeTestRepoList, '');
  assert.doesNotMatch(s.debianMirror, /example/);
  assert.equal(s.builder, 'auto');
  assert.deepEqual(s.buildArgs, {});
  assert.deepEqual(s.go, { enabled: false, flags: [] });
  // what only changes what is shown still applies
  assert.equal(s.target.arch.oci, 'riscv64');
  assert.equal(s.severities.MP101, 'off');
});

test('go.flags: only flags that choose what is compiled, whatever the trust', () => {
  for (const ok of [
    '-tags=integration',
    '-tags=a,b',
    '--tags=a b',
    '-mod=vendor',
    '-mod=readonly',
    '-trimpath',
    '-p=2',
  ])
    assert.equal(goFlagProblem(ok), undefined, ok);
  for (const bad of [
    '-toolexec=./evil.sh',
    '-exec=./evil.sh',
    '-ldflags=-extld=./evil.sh',
    '-gcflags=all=-N',
    '-overlay=o.json',
    '-modfile=other.mod',
    '-tags=$(touch x)',
    '-tags',
    '-mod=../x',
    '-trimpath=./x',
    'tags=x',
    '-p=0',
  ])
    assert.match(goFlagProblem(bad) ?? '', /not an allowed go build flag/, bad);
  const s = normaliseSettings({ go: { flags: ['-toolexec=./evil.sh', '-tags=x'] } });
  assert.deepEqual(s.go.flags, ['-tags=x']);
  assert.match(s.problems.join('\n'), /mipsPort\.go\.flags: "-toolexec=\.\/evil\.sh" is not an allowed/);
});

test('an untrusted workspace is offered no lens or fix that runs a program; a fix that also edits keeps its edit', () => {
  const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const edit = { changes: { 'file:///x/Dockerfile': [{ range: at, newText: 'debian' }] } };
  const build = { title: 'Build', command: 'mipsPort.buildCurrent' };
  const actions = [
    { title: 'Build ../agnhost first', command: build },
    { title: 'Swap and build', edit, command: build },
    { title: 'Set a mirror', command: { title: 'Set', command: 'mipsPort.setMirror' } },
    { title: 'Use debian', edit },
  ];
  assert.deepEqual(offeredActions(actions, true), actions);
  assert.deepEqual(offeredActions(actions, false), [
    { title: 'Swap and build', edit },
    { title: 'Set a mirror', command: { title: 'Set', command: 'mipsPort.setMirror' } },
    { title: 'Use debian', edit },
  ]);
  const lenses = [
    { range: at, command: { title: 'missing', command: 'mipsPort.chooseFix' } },
    { range: at, command: { title: 'QEMU', command: 'mipsPort.setupQemu' } },
    { range: at, command: { title: 'Go', command: 'mipsPort.goCheck' } },
  ];
  assert.deepEqual(offeredLenses(lenses, false), [lenses[0]]);
  assert.deepEqual(offeredLenses(lenses, true), lenses);
});
