import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse, fullText } from '../helpers/engine';

const images = (text: string, opts = {}) => analyse(text, opts).uses.map((u) => u.use.resolved ?? `?${u.use.text}`);

test('every FROM, COPY --from and RUN --mount from= that names an image', () => {
  const text = [
    'FROM golang:1.21 AS build',
    'RUN --mount=type=bind,from=busybox:1.35,target=/bb true',
    'FROM debian:bookworm-20260713-slim',
    'COPY --from=build /out /out',
    'COPY --from=nginx:1.25 /etc/nginx /etc/nginx',
    'RUN --mount=type=cache,target=/root/.cache --mount=from=build,target=/b true',
  ].join('\n');
  const a = analyse(text);
  assert.deepEqual(
    a.uses.map((u) => [u.use.kind, u.use.resolved]),
    [
      ['from', 'golang:1.21'],
      ['mount-from', 'busybox:1.35'],
      ['from', 'debian:bookworm-20260713-slim'],
      ['copy-from', 'nginx:1.25'],
    ],
  );
  const nginx = a.uses[3].use.range;
  assert.deepEqual(nginx.start, { line: 4, character: 12 });
  assert.deepEqual(nginx.end, { line: 4, character: 22 });
});

test('ARG defaults before FROM are substituted in every syntax', () => {
  const text = [
    'ARG REPO=debian',
    'ARG TAG="bookworm-20260713-slim"',
    'ARG EMPTY',
    'FROM $REPO:$TAG',
    'FROM ${REPO}:${TAG}',
    'FROM ${EMPTY:-alpine}:3.10',
    'FROM ${REPO:+busybox}:1.35',
  ].join('\n');
  assert.deepEqual(images(text), [
    'debian:bookworm-20260713-slim',
    'debian:bookworm-20260713-slim',
    'alpine:3.10',
    'busybox:1.35',
  ]);
});

test('an unresolved ARG is reported as set by --build-arg, not guessed', () => {
  const a = analyse('ARG BASEIMAGE\nFROM $BASEIMAGE\n');
  assert.equal(a.uses[0].use.resolved, undefined);
  const f = a.findings.find((x) => x.ruleId === 'MP104');
  assert.ok(f);
  assert.equal(f.severity, 'info');
  assert.match(f.message, /^\$BASEIMAGE not checked: set BASEIMAGE in mipsPort.buildArgs \(or --build-arg\)/);
  assert.ok(!a.findings.some((x) => x.ruleId === 'MP101' || x.ruleId === 'MP102'));
  // A value given by the user resolves it
  assert.deepEqual(images('ARG BASEIMAGE\nFROM $BASEIMAGE\n', { buildArgs: { BASEIMAGE: 'alpine:3.10' } }), [
    'alpine:3.10',
  ]);
});

test('stage names are not images; scratch is fine', () => {
  const text =
    'FROM golang:1.21 AS Builder\nFROM builder AS second\nFROM scratch\nCOPY --from=second / /\nCOPY --from=0 / /\n';
  assert.deepEqual(images(text), ['golang:1.21']);
  assert.ok(!analyse(text).findings.some((f) => f.severity === 'error'));
});

test('TARGETARCH and friends resolve to the target platform', () => {
  assert.deepEqual(images('FROM registry.example.com/base-${TARGETARCH}:1\n'), [
    'registry.example.com/base-mips64le:1',
  ]);
  assert.deepEqual(images('FROM registry.example.com/base-$TARGETARCH:1\n', { platform: 'linux/riscv64' }), [
    'registry.example.com/base-riscv64:1',
  ]);
});

test('FROM --platform=$BUILDPLATFORM stages run natively: a hint, no error', () => {
  const a = analyse('FROM --platform=$BUILDPLATFORM node:20 AS ui\nFROM debian:bookworm-20260713-slim\n');
  const first = a.findings.filter((f) => f.range.start.line === 0);
  assert.deepEqual(
    first.map((f) => f.ruleId),
    ['MP106'],
  );
  assert.equal(first[0].severity, 'hint');
});

test('--platform pinned to another arch is a warning', () => {
  const a = analyse('FROM --platform=linux/amd64 debian:bookworm-20260713-slim\n');
  const w = a.findings.find((f) => f.ruleId === 'MP105');
  assert.ok(w);
  assert.equal(w.severity, 'warning');
  assert.deepEqual(w.range.start, { line: 0, character: 16 });
  assert.ok(
    !analyse('FROM --platform=linux/mips64le debian:bookworm-20260713-slim\n').findings.some(
      (f) => f.ruleId === 'MP105',
    ),
  );
});

test('invalid references become a clear finding', () => {
  const a = analyse('FROM Alpine:3.10\n');
  const f = a.findings.find((x) => x.ruleId === 'MP103');
  assert.ok(f);
  assert.match(f.message, /lowercase/);
});

test('CRLF, BOM, escape and syntax directives, continuations and heredocs', () => {
  const crlf = '# syntax=docker/dockerfile:1\r\nFROM alpine:3.10\r\nRUN echo hi\r\n';
  assert.deepEqual(images(crlf), ['alpine:3.10']);
  assert.equal(analyse(crlf).uses[0].use.range.start.line, 1);
  const bom = '\ufeffFROM alpine:3.10\n';
  const b = analyse(bom);
  assert.deepEqual(
    b.uses.map((u) => u.use.resolved),
    ['alpine:3.10'],
  );
  // Positions are in the text as given (the BOM is one UTF-16 unit); the CLI strips it like editors do.
  assert.deepEqual(b.uses[0].use.range.start, { line: 0, character: 6 });
  const escape = '# escape=`\nFROM `\n  alpine:3.10 AS x\nRUN echo a `\n  b\n';
  assert.deepEqual(images(escape), ['alpine:3.10']);
  const cont = 'FROM \\\n  debian:bookworm-20260713-slim \\\n  AS base\nRUN a && \\\n  b\n';
  assert.deepEqual(images(cont), ['debian:bookworm-20260713-slim']);
  const heredoc = 'FROM alpine:3.10\nRUN <<EOF\nFROM nginx:1.0\nEOF\nCOPY <<EOF /x\nFROM redis\nEOF\n';
  assert.deepEqual(images(heredoc), ['alpine:3.10']);
});

