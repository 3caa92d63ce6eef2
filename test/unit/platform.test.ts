import { test } from 'node:test';
import assert from 'node:assert/strict';
import { targetFactsNote } from '../../server/src/core/availability/targetFacts';
import { normaliseSettings } from '../../server/src/core/settings';
import { qemuSetupOptions } from '../../server/src/core/build/binfmt';
import { asTyped } from '../../server/src/shared/asTyped';
import {
  formatPlatform,
  isOtherConstantPlatform,
  officialArchName,
  parsePlatform,
  platformMatches,
} from '../../server/src/core/platform';

const p = (s: string) => {
  const r = parsePlatform(s);
  if (!r.ok) throw new Error(r.error);
  return r.platform;
};

test('every spelling of mips64le names the same target', () => {
  for (const s of ['linux/mips64le', 'mips64le', 'mips64el', 'MIPS64EL', ' linux/mips64le ']) {
    const t = p(s);
    assert.equal(formatPlatform(t), 'linux/mips64le', s);
    assert.equal(t.arch.debian, 'mips64el');
    assert.equal(t.arch.uname, 'mips64');
    assert.equal(officialArchName(t), 'mips64le');
  }
});

test('other targets are settings, not errors', () => {
  assert.equal(formatPlatform(p('linux/loong64')), 'linux/loong64');
  assert.equal(officialArchName(p('loong64')), undefined);
  assert.equal(formatPlatform(p('linux/riscv64')), 'linux/riscv64');
  assert.equal(formatPlatform(p('aarch64')), 'linux/arm64');
  assert.equal(officialArchName(p('linux/arm64')), 'arm64v8');
  assert.equal(formatPlatform(p('linux/arm/v7')), 'linux/arm/v7');
  assert.equal(formatPlatform(p('armhf')), 'linux/arm/v7');
  assert.equal(formatPlatform(p('x86_64')), 'linux/amd64');
});

test('unknown platforms are rejected with the list of known ones', () => {
  const r = parsePlatform('linux/sparc64');
  assert.equal(r.ok, false);
  if (!r.ok) assert.match(r.error, /linux\/mips64le/);
});

test('registry platform entries match the target', () => {
  assert.ok(platformMatches(p('mips64le'), 'linux', 'mips64le'));
  assert.ok(!platformMatches(p('mips64le'), 'linux', 'amd64'));
  assert.ok(platformMatches(p('arm64'), 'linux', 'arm64', 'v8'));
  assert.ok(!platformMatches(p('arm/v7'), 'linux', 'arm', 'v6'));
});

test('FROM --platform constants other than the target are flagged, variables are not', () => {
  const t = p('linux/mips64le');
  assert.ok(isOtherConstantPlatform('linux/amd64', t));
  assert.ok(!isOtherConstantPlatform('linux/mips64le', t));
  assert.ok(!isOtherConstantPlatform('$BUILDPLATFORM', t));
  assert.ok(!isOtherConstantPlatform('${TARGETPLATFORM}', t));
});

test('a target with thinner facts says so once; loong64 names its mirror preset; mips64le says nothing', () => {
  assert.equal(targetFactsNote(p('linux/mips64le')), undefined);
  assert.match(targetFactsNote(p('linux/arm64'))!, /thinner than for mips64le/);
  assert.match(targetFactsNote(p('linux/loong64'))!, /No official image.*loong64-community mirror preset/);
});

test('the loong64 mirror preset adds its templates for loong64 only; an unknown preset is a problem', () => {
  const loong = normaliseSettings({ platform: 'linux/loong64', mirrorPresets: ['loong64-community'] });
  assert.ok(loong.mirrorTemplates.includes('ghcr.io/loong64/{repository}:{tag}'));
  assert.deepEqual(loong.problems, []);
  const mips = normaliseSettings({ platform: 'linux/mips64le', mirrorPresets: ['loong64-community'] });
  assert.deepEqual(mips.mirrorTemplates, []);
  const bad = normaliseSettings({ mirrorPresets: ['nope'] });
  assert.match(bad.problems[0], /"nope" is not a preset/);
});

test('a QEMU set-up command is shown exactly as it must be typed: sh -c keeps its quoted script', () => {
  const opts = qemuSetupOptions(p('linux/mips64le'));
  const shown = opts.map((o) => asTyped(o.command));
  assert.ok(shown.includes('sudo update-binfmts --enable qemu-mips64el'), shown.join('\n'));
  const sh = shown.find((x) => x.startsWith('sudo sh -c '))!;
  assert.match(
    sh,
    /^sudo sh -c 'cat \/usr\/lib\/binfmt\.d\/qemu-mips64el\.conf > \/proc\/sys\/fs\/binfmt_misc\/register'$/,
  );
  assert.equal(asTyped(['echo', "it's"]), `echo 'it'\\''s'`);
});
