// MP130: a stage that compiles under QEMU though only its output is copied on, and the fix that makes it
// cross-compile on the build platform.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { analyseDocument } from '../../server/src/core/analyse';
import { knowledgeLookup } from '../../server/src/core/availability/knowledgeLookup';
import { applyEdits, preferredEdits } from '../../server/src/core/fixes/editText';
import { compileCommands, importsC } from '../../server/src/core/fixes/compileCommands';
import { stageGraph } from '../../server/src/core/documents/stageGraph';
import { parseDockerfile } from '../../server/src/core/documents/parseDockerfile';
import { analyse, platform } from '../helpers/engine';

const NAIVE = [
  'FROM golang:1.22-bookworm AS build',
  'WORKDIR /src',
  'COPY go.mod main.go ./',
  'RUN go build -o /out/hello .',
  '',
  'FROM debian:bookworm-slim',
  'COPY --from=build /out/hello /usr/local/bin/hello',
  'CMD ["hello"]',
  '',
].join('\n');

const mp130 = (text: string, opts: { platform?: string } = {}) =>
  analyse(text, opts).findings.filter((f) => f.ruleId === 'MP130');

const ported = (text: string) => applyEdits(text, preferredEdits(mp130(text)).edits);

test('MP130: a Go build stage only copied from gets an info finding on its go build, <= 120 chars', () => {
  const [f, ...rest] = mp130(NAIVE);
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'info');
  assert.equal(f.message, 'This go build runs under emulation on mips64le builds: cross-compile it natively');
  assert.ok(f.message.length <= 120);
  assert.deepEqual(f.range, { start: { line: 3, character: 4 }, end: { line: 3, character: 12 } });
  assert.match(f.fixes?.[0].title ?? '', /CGO_ENABLED=0 \(the stage installs no C compiler\)/);
});

test('MP130 fix: --platform=$BUILDPLATFORM, the target args, GOOS/GOARCH from them; the final COPY --from unchanged', () => {
  assert.equal(
    ported(NAIVE),
    [
      'FROM --platform=$BUILDPLATFORM golang:1.22-bookworm AS build',
      'ARG TARGETOS',
      'ARG TARGETARCH',
      'WORKDIR /src',
      'COPY go.mod main.go ./',
      'RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/hello .',
      '',
      'FROM debian:bookworm-slim',
      'COPY --from=build /out/hello /usr/local/bin/hello',
      'CMD ["hello"]',
      '',
    ].join('\n'),
  );
  // the ported file has nothing left to say, and the stage now counts as native
  assert.deepEqual(mp130(ported(NAIVE)), []);
  const again = analyse(ported(NAIVE)).findings.map((f) => f.ruleId);
  assert.ok(again.includes('MP106'), again.join(' '));
});