test('empty, binary garbage and a 5 MB file do not throw (the 5 MB one is too large to analyse: one finding)', () => {
  assert.deepEqual(analyse('').uses, []);
  const garbage = Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 7919) % 256)).toString('latin1');
  assert.doesNotThrow(() => analyse(garbage));
  const big = 'FROM alpine:3.10\n' + 'RUN echo ' + 'x'.repeat(100) + '\n'.repeat(1);
  const five = big + ('RUN echo ' + 'y'.repeat(90) + '\n').repeat(50000);
  assert.ok(five.length > 5_000_000);
  const a = analyse(five);
  assert.deepEqual(
    a.findings.map((f) => f.ruleId),
    ['MP110'],
  );
});

test('quoted words in FROM are read as BuildKit reads them (quotes and escapes removed)', () => {
  const text = [
    'ARG ALPINE_TAG=3.10',
    'ARG NAME="debian"',
    'FROM alpine:"${ALPINE_TAG}"',
    'FROM "alpine:3.9" AS b',
    "FROM alp'ine':3.8",
    'FROM ${NAME}:"bookworm-20260713-slim"',
    "FROM 'alpine:${ALPINE_TAG}'",
  ].join('\n');
  const a = analyse(text);
  assert.deepEqual(images(text), [
    'alpine:3.10',
    'alpine:3.9',
    'alpine:3.8',
    'debian:bookworm-20260713-slim',
    'alpine:${ALPINE_TAG}',
  ]);
  // each gets a verdict; only the single-quoted word stays literal, which BuildKit rejects too
  assert.deepEqual(
    a.findings.filter((f) => f.ruleId === 'MP103').map((f) => f.range.start.line),
    [6],
  );
  assert.equal(a.findings.filter((f) => f.ruleId === 'MP101').length, 3);
});

test('an ARG that doubles itself is bounded: reported, never built', () => {
  const lines = ['ARG A0=xxxxxxxx'];
  for (let i = 1; i <= 25; i++) lines.push(`ARG A${i}=$A${i - 1}$A${i - 1}`);
  lines.push('FROM alpine:$A25');
  const a = analyse(lines.join('\n'));
  const f = a.findings.find((x) => x.ruleId === 'MP104');
  assert.ok(f, 'a finding on the FROM');
  assert.match(f.message, /expands to more than 4096 characters/);
  assert.ok(f.message.length < 300, 'the message stays short');
  assert.ok(a.findings.every((x) => x.message.length < 1000));
});

test('architecture dispatch blocks are not x86 downloads, paths or GOARCH pins', () => {
  const text = [
    'FROM debian:bookworm-20260713-slim',
    'RUN case "$(dpkg --print-architecture)" in \\',
    '      amd64) url=https://example.com/tool-linux-amd64.tar.gz; export GOARCH=amd64 ;; \\',
    '      mips64el) url=https://example.com/tool-linux-mips64le.tar.gz ;; \\',
    '    esac && curl -fsSL "$url" | tar -xz',
    'RUN if [ "$(uname -m)" = x86_64 ]; then curl -fsSLO https://example.com/x86_64/tool; ln -s /usr/lib/x86_64-linux-gnu/libz.so /l; fi',
    'RUN curl -fsSLO https://example.com/tool-linux-amd64.tar.gz',
  ].join('\n');
  const a = analyse(text);
  const arch = a.findings
    .filter((f) => ['MP120', 'MP121', 'MP122'].includes(f.ruleId))
    .map((f) => [f.ruleId, f.range.start.line]);
  assert.deepEqual(arch, [['MP121', 6]]);
});

test('image names that spell an architecture are missing for another target, with the multi-arch name first', () => {
  const v = analyse(
    'FROM registry.k8s.io/build-image/debian-base-amd64:bookworm-v1.0.0\nFROM example.com/busybox-linux-amd64:1.0\nFROM amd64/busybox:1.36\n',
  );
  const missing = v.findings.filter((f) => f.ruleId === 'MP101');
  assert.equal(missing.length, 3, v.findings.map((f) => f.message).join('\n'));
  assert.equal(missing[0].suggestions[0].image, 'registry.k8s.io/build-image/debian-base:bookworm-v1.0.0');
  assert.equal(missing[0].suggestions[1].image, 'registry.k8s.io/build-image/debian-base-mips64le:bookworm-v1.0.0');
  assert.match(fullText(missing[0]), /ends in -amd64/);
  assert.equal(missing[1].suggestions[0].image, 'example.com/busybox:1.0');
  assert.equal(missing[2].suggestions[0].image, 'docker.io/library/busybox:1.36');
  // the target's own per-arch name is not flagged by its name
  assert.ok(!analyse('FROM example.com/busybox-mips64le:1.0\n').findings.some((f) => f.ruleId === 'MP101'));
});

test('a document past the line cap gets one finding saying so, not a long analysis', () => {
  const text = Array.from({ length: 20000 }, (_, i) => `FROM alpine:3.${i % 20}`).join('\n');
  const a = analyse(text);
  assert.equal(a.findings.length, 1);
  assert.equal(a.findings[0].ruleId, 'MP110');
  assert.match(
    a.findings[0].message,
    /too large to analyse \(20000 lines; mips-port reads dockerfile files of up to 3000\)/,
  );
});
