// Build-script platform lists in the editor: the warning on the list's name, a hover saying what the list
// drives, and the quick fix that adds the target, after which the list gets its "ok" hint.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { LspClient } from '../helpers/lspClient';
import { REPO_ROOT } from '../helpers/paths';
import { applyEdits } from '../../server/src/core/fixes/editText';

let client: LspClient;
before(async () => {
  client = new LspClient();
  client.configuration = { mipsPort: { offline: true } };
  await client.initialize({ workspace: { configuration: true } });
});
after(async () => {
  await client.shutdown();
  LspClient.killAll();
});

const fixture = (f: string) => fs.readFileSync(path.join(REPO_ROOT, 'test/fixtures/platform-lists', f), 'utf8');
type Diagnostic = { code: string; range: { start: { line: number; character: number } }; message: string };

async function openAndFix(uri: string, languageId: string, text: string, lines: number[]) {
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  const p = await client.waitFor('textDocument/publishDiagnostics', (x) => x.uri === uri);
  const warned: Diagnostic[] = p.diagnostics.filter((d: Diagnostic) => d.code === 'MP160');
  assert.deepEqual(
    warned.map((d) => d.range.start.line),
    lines,
  );
  let fixed = text;
  const edits = [];
  for (const d of warned) {
    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    });
    const preferred = actions.filter((a: { isPreferred?: boolean }) => a.isPreferred);
    assert.equal(preferred.length, 1, d.message);
    edits.push(...preferred[0].edit.changes[uri]);
  }
  fixed = applyEdits(text, edits);
  const since = client.notifications.length;
  client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
  const q = await client.waitFor(
    'textDocument/publishDiagnostics',
    (x) => x.uri === uri && x.version === 2,
    10000,
    since,
  );
  const codes = q.diagnostics.map((d: Diagnostic) => d.code);
  assert.ok(!codes.includes('MP160'), codes.join(' '));
  assert.equal(codes.filter((c: string) => c === 'MP161').length, lines.length);
  return { warned, fixed };
}

test('hack/lib/golang.sh: each KUBE_SUPPORTED_*_PLATFORMS array without the target is warned, hovered, fixed', async () => {
  const uri = 'file:///w/k8s/hack/lib/golang.sh';
  const text = fixture('hack/lib/golang.sh');
  const { warned, fixed } = await openAndFix(uri, 'shellscript', text, [5, 13, 23]);
  assert.match(
    warned[0].message,
    /^KUBE_SUPPORTED_SERVER_PLATFORMS builds linux\/amd64 .*, not linux\/mips64le: add it\.$/,
  );
  const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: warned[0].range.start });
  assert.match(hover.contents.value, /cross-builds the server binaries for/);
  assert.match(fixed, /linux\/ppc64le\n {2}linux\/mips64le\n {2}windows\/amd64/);
});

test('a GitHub workflow keeps its YAML reading and gains the platform lists', async () => {
  const uri = 'file:///w/app/.github/workflows/images.yaml';
  const { fixed } = await openAndFix(uri, 'yaml', fixture('.github/workflows/images.yaml'), [9, 14, 19, 23, 28]);
  assert.match(fixed, /platforms: linux\/amd64, linux\/arm64, linux\/mips64le\n/);
  assert.match(fixed, /arch: \[amd64, arm64, ppc64le, mips64le\]/);
});

test('a Makefile opened in the editor: ALL_ARCH warned with its list, and a one-arch ARCH left alone', async () => {
  const uri = 'file:///w/img/Makefile';
  const text = 'ARCH ?= amd64\nALL_ARCH ?= amd64 arm arm64 ppc64le s390x\n';
  const { warned, fixed } = await openAndFix(uri, 'makefile', text, [1]);
  assert.equal(warned[0].message, 'ALL_ARCH builds amd64 arm arm64 ppc64le s390x, not mips64le: add it.');
  assert.equal(fixed, 'ARCH ?= amd64\nALL_ARCH ?= amd64 arm arm64 ppc64le s390x mips64le\n');
});
