// A huge file is read in steps, so a language server can answer between them: the YAML parse, the
// Kubernetes/Compose reading, a Helm values file and a stage's port each pause many times on a large input,
// and what they give is exactly what the one-piece reading gives. Counts of pauses, never times.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Document, LineCounter, parseAllDocuments, parseDocument } from 'yaml';
import { parseAllDocumentsSteps, parseDocumentSteps } from '../../server/src/core/documents/yamlParseSteps';
import { analyseYaml, analyseYamlSteps } from '../../server/src/core/documents/yamlImages';
import { analyseHelmValues } from '../../server/src/core/documents/helmValues';
import { ParsedDocument } from '../../server/src/core/documents/parsedDocument';
import { portStageEdits } from '../../server/src/core/fixes/stagePort';
import { runInSlices, runToEnd } from '../../server/src/core/slices';

/** Runs steps pausing after every one of them; the result and how many pauses there were. */
async function pausing<T>(steps: Generator<void, T>): Promise<{ result: T; pauses: number }> {
  let pauses = 0;
  const result = await runInSlices(steps, {
    sliceMs: 0,
    pause: async () => {
      pauses++;
    },
  });
  return { result: result as T, pauses };
}

const TEXTS = [
  'a: 1\n',
  '',
  '# only a comment\n',
  '---\na: 1\n---\nb: [1, 2\n',
  '%YAML 1.2\n---\nx: &a {k: v}\ny: *a\nz: *missing\n',
  'a: 1\na: 2\n',
  'key: "unterminated\n',
  '- a\n- b: c\n  d: |\n    text\n    more\n...\n--- !!str tagged\n',
  '\t\tbad: indent\n  x: 1\n',
  'services:\n  web:\n    image: nginx:1.25\n    <<: *base\n',
];

const OPTIONS = { uniqueKeys: false, strict: false } as const;

function contents(doc: Document.Parsed): string {
  try {
    return JSON.stringify(doc.toJS({ maxAliasCount: -1 }) ?? null);
  } catch (e) {
    return `unreadable: ${(e as Error).message}`;
  }
}

const shape = (doc: Document.Parsed) => ({
  js: contents(doc),
  range: doc.range,
  errors: doc.errors.map((e) => [e.code, e.pos, e.message]),
  warnings: doc.warnings.map((e) => [e.code, e.pos]),
});

test("the parse in steps gives the yaml library's documents, errors and line starts", () => {
  for (const text of TEXTS) {
    const [lc1, lc2] = [new LineCounter(), new LineCounter()];
    const lib = parseAllDocuments(text, { ...OPTIONS, lineCounter: lc1, prettyErrors: false });
    const steps = runToEnd(parseAllDocumentsSteps(text, { ...OPTIONS, lineCounter: lc2 }));
    assert.deepEqual(steps.map(shape), (Array.isArray(lib) ? lib : [lib]).map(shape), JSON.stringify(text));
    assert.deepEqual(lc2.lineStarts, lc1.lineStarts);
    const one = parseDocument(text, { ...OPTIONS, prettyErrors: false });
    assert.deepEqual(shape(runToEnd(parseDocumentSteps(text, OPTIONS))), shape(one), JSON.stringify(text));
  }
});

const compose = (n: number) =>
  `services:\n${Array.from({ length: n }, (_, i) => `  s${i}:\n    image: nginx:1.${i % 30}\n`).join('')}`;

test('a large Compose file is parsed and read in many steps, with the same uses as in one piece', async () => {
  const small = await pausing(analyseYamlSteps(compose(1000)));
  const large = await pausing(analyseYamlSteps(compose(4000)));
  assert.deepEqual(large.result, analyseYaml(compose(4000)));
  assert.equal(large.result.uses.length, 4000);
  assert.ok(large.pauses >= 100, `4,000 services read with ${large.pauses} pauses`);
  // the steps are of a bounded size: four times the file, about four times the pauses
  assert.ok(large.pauses >= 3 * small.pauses, `${small.pauses} pauses for 1,000 and ${large.pauses} for 4,000`);
});

test('a large Helm values file is parsed in many steps', async () => {
  const text = Array.from(
    { length: 3000 },
    (_, i) => `c${i}:\n  image:\n    repository: redis\n    tag: "7.${i % 4}"\n`,
  ).join('');
  const r = await pausing(analyseHelmValues(text, { appVersion: '1.0.0' }));
  assert.equal(r.result.uses.length, 3000);
  assert.deepEqual(r.result, runToEnd(analyseHelmValues(text, { appVersion: '1.0.0' })));
  assert.ok(r.pauses >= 100, `${r.pauses} pauses`);
});

test("a stage's port pauses between the words of a huge install line, with the same edits", async () => {
  const words = Array.from({ length: 20000 }, (_, i) => `pkg${i}`).join(' ');
  const doc = new ParsedDocument(`FROM alpine:3.18\nRUN apk add --no-cache curl ${words}\n`, 'dockerfile');
  const o = { fromLine: 0, from: 'apk' as const };
  const r = await pausing(portStageEdits(doc, o));
  assert.ok(r.pauses >= 50, `${r.pauses} pauses for 20,000 words`);
  assert.deepEqual(r.result, runToEnd(portStageEdits(doc, o)));
  assert.match(r.result.edits.map((e) => e.newText).join('\n'), /apt-get update && apt-get install/);
});
