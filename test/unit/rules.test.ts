import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';
import { applyEdits } from '../../server/src/core/fixes/editText';
import { analyseDocument } from '../../server/src/core/analyse';
import { knowledgeLookup } from '../../server/src/core/availability/knowledgeLookup';
import { RULES } from '../../server/src/core/rules';
import { normaliseSettings } from '../../server/src/core/settings';
import { detectFileKind } from '../../server/src/core/documents/fileKind';
import { analyse, platform, fullText } from '../helpers/engine';
import { contributedSettings } from '../helpers/packageSettings';

test('rule ids are stable and unique', () => {
  const ids = RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const r of RULES) assert.match(r.id, /^MP\d{3}$/);
});

test('missing images: an error that says what, why and what to do', () => {
  const a = analyse('FROM alpine:3.10\n');
  const f = a.findings.find((x) => x.ruleId === 'MP101');
  assert.ok(f);
  assert.equal(f.severity, 'error');
  assert.equal(f.image, 'docker.io/library/alpine:3.10');
  assert.equal(f.status, 'missing');
  assert.equal(f.source, 'knowledge-base');
  // what and what to do first (the Problems panel's line), why after
  assert.match(fullText(f), /^alpine:3\.10 has no mips64le image — use debian:bookworm-\d{8}-slim\. /);
  assert.match(fullText(f), /never been built/);
  assert.ok(f.message.length <= 120, f.message);
  assert.deepEqual(f.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 16 } });
});

test('available images are hints, unknown ones warnings', () => {
  const a = analyse('FROM debian:bookworm-20260713-slim\nFROM quay.io/x/y:1\n');
  assert.deepEqual(
    a.findings.map((f) => [f.ruleId, f.severity, f.status]),
    [
      ['MP100', 'hint', 'available'],
      ['MP102', 'warning', 'unknown'],
    ],
  );
});

test('severity is configurable per rule id or name, and rules can be turned off', () => {
  const opts = { target: platform(), lookup: knowledgeLookup() };
  const a = analyseDocument('Dockerfile', 'FROM alpine:3.10\nFROM quay.io/x/y:1\n', {
    ...opts,
    severities: { MP101: 'warning', 'image-unknown': 'off' },
  });
  assert.deepEqual(
    a?.findings.map((f) => [f.ruleId, f.severity]),
    [['MP101', 'warning']],
  );
});

test('settings are validated with a message, falling back to defaults', () => {
  const s = normaliseSettings({ platform: 'linux/sparc', severity: { MP101: 'loud' } });
  assert.equal(s.problems.length, 2);
  assert.equal(s.target.arch.oci, 'mips64le');
  assert.equal(normaliseSettings({ platform: 'mips64el' }).target.arch.oci, 'mips64le');
  assert.equal(normaliseSettings(undefined).problems.length, 0);
});

test('Dockerfile names are recognised', () => {
  for (const n of ['Dockerfile', 'a/Containerfile', 'x.Dockerfile', 'Dockerfile.mips64le', 'build.dockerfile'])
    assert.equal(detectFileKind(n), 'dockerfile', n);
  for (const n of ['Dockerfile.md', 'README', 'dockerfile.json', 'main.go'])
    assert.equal(detectFileKind(n), undefined, n);
});

test('every rule is documented in docs/rules.md and has a severity setting in package.json', () => {
  const docs = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'rules.md'), 'utf8');
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const severity = contributedSettings(pkg)['mipsPort.severity'].properties;
  for (const r of RULES) {
    assert.match(
      docs,
      new RegExp(`## ${r.id}\\n\\*\\*${r.name}\\*\\* \\(${r.defaultSeverity}\\)`),
      `${r.id} in docs/rules.md`,
    );
    assert.equal(severity[r.id]?.default, r.defaultSeverity, `${r.id} in package.json`);
  }
});

test('a Debian base with apk in its RUN lines: a warning whose fix ports the stage to apt-get', () => {
  const text =
    'FROM debian:bookworm-20260713-slim AS build\nRUN apk add --no-cache bind-tools curl\nFROM docker:24\nRUN apk add git\n';
  const a = analyse(text);
  const f = a.findings.filter((x) => x.ruleId === 'MP112');
  // docker:24 is an official image based on Alpine under plain tags: no warning there
  assert.deepEqual(
    f.map((x) => x.range.start.line),
    [1],
  );
  assert.match(
    fullText(f[0]),
    /debian:bookworm-20260713-slim, is Debian-based, but this RUN uses apk: the build stops with "apk: not found"/,
  );
  const fix = f[0].fixes?.[0];
  assert.ok(fix?.isPreferred);
  assert.ok(fix.edits.every((e) => e.range.start.line === 1 && e.range.end.line === 1));
  const fixed = applyEdits(text, fix.edits);
  assert.match(
    fixed.split('\n')[1],
    /^RUN apt-get update && apt-get install -y --no-install-recommends dnsutils curl && rm -rf \/var\/lib\/apt\/lists\/\*$/,
  );
  assert.ok(!analyse(fixed).findings.some((x) => x.ruleId === 'MP112'));
});

test('exec-form RUN with apk: MP112 without a fix (nothing to port word by word); the base swap notes it', () => {
  const a = analyse('FROM debian:bookworm-20260713-slim\nRUN ["apk", "add", "curl"]\n');
  const f = a.findings.find((x) => x.ruleId === 'MP112');
  assert.match(fullText(f), /Rewrite this exec-form RUN with apt-get/);
  assert.equal(f?.fixes, undefined);
  const swap = analyse('FROM alpine:3.12\nRUN ["apk", "add", "curl"]\n')
    .findings.find((x) => x.ruleId === 'MP101')
    ?.fixes?.find((x) => x.isPreferred);
  assert.ok(swap?.edits.some((e) => /# mips-port: exec-form RUN not ported: rewrite it with apt-get/.test(e.newText)));
});
