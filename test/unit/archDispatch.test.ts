// Per-architecture dispatch in a RUN (the official images' `case "$dpkgArch"`, uname -m, TARGETARCH, if
// chains): no branch for the target with a fallback that exits is an error on the `case`, fixed by a branch
// in the naming the dispatch compares; URLs inside other architectures' branches are not MP121.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/core/fixes/editText';
import { archDispatches } from '../../server/src/core/rules/archCases';
import { analyse, fullText } from '../helpers/engine';

const BASE = 'FROM debian:bookworm-20260713-slim\n';
const ids = (text: string, id: string) => analyse(text).findings.filter((f) => f.ruleId === id);

// in the style of docker-library's gosu/tini blocks
const TINI = [
  'FROM debian:bookworm-20260713-slim',
  'ENV TINI_VERSION=0.19.0',
  'RUN set -eux; \\',
  '    dpkgArch="$(dpkg --print-architecture | awk -F- \'{ print $NF }\')"; \\',
  '    case "$dpkgArch" in \\',
  '        amd64) url="https://github.com/krallin/tini/releases/download/v${TINI_VERSION}/tini-amd64" ;; \\',
  '        arm64) url="https://github.com/krallin/tini/releases/download/v${TINI_VERSION}/tini-arm64" ;; \\',
  '        *) echo >&2 "error: unsupported architecture ($dpkgArch)"; exit 1 ;; \\',
  '    esac; \\',
  '    curl -fsSLo /usr/local/bin/tini "$url"; chmod +x /usr/local/bin/tini',
].join('\n');

test('a dpkg dispatch without the target and an exiting fallback is an error on the case line', () => {
  const [f] = ids(TINI, 'MP126');
  assert.ok(f);
  assert.equal(f.severity, 'error');
  assert.equal(f.range.start.line, 4);
  assert.equal(
    fullText(f),
    "This RUN exits on mips64le: no mips64el branch; the case matches dpkg's names (amd64, arm64), and its fallback exits.",
  );
  // the amd64 URL sits in amd64's own branch: not an x86 download
  assert.deepEqual(ids(TINI, 'MP121'), []);
});

test("the fix adds the target's branch in dpkg's naming, filled from arm64's, with a note to check", () => {
  const [f] = ids(TINI, 'MP126');
  const fix = f.fixes![0];
  assert.equal(fix.title, 'Add a mips64el branch (from the arm64 one)');
  const fixed = applyEdits(TINI, fix.edits);
  assert.match(
    fixed,
    /arm64\) url=.*tini-arm64" ;; \\\n {8}mips64el\) url="https:\/\/github\.com\/krallin\/tini\/releases\/download\/v\$\{TINI_VERSION\}\/tini-mips64el" ;; \\\n {8}\*\) echo/,
  );
  assert.match(
    fixed,
    /^# mips-port: the mips64el branch is filled from the arm64 one: check that the project publishes/m,
  );
  assert.deepEqual(ids(fixed, 'MP126'), []);
});

test('uname and TARGETARCH dispatches compare their own names; globs and non-exiting fallbacks pass', () => {
  // no fallback at all: the variable stays empty and the download 404s
  const uname = [
    BASE + 'RUN case "$(uname -m)" in \\',
    '      x86_64) ARCH=x86_64 ;; \\',
    '      aarch64) ARCH=aarch64 ;; \\',
    '    esac; \\',
    '    curl -fsSLo /usr/local/bin/yq "https://github.com/mikefarah/yq/releases/download/v4.40.5/yq_linux_${ARCH}"',
  ].join('\n');
  const [u] = ids(uname, 'MP126');
  assert.match(
    fullText(u),
    /no mips64 branch; the case matches uname -m's names \(x86_64, aarch64\), and it has no fallback/,
  );
  const fixed = applyEdits(uname, u.fixes![0].edits);
  assert.match(fixed, /aarch64\) ARCH=aarch64 ;; \\\n {6}mips64\) ARCH=mips64 ;; \\\n {4}esac/);
  // TARGETARCH: Go's names
  const go = `${BASE}ARG TARGETARCH\nRUN case "\${TARGETARCH}" in amd64) A=x64 ;; arm64) A=arm64 ;; *) exit 1 ;; esac\n`;
  const [g] = ids(go, 'MP126');
  assert.match(fullText(g), /no mips64le branch; the case matches Go\/OCI's names/);
  assert.match(applyEdits(go, g.fixes![0].edits), /arm64\) A=arm64 ;; mips64le\) A=mips64le ;; \*\) exit 1/);
  for (const ok of [
    `${BASE}ARG TARGETARCH\nRUN case "$TARGETARCH" in amd64|arm64|mips64le) echo ok ;; *) exit 1 ;; esac\n`,
    `${BASE}RUN case "$(dpkg --print-architecture)" in amd64) A=1 ;; mips64*) A=2 ;; *) exit 1 ;; esac\n`,
    `${BASE}RUN case "$(uname -m)" in x86_64) EXTRA=--x86 ;; *) EXTRA= ;; esac; make $EXTRA\n`,
    `${BASE}RUN if [ "$(uname -m)" = x86_64 ]; then apt-get install -y cpuid; fi\n`,
  ])
    assert.deepEqual(ids(ok, 'MP126'), [], ok);
});

test('if/elif chains by architecture whose else exits are errors too', () => {
  const text = `${BASE}RUN arch="$(uname -m)"; if [ "$arch" = "x86_64" ]; then echo x86; elif [ "$arch" = aarch64 ]; then echo arm; else echo "unsupported: $arch" >&2; exit 1; fi\n`;
  const [f] = ids(text, 'MP126');
  assert.match(
    fullText(f),
    /no mips64 branch; the if matches uname -m's names \(x86_64, aarch64\), and its fallback exits/,
  );
  const d = archDispatches('if [ "$(dpkg --print-architecture)" = amd64 ]; then a; else exit 1; fi');
  assert.equal(d[0].scheme, 'debian');
  assert.deepEqual(
    d[0].items.map((i) => i.patterns),
    [['amd64']],
  );
});

test('a variable set from apk --print-arch, and a pattern list with quotes, are read', () => {
  const d = archDispatches('apkArch="$(apk --print-arch)"; case "$apkArch" in "x86_64"|x86) a ;; (aarch64) b ;; esac');
  assert.equal(d[0].scheme, 'alpine');
  assert.deepEqual(
    d[0].items.map((i) => i.patterns),
    [['x86_64', 'x86'], ['aarch64']],
  );
  assert.equal(d[0].fallback, undefined);
});
