// Which Debian suite a base is on and whether its apt still works for the target: MP128, its fix for
// archived suites, and the hover.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/core/fixes/editText';
import { parseImageRef } from '../../server/src/core/imageRef';
import { suiteOfImage, suiteState } from '../../server/src/core/packages/suiteState';
import { hoverMarkdown } from '../../server/src/core/report/describeUse';
import { analyseDocument } from '../../server/src/core/analyse';
import { knowledgeLookup } from '../../server/src/core/availability/knowledgeLookup';
import { Lookup } from '../../server/src/core/types';
import { analyse, platform } from '../helpers/engine';

const suite = (s: string) => {
  const r = parseImageRef(s);
  return r.ok ? suiteOfImage(r.ref) : 'bad';
};

test("each suite's apt per architecture, and each official tag's suite (named in its tag or by official-images)", () => {
  assert.equal(suiteState('bookworm', 'mips64el'), 'current');
  assert.equal(suiteState('buster', 'mips64el'), 'archived');
  assert.equal(suiteState('stretch', 'mips64el'), 'archived');
  assert.equal(suiteState('bullseye', 'mips64el'), 'gone');
  assert.equal(suiteState('trixie', 'mips64el'), 'gone');
  assert.equal(suiteState('trixie', 'amd64'), 'current');
  assert.equal(suite('redis:5.0.8'), 'buster');
  assert.equal(suite('redis:6.0'), 'bookworm');
  assert.equal(suite('nginx:1.24'), 'bullseye');
  assert.equal(suite('python:3.9-slim-bookworm'), 'bookworm');
  assert.equal(suite('quay.io/x/y:1'), undefined);
});

test('MP128: apt on an archived suite is pointed at archive.debian.org; on a gone one, a tag whose apt works', () => {
  const text = [
    'FROM redis:5.0.8',
    'RUN apt-get update && apt-get install -y --no-install-recommends procps && rm -rf /var/lib/apt/lists/*',
    'CMD ["redis-server"]',
  ].join('\n');
  const f = analyse(text).findings.find((x) => x.ruleId === 'MP128')!;
  assert.ok(f);
  assert.equal(f.range.start.line, 0);
  assert.match(
    f.message,
    /^redis:5\.0\.8 is built on Debian buster, which Debian's mirrors no longer serve: apt on line 2/,
  );
  const fixed = applyEdits(text, f.fixes![0].edits);
  const lines = fixed.split('\n');
  assert.match(lines[2], /^RUN sed -i -e 's\|deb\.debian\.org\|archive\.debian\.org\|g'/);
  assert.match(lines[2], /Acquire::Check-Valid-Until \\"false\\";|Acquire::Check-Valid-Until "false";/);
  assert.match(lines[2], /-e '\/-updates\/d' \/etc\/apt\/sources\.list/);
  assert.match(lines[3], /^RUN apt-get update/);
  // bullseye's mips64el is gone from every mirror
  const gone = analyse('FROM redis:6.2.6\nRUN apt-get update && apt-get install -y procps\n');
  const g = gone.findings.find((x) => x.ruleId === 'MP128')!;
  assert.match(g.message, /built on Debian bullseye, whose mips64el packages no mirror serves any more/);
  assert.deepEqual(g.fixes ?? [], []);
  const quiet = (t: string) =>
    assert.equal(
      analyse(t).findings.find((x) => x.ruleId === 'MP128'),
      undefined,
      t,
    );
  quiet('FROM redis:5.0.8\nCMD ["redis-server"]\n'); // no apt: the image runs as built
  quiet('FROM debian:bookworm-20260713-slim\nRUN apt-get update\n');
  quiet('FROM redis:6.2.6\nRUN apt-get update\n'.replace('redis:6.2.6', 'redis:6.0'));
});

test('the hover says which suite a base is on and whether its apt works', () => {
  const hover = (t: string) => hoverMarkdown(analyse(`FROM ${t}\n`).uses[0]);
  assert.match(hover('redis:5.0.8'), /Debian buster: its apt works only from archive\.debian\.org/);
  assert.match(hover('redis:6.2.6'), /Debian bullseye: its apt does not work: no mirror serves bullseye for mips64el/);
  assert.match(hover('debian:bookworm-20260713-slim'), /Debian bookworm: its apt works\./);
  assert.doesNotMatch(hover('quay.io/x/y:1'), /Debian/);
});

