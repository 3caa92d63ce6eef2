// A short seeded fuzz run (the long one is `npm run fuzz`): every file kind, mutated a few hundred
// times, must analyse without throwing, with every range inside the document and bounded messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyseDocument } from '../../server/src/core/analyse';
import { knowledgeLookup } from '../../server/src/core/availability/knowledgeLookup';
import { applyEdits, preferredEdits } from '../../server/src/core/fixes/editText';
import { FIXTURES, REPO_ROOT } from '../helpers/paths';
import { platform } from '../helpers/engine';
import { mutate, rng } from '../helpers/mutate';

const SEEDS: [string, string][] = [
  ['Dockerfile', fs.readFileSync(path.join(REPO_ROOT, 'test/golden/agnhost.Dockerfile'), 'utf8')],
  ['manifest.go', fs.readFileSync(path.join(FIXTURES, 'k8s/manifest/current/manifest.go'), 'utf8')],
  ['BASEIMAGE', fs.readFileSync(path.join(FIXTURES, 'k8s/baseimage/with-target/BASEIMAGE'), 'utf8')],
  ['deploy.yaml', fs.readFileSync(path.join(FIXTURES, 'k8s/deploy.yaml'), 'utf8')],
  ['compose.yaml', fs.readFileSync(path.join(FIXTURES, 'k8s/compose.yaml'), 'utf8')],
];

test('seeded fuzz: 200 mutated inputs per file kind analyse without a crash, ranges inside, messages bounded', () => {
  const lookup = knowledgeLookup();
  const target = platform();
  for (const [name, seedText] of SEEDS) {
    const r = rng(name.length * 7919);
    let text = seedText;
    for (let i = 0; i < 200; i++) {
      text = i % 10 === 0 ? seedText : mutate(text, r);
      if (text.length > 2_000_000) text = seedText;
      const a = analyseDocument(name, text, { target, lookup });
      assert.ok(a, `${name} #${i}`);
      // lines as LSP counts them: \n, \r\n and a lone \r each end one
      const lines = text.split(/\r\n|\r|\n/);
      for (const f of a.findings) {
        const { start, end } = f.range;
        const ok =
          start.line >= 0 &&
          end.line < lines.length &&
          (end.line > start.line || (end.line === start.line && end.character >= start.character)) &&
          end.character <= lines[end.line].length &&
          start.character <= lines[start.line].length;
        assert.ok(ok, `${name} #${i}: ${f.ruleId} range ${JSON.stringify(f.range)} outside the document`);
        assert.ok(f.message.length < 5000, `${name} #${i}: ${f.ruleId} message of ${f.message.length} characters`);
      }
      if (name === 'Dockerfile') assert.doesNotThrow(() => applyEdits(text, preferredEdits(a.findings).edits));
    }
  }
});

test('a lone \\r ends a line, as LSP says: findings sit on the line the editor shows', () => {
  const a = analyseDocument('Dockerfile', '# old Mac file\rFROM alpine:3.18\r', {
    target: platform(),
    lookup: knowledgeLookup(),
  });
  const from = a?.findings.find((f) => f.ruleId === 'MP101');
  assert.ok(from, JSON.stringify(a?.findings.map((f) => f.ruleId)));
  assert.equal(from.range.start.line, 1);
});

// a hang guard, not a speed check: the quadratic scan took minutes on this input
test('blank lines before apiVersion are read in linear time (100k CRLF lines)', { timeout: 60000 }, () => {
  const text = '\r\n'.repeat(100_000) + 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - image: alpine:3.18\n';
  const a = analyseDocument('pod.yaml', text, { target: platform(), lookup: knowledgeLookup() });
  assert.ok(a?.findings.length, 'a finding (analysed, or too large to analyse)');
});
