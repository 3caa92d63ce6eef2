// Package names against Debian's own index: the embedded bookworm/mips64el snapshot, the port's
// choices, and MP124 on apt-get lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { analyseDocument } from '../../server/src/core/analyse';
import { knowledgeLookup } from '../../server/src/core/availability/knowledgeLookup';
import { findDataFile } from '../../server/src/core/data';
import { applyEdits, preferredEdits } from '../../server/src/core/fixes/editText';
import { DebianIndex, parseIndex } from '../../server/src/core/packages/debianIndex';
import { debianSuiteOf } from '../../server/src/core/packages/debianSuite';
import { parseImageRef } from '../../server/src/core/imageRef';
import { platform } from '../helpers/engine';

const index = new DebianIndex(
  parseIndex(zlib.gunzipSync(fs.readFileSync(findDataFile('debian-bookworm-mips64el.txt.gz'))).toString('utf8')),
);
const packages = (suite: string, arch: string) => (suite === 'bookworm' && arch === 'mips64el' ? index : undefined);
const analyse = (text: string) =>
  analyseDocument('Dockerfile', text, { target: platform(), lookup: knowledgeLookup(), packages })!;

test('the embedded bookworm/mips64el index knows names, other-architecture-only names and program paths', () => {
  assert.ok(index.has('curl') && index.has('procps') && index.has('mail-transport-agent'), 'real and virtual packages');
  assert.ok(index.elsewhere('ltrace'), 'ltrace is built for amd64, not mips64el');
  assert.equal(index.byPath('/usr/bin/ps'), 'procps');
  assert.equal(index.byPath('/bin/ps'), 'procps');
  assert.ok(!index.has('libressl') && !index.elsewhere('libressl'));
  assert.ok(index.closest('dnsutil').includes('dnsutils'));
});

test('the suite of a base comes from its tag or its Debian version', () => {
  const suite = (s: string) => {
    const r = parseImageRef(s);
    return r.ok ? debianSuiteOf(r.ref) : 'bad';
  };
  assert.equal(suite('debian:bookworm-20260713-slim'), 'bookworm');
  assert.equal(suite('python:3.11-slim-bullseye'), 'bullseye');
  assert.equal(suite('debian:12.5'), 'bookworm');
  assert.equal(suite('registry.k8s.io/build-image/debian-base:bookworm-v1.0.0'), 'bookworm');
  assert.equal(suite('golang:1.22'), undefined);
});

test('a port resolves names against the index: kept when Debian has them, renamed, found by path, flagged when missing', () => {
  const text =
    'FROM alpine:3.18\nRUN apk add --no-cache curl jq ltrace /usr/bin/ps libressl bind-tools nosuchthing-xyz\n';
  const before = analyse(text);
  const ported = applyEdits(text, preferredEdits(before.findings).edits);
  assert.match(ported, /^FROM debian:bookworm-\d{8}-slim$/m);
  assert.match(
    ported,
    /apt-get install -y --no-install-recommends curl jq ltrace procps openssl dnsutils nosuchthing-xyz/,
  );
  // only the name no index knows gets a check note; curl and jq exist unchanged
  const notes = ported.split('\n').filter((l) => l.includes('check package name'));
  assert.equal(notes.length, 1, ported);
  assert.match(notes[0], /nosuchthing-xyz \(not a Debian bookworm package/);
  // after the port, the apt-get line is checked: ltrace has no mips64el build, the unknown name is not a package
  const after = analyse(ported);
  const unavailable = after.findings.filter((f) => f.ruleId === 'MP124').map((f) => f.message);
  assert.equal(unavailable.length, 2, unavailable.join('\n'));
  assert.match(unavailable[0], /^ltrace has no mips64el build in Debian bookworm/);
  assert.match(unavailable[1], /^nosuchthing-xyz is not a Debian bookworm package/);
});

test("MP124 checks the user's own apt-get lines against the stage's suite, on the word itself", () => {
  const text = [
    'FROM debian:bookworm-20260713-slim',
    'RUN apt-get update && apt-get install -y --no-install-recommends curl ltrace=0.7 libc6:mips64el "$EXTRA" ./local.deb dnsutil',
    'FROM golang:1.22 AS other',
    'RUN apt-get install -y ltrace',
  ].join('\n');
  const a = analyse(text);
  const f = a.findings.filter((x) => x.ruleId === 'MP124');
  assert.deepEqual(
    f.map((x) => [
      x.range.start.line,
      text.split('\n')[x.range.start.line].slice(x.range.start.character, x.range.end.character),
    ]),
    [
      [1, 'ltrace=0.7'],
      [1, 'dnsutil'],
    ],
  );
  assert.equal(f[0].severity, 'error');
  assert.match(f[1].message, /did you mean dnsutils/);
});

test("apk's cmd: provides is resolved through the index's program paths; an unknown one says it names a file", () => {
  const text = 'FROM alpine:3.18\nRUN apk add --no-cache cmd:ps cmd:dig cmd:no-such-program-xyz\n';
  const ported = applyEdits(text, preferredEdits(analyse(text).findings).edits);
  assert.match(
    ported,
    /apt-get install -y --no-install-recommends procps (bind9-dnsutils|dnsutils) cmd:no-such-program-xyz/,
  );
  assert.match(
    ported,
    /check package name: cmd:no-such-program-xyz \(apk's cmd: names a file; no Debian bookworm package/,
  );
});

test('names porters hit: nfs-utils is client and server, programs by Contents, perl-*, ltrace said, one finding', () => {
  const port = (t: string) => applyEdits(t, preferredEdits(analyse(t).findings).edits);
  // CentOS nfs-utils holds rpc.nfsd too: Debian splits it into nfs-common and nfs-kernel-server
  assert.match(
    port('FROM centos:7\nRUN yum install -y nfs-utils && yum clean all\n'),
    /--no-install-recommends nfs-common nfs-kernel-server/,
  );
  const alpine = [
    'FROM alpine:3.18',
    'RUN apk add --no-cache liboping nmap nmap-nping nmap-scripts net-snmp-tools perl-net-ssleay perl-crypt-ssleay',
    'RUN apk add --no-cache py3-yaml perl-io-socket-ssl',
  ].join('\n');
  const out = port(alpine);
  assert.match(
    out,
    /install -y --no-install-recommends oping nmap nmap nmap-common snmp libnet-ssleay-perl libcrypt-ssleay-perl /,
  );
  // Debian's conventions, confirmed by its index
  assert.match(out, /--no-install-recommends python3-yaml libio-socket-ssl-perl /);
  assert.doesNotMatch(out, /check package name/);
  // ltrace has no mips64el build: kept, and said on the line and by MP124 (not also by MP123)
  const lt = port('FROM alpine:3.18\nRUN apk add --no-cache ltrace strace\n');
  assert.match(lt, /# mips-port: ltrace has no mips64el build in Debian bookworm: drop it/);
  const after = analyse(lt).findings.map((f) => f.ruleId);
  assert.ok(after.includes('MP124'), after.join());
  // an unknown name: the port's check note and MP124 on the same word are one finding, MP124's
  const unknown = port('FROM alpine:3.18\nRUN apk add --no-cache curl libressl-nonsense\n');
  assert.match(unknown, /check package name: libressl-nonsense/);
  const f = analyse(unknown).findings.filter((x) => x.ruleId === 'MP123' || x.ruleId === 'MP124');
  assert.deepEqual(
    f.map((x) => x.ruleId),
    ['MP124'],
  );
});