test('MP130 fix: every go build of the stage, assignments already there kept, arm gets GOARM from the variant', () => {
  const text = [
    'FROM golang:1.22 AS b',
    'ARG TARGETARCH',
    'ENV CGO_ENABLED=0',
    'RUN cd /src && GOOS=linux go build -o /a ./a \\',
    ' && go build -o /b ./b',
    'FROM scratch',
    'COPY --from=0 /a /b /',
    '',
  ].join('\n');
  const out = ported(text);
  assert.match(out, /^FROM --platform=\$BUILDPLATFORM golang:1\.22 AS b\nARG TARGETOS\nARG TARGETARCH\n/);
  assert.match(out, /cd \/src && GOOS=linux GOARCH=\$TARGETARCH go build -o \/a/);
  assert.match(out, /&& GOOS=\$TARGETOS GOARCH=\$TARGETARCH go build -o \/b/);
  assert.doesNotMatch(out, /CGO_ENABLED=0 GOOS/, 'ENV CGO_ENABLED=0 is already there');
  const arm = applyEdits(NAIVE, preferredEdits(mp130(NAIVE, { platform: 'linux/arm/v7' })).edits);
  assert.match(arm, /ARG TARGETVARIANT\n/);
  assert.match(arm, /GOARCH=\$TARGETARCH GOARM=\$\{TARGETVARIANT#v\} go build/);
});

test('MP130 fix with cgo: Debian cross compiler installed, CC named, CGO_ENABLED=1', () => {
  const text = NAIVE.replace('WORKDIR /src', 'RUN apt-get update && apt-get install -y gcc libc6-dev\nWORKDIR /src');
  const [f] = mp130(text);
  assert.match(f.fixes?.[0].title ?? '', /crossbuild-essential-mips64el \(cgo: the stage installs a C compiler\)/);
  const out = ported(text);
  assert.match(
    out,
    /ARG TARGETARCH\nRUN apt-get update && apt-get install -y --no-install-recommends crossbuild-essential-mips64el/,
  );
  assert.match(out, /RUN CGO_ENABLED=1 CC=mips64el-linux-gnuabi64-gcc GOOS=\$TARGETOS GOARCH=\$TARGETARCH go build/);
  // an Alpine stage has no Debian cross compiler: the finding stays, without a fix, and says why
  const alpine = text
    .replace('golang:1.22-bookworm', 'golang:1.22-alpine')
    .replace('apt-get update && apt-get install -y', 'apk add');
  const [a] = mp130(alpine);
  assert.deepEqual(a.fixes, []);
  assert.match(a.detail ?? '', /No automatic fix: cgo \(the stage installs a C compiler\) needs a Debian-based stage/);
});

test('MP130: import "C" in a copied .go file means cgo; none means CGO_ENABLED=0 and the title says what was read', () => {
  const files: Record<string, string> = {
    'main.go': 'package main\n\n// #include <stdio.h>\nimport "C"\n\nfunc main() {}\n',
    'go.mod': 'module x\n',
  };
  const run = (main: string) => {
    const dir = path.join(path.sep, 'ws', 'app');
    const a = analyseDocument(path.join(dir, 'Dockerfile'), NAIVE, {
      target: platform(),
      lookup: knowledgeLookup(),
      readSide: (f) => (f.startsWith(dir + path.sep) ? { ...files, 'main.go': main }[path.basename(f)] : undefined),
    });
    return a!.findings.find((x) => x.ruleId === 'MP130')!;
  };
  assert.match(run(files['main.go']).fixes?.[0].title ?? '', /cgo: main\.go imports "C"/);
  assert.match(
    run('package main\nimport "fmt"\nfunc main() { fmt.Println(1) }\n').fixes?.[0].title ?? '',
    /CGO_ENABLED=0 \(no C compiler installed, no import "C" in the 1 \.go file it copies by name\)/,
  );
  assert.ok(importsC('package x\nimport (\n\t"fmt"\n\t"C"\n)\n'));
  assert.ok(!importsC('package x\nimport "fmt" // "C"\n'));
});

test('MP130: Rust and C builds get the finding without a fix, and say why', () => {
  const rust = 'FROM rust:1.80 AS b\nRUN cargo build --release\nFROM debian:bookworm-slim\nCOPY --from=b /t /t\n';
  const [r] = mp130(rust);
  assert.equal(r.message, 'This cargo build runs under emulation on mips64le builds: cross-compile it natively');
  assert.deepEqual(r.fixes, []);
  assert.match(r.detail ?? '', /No automatic fix for cargo/);
  const c =
    'FROM debian:bookworm AS b\nRUN ./configure --prefix=/opt && make -j4 install\nFROM debian:bookworm-slim\nCOPY --from=b /opt /opt\n';
  const [m] = mp130(c);
  assert.match(m.message, /^This \.\/configure runs under emulation/);
  assert.match(m.detail ?? '', /No automatic fix for make\/cmake\/configure/);
  // a Go stage that also runs make is left to the user
  const mixed = NAIVE.replace('RUN go build', 'RUN make gen && go build');
  assert.deepEqual(mp130(mixed)[0].fixes, []);
  const install = NAIVE.replace('RUN go build -o /out/hello .', 'RUN go install ./...');
  assert.match(mp130(install)[0].detail ?? '', /go install writes to \$GOPATH\/bin\/<os>_<arch>/);
});

test('MP130 stays quiet where the compile is not only copied on, or already native, or the target is amd64', () => {
  // the final stage compiles: its output is the image
  assert.deepEqual(mp130('FROM golang:1.22\nRUN go build -o /x .\n'), []);
  // a stage another stage builds on
  assert.deepEqual(mp130('FROM golang:1.22 AS b\nRUN go build -o /x .\nFROM b\nRUN /x\n'), []);
  // already on the build platform
  assert.deepEqual(mp130(ported(NAIVE)), []);
  // a stage nobody copies from
  assert.deepEqual(mp130('FROM golang:1.22 AS b\nRUN go build -o /x .\nFROM debian:bookworm-slim\n'), []);
  assert.deepEqual(mp130(NAIVE, { platform: 'linux/amd64' }), []);
  // words that are not commands
  assert.deepEqual(compileCommands('echo go build; apt-get install -y make cmake'), []);
  assert.deepEqual(
    compileCommands('cd x && CGO_ENABLED=0 go build . || make').map((c) => [c.tool, c.assigns]),
    [
      ['go build', ['CGO_ENABLED']],
      ['make', []],
    ],
  );
});

test('stage graph: names, indexes and RUN --mount=from= count as copies', () => {
  const g = stageGraph(
    parseDockerfile(
      'FROM a AS one\nFROM one AS two\nFROM c\nCOPY --from=two /x /x\nRUN --mount=type=bind,from=0,target=/m true\n',
    ),
  );
  assert.deepEqual(
    g.map((n) => [n.name, n.baseStage, n.copiedBy, n.baseOf]),
    [
      ['one', undefined, [2], [1]],
      ['two', 0, [2], []],
      [undefined, undefined, [], []],
    ],
  );
});
