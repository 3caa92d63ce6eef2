import { test } from 'node:test';
import assert from 'node:assert/strict';
import { familiarRef, formatRef, parseImageRef } from '../../server/src/core/imageRef';

const ok = (s: string) => {
  const r = parseImageRef(s);
  if (!r.ok) throw new Error(`${s}: ${r.error}`);
  return r.ref;
};

test('normalises the forms docker accepts', () => {
  const cases: [string, string][] = [
    ['alpine', 'docker.io/library/alpine:latest'],
    ['alpine:3.10', 'docker.io/library/alpine:3.10'],
    ['library/alpine', 'docker.io/library/alpine:latest'],
    ['docker.io/library/alpine:3.10', 'docker.io/library/alpine:3.10'],
    ['index.docker.io/library/alpine:3.10', 'docker.io/library/alpine:3.10'],
    ['docker.io/alpine', 'docker.io/library/alpine:latest'],
    ['calico/node:v3.26.0', 'docker.io/calico/node:v3.26.0'],
    ['localhost:5000/x/y:t', 'localhost:5000/x/y:t'],
    ['localhost/x', 'localhost/x:latest'],
    ['registry.k8s.io/e2e-test-images/agnhost:2.47', 'registry.k8s.io/e2e-test-images/agnhost:2.47'],
    ['127.0.0.1:5000/debian:bookworm', '127.0.0.1:5000/debian:bookworm'],
    ['[::1]:5000/x:1', '[::1]:5000/x:1'],
  ];
  for (const [input, want] of cases) assert.equal(formatRef(ok(input)), want, input);
});

test('digests, with and without tag, and no implicit latest when pinned', () => {
  const d = 'sha256:' + 'a'.repeat(64);
  const r1 = ok(`host.example/x@${d}`);
  assert.equal(r1.tag, undefined);
  assert.equal(r1.digest, d);
  assert.equal(formatRef(r1), `host.example/x@${d}`);
  const r2 = ok(`nginx:1.25@${d}`);
  assert.equal(formatRef(r2), `docker.io/library/nginx:1.25@${d}`);
  assert.equal(r2.implicitTag, false);
  assert.equal(ok('nginx').implicitTag, true);
});

test('familiar form strips docker.io and library/', () => {
  assert.equal(familiarRef(ok('docker.io/library/alpine:3.10')), 'alpine:3.10');
  assert.equal(familiarRef(ok('calico/node:v3')), 'calico/node:v3');
  assert.equal(familiarRef(ok('quay.io/a/b:c')), 'quay.io/a/b:c');
});

test('invalid references give a reason instead of throwing', () => {
  const bad = [
    '',
    'Alpine:3.10',
    'alpine:',
    'alpine:-x',
    'x@sha256:abc',
    'x@sha256:' + 'a'.repeat(63),
    'a b',
    'foo//bar',
    ':tag',
    'x:' + 'a'.repeat(200),
    '-leading',
  ];
  for (const s of bad) {
    const r = parseImageRef(s);
    assert.equal(r.ok, false, `${JSON.stringify(s)} should be invalid`);
    if (!r.ok) assert.ok(r.error.length > 5);
  }
});

test('garbage input of any shape never throws', () => {
  for (let i = 0; i < 2000; i++) {
    const s = Array.from({ length: i % 40 }, () => String.fromCharCode(Math.floor(Math.random() * 0x250))).join('');
    assert.doesNotThrow(() => parseImageRef(s));
  }
});