test("an apt stage's replacements: apt that works first, and the same order everywhere (fix, hover, findings)", () => {
  const short = (s: { image: string }) => s.image.replace('docker.io/library/', '');
  const mp101 = (t: string) => analyse(t).findings.find((x) => x.ruleId === 'MP101')!;
  // nginx:1.24 is bullseye (apt fails for mips64el), nginx:1.25 bookworm: for a stage the port gives apt lines
  const apt = 'FROM nginx:1.24-alpine\nRUN apk add --no-cache curl\n';
  const f = mp101(apt);
  assert.deepEqual(f.suggestions.map(short), ['nginx:1.25', 'nginx:1.24', 'nginx:1.23']);
  assert.equal(f.fixes?.[0].title, 'Use nginx:1.25 and port apk commands to apt-get');
  assert.equal(f.fixes?.[0].isPreferred, true);
  assert.match(f.message, /use nginx:1\.25 or nginx:1\.24/);
  // without apt the image runs as built: same version first, as before
  assert.deepEqual(mp101('FROM nginx:1.24-alpine\nCMD ["nginx"]\n').suggestions.map(short), [
    'nginx:1.24',
    'nginx:1.25',
    'nginx:1.23',
  ]);
  // the hover lists them in that order and says each one's suite and whether its apt works
  const hover = hoverMarkdown(analyse(apt).uses[0]);
  assert.match(
    hover,
    /- `nginx:1\.25` — [^\n]* · Debian bookworm: apt works\n- `nginx:1\.24` — [^\n]* · Debian bullseye: apt fails/,
  );
  // an archived suite (buster: apt only from archive.debian.org) comes after one whose apt works
  const redis = mp101('FROM redis:5.0-alpine\nRUN apk add --no-cache curl\n').suggestions.map(short);
  assert.deepEqual(redis, ['redis:6.0', 'redis:4.0', 'redis:5.0']);
});

test('no replacement with working apt: the nearest tag of the same major version on a working suite is added first', () => {
  const short = (s: { image: string }) => s.image.replace('docker.io/library/', '');
  const sugg = (t: string) =>
    analyse(t)
      .findings.find((x) => x.ruleId === 'MP101')!
      .suggestions.map(short);
  // 1.22 and 1.23 are bullseye; 1.25 is the nearest line on bookworm
  const nginx = sugg('FROM nginx:1.22-alpine\nRUN apk add --no-cache curl\n');
  assert.deepEqual(nginx, ['nginx:1.25', 'nginx:1.22', 'nginx:1.23']);
  // another major version is offered last, never preferred (python 2.7 -> 3.x is the user's choice)
  const py = sugg('FROM python:2.7-alpine\nRUN apk add --no-cache curl\n');
  assert.equal(py[0], 'python:2.7-slim');
  assert.match(py[py.length - 1], /^python:3\.\d+-slim/);
  // tags with no named suite get the likely one: the stable release when they were last built
  const hover = hoverMarkdown(analyse('FROM nginx:1.21\nRUN apt-get update\n').uses[0]);
  assert.match(hover, /Debian bullseye \(likely: the stable release when it was last built\): its apt does not work/);
});

test('a port of a small image offers the slim base first when a mirror has both bases', () => {
  const mirror = 'registry.example/library/cke/debian-mips64el';
  const lookup: Lookup = (ref, p) => {
    const v = knowledgeLookup()(ref, p);
    if (ref.repository !== 'library/alpine') return v;
    return {
      ...v,
      suggestions: [
        { image: `${mirror}:bookworm`, reason: 'your mirror serves it' },
        { image: `${mirror}:bookworm-slim`, reason: 'your mirror serves it' },
        ...v.suggestions,
      ],
    };
  };
  const first = (text: string) =>
    analyseDocument('Dockerfile', text, { target: platform(), lookup })!.findings.find((f) => f.ruleId === 'MP101')!
      .suggestions[0].image;
  assert.equal(first('FROM alpine:3.18\nRUN apk add --no-cache curl\n'), `${mirror}:bookworm-slim`);
  assert.equal(first('FROM alpine:3.18\n'), `${mirror}:bookworm-slim`);
});
