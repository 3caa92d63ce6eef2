// A stage that downloads over https needs CA certificates: the port installs them, MP125 says when a
// hand-written apt line on a bare Debian base leaves them out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, preferredEdits } from '../../server/src/core/fixes/editText';
import { httpsFetchAt } from '../../server/src/core/fixes/httpsFetch';
import { analyse } from '../helpers/engine';

const port = (text: string) => applyEdits(text, preferredEdits(analyse(text).findings).edits);
const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

test('what downloads over https: curl/wget https URLs, git clone, go get, pip/npm/cargo installs', () => {
  for (const yes of [
    'curl -fsSL https://github.com/x/y/releases/download/v1/y.tgz | tar -xz',
    'wget -qO- https://dl.k8s.io/release/stable.txt',
    'git clone --depth 1 https://github.com/kubernetes/kubernetes',
    'go install sigs.k8s.io/kind@v0.20.0',
    'pip3 install --no-cache-dir requests',
    'python3 -m pip install -r requirements.txt',
    'npm ci --omit=dev',
    'cargo build --release',
  ])
    assert.notEqual(httpsFetchAt(yes), undefined, yes);
  for (const no of [
    'curl -fsSL http://deb.debian.org/debian/dists/bookworm/Release',
    'curl -k https://127.0.0.1/x',
    'wget --no-check-certificate https://x/y',
    'pip install --no-index --find-links /wheels app',
    'echo https://example.com',
    'go build ./...',
  ])
    assert.equal(httpsFetchAt(no), undefined, no);
});

test('a ported stage that downloads over https installs ca-certificates in its apt line, once', () => {
  // vimagick-style: a release binary fetched with curl
  const text = [
    'FROM alpine:3.18',
    'ENV VERSION=2.3.1',
    'RUN apk add --no-cache curl tar',
    'RUN apk add --no-cache bash \\',
    ' && curl -fsSL https://github.com/vimagick/tool/releases/download/v${VERSION}/tool.tgz | tar -xz -C /usr/local/bin',
    'CMD ["tool"]',
  ].join('\n');
  const ported = port(text);
  assert.equal(count(ported, /ca-certificates/g), 1, ported);
  assert.match(ported, /apt-get install -y --no-install-recommends curl tar ca-certificates && rm -rf/);
  // already there: not twice
  const has = 'FROM alpine:3.18\nRUN apk add --no-cache ca-certificates wget && wget -q https://x.io/a.tgz\n';
  assert.equal(count(port(has), /ca-certificates/g), 1);
  // no https download: no certificates added
  assert.doesNotMatch(port('FROM alpine:3.18\nRUN apk add --no-cache curl\n'), /ca-certificates/);
  // a CentOS stage too
  const rpm = 'FROM centos:7\nRUN yum install -y git && git clone https://github.com/x/y /y\n';
  assert.match(port(rpm), /--no-install-recommends git ca-certificates/);
});

test('MP125: a hand-written apt line on a bare Debian base without ca-certificates, before https downloads', () => {
  // a Kubernetes e2e-style image: fetch a release binary over https
  const text = [
    'FROM debian:bookworm-20260713-slim',
    'RUN apt-get update && apt-get install -y --no-install-recommends curl \\',
    ' && rm -rf /var/lib/apt/lists/*',
    'RUN curl -fsSLo /usr/local/bin/kubectl https://dl.k8s.io/release/v1.29.0/bin/linux/mips64le/kubectl',
  ].join('\n');
  const a = analyse(text);
  const f = a.findings.find((x) => x.ruleId === 'MP125');
  assert.ok(f, JSON.stringify(a.findings.map((x) => x.ruleId)));
  assert.equal(f.severity, 'error');
  assert.equal(f.range.start.line, 1);
  assert.match(f.message, /^Add ca-certificates to this apt-get install: the stage downloads over https \(line 4\)/);
  const fixed = applyEdits(text, f.fixes![0].edits);
  assert.match(fixed, /--no-install-recommends curl ca-certificates \\/);
  assert.equal(
    analyse(fixed).findings.find((x) => x.ruleId === 'MP125'),
    undefined,
  );
  const quiet = (t: string) =>
    assert.equal(
      analyse(t).findings.find((x) => x.ruleId === 'MP125'),
      undefined,
      t,
    );
  // recommends on: curl brings the certificates itself
  quiet('FROM debian:bookworm-20260713-slim\nRUN apt-get update && apt-get install -y curl && curl https://x.io/a\n');
  // an image that is not a bare distribution base may have them (golang, python…)
  quiet(
    'FROM golang:1.21\nRUN apt-get update && apt-get install -y --no-install-recommends git && go install x.io/y@v1\n',
  );
  // no https download
  quiet('FROM debian:bookworm-20260713-slim\nRUN apt-get update && apt-get install -y --no-install-recommends make\n');
  // a base made by `base create` is bare too
  const made =
    'FROM 127.0.0.1:5000/cke/debian-mips64el:bookworm\nRUN apt-get install -y --no-install-recommends wget && wget https://x.io/a\n';
  assert.ok(analyse(made).findings.some((x) => x.ruleId === 'MP125'));
});

test('a private CA copied to /usr/local/share/ca-certificates and update-ca-certificates: the port still installs ca-certificates', () => {
  // the CA's path and update-ca-certificates name the package's files, not the package
  const text = [
    'FROM alpine:3.18',
    'RUN apk add --no-cache curl',
    'COPY private-ca.crt /usr/local/share/ca-certificates/private-ca.crt',
    'RUN update-ca-certificates',
    'RUN curl -fsS https://10.0.0.1:8443/release -o /release',
    '',
  ].join('\n');
  const out = port(text);
  assert.match(out, /^RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates /m, out);
  assert.equal(count(out, /(?<![/\w-])ca-certificates(?![/\w.-])/g), 1, out);
  assert.ok(!analyse(out).findings.some((f) => f.ruleId === 'MP125'), out);
});
