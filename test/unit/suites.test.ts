// Which Debian suite a base is on and whether its apt still works for the target: MP128, its fix for
// archived suites, and the hover.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/core/fixes/editText';
import { parseImageRef } from '../../server/src/core/imageRef';
import { suiteOfImage, suiteState } from '../../server/src/core/packages/suiteState';
import { hoverMarkdown } from '../../server/src/core/report/describeUse';
import { analyse } from '../helpers/engine';

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
