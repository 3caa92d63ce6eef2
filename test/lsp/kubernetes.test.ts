import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { LspClient } from '../helpers/lspClient';
import { FIXTURES } from '../helpers/paths';
import { applyEdits } from '../../server/src/core/fixes/editText';
import { tempDir } from '../helpers/tempDirs';

let client: LspClient;
const K8S = path.join(FIXTURES, 'k8s');

before(async () => {
  client = new LspClient();
  client.configuration = {
    mipsPort: {
      offline: true,
      localImagePrefixes: ['registry.example.com/cke/'],
      kubeTestRepoList: path.join(K8S, 'repo-list.yaml'),
    },
  };
  await client.initialize({ workspace: { configuration: true } });
});
after(async () => {
  await client.shutdown();
  LspClient.killAll();
});

function open(file: string, languageId: string, uri = 'file://' + file): { uri: string; text: string } {
  const text = fs.readFileSync(file, 'utf8');
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  return { uri, text };
}

test('manifest.go: diagnostics on version strings (with the repo-list override), summary lens, hover with the full reference', async () => {
  const { uri, text } = open(path.join(K8S, 'manifest', 'current', 'manifest.go'), 'go');
  const p = await client.waitFor('textDocument/publishDiagnostics', (x) => x.uri === uri);
  const agnhost = p.diagnostics.find((d: { message: string }) => /agnhost/.test(d.message));
  assert.ok(agnhost, JSON.stringify(p.diagnostics.map((d: { message: string }) => d.message)));
  const line = text.split('\n')[agnhost.range.start.line];
  assert.equal(line.slice(agnhost.range.start.character, agnhost.range.end.character), '2.47');
  assert.equal(agnhost.data.image, 'registry.example.com/library/cke/agnhost:2.47');
  assert.ok(p.diagnostics.some((d: { code: string; severity: number }) => d.code === 'MP108' && d.severity === 3));
  const lenses = await client.request('textDocument/codeLens', { textDocument: { uri } });
  assert.equal(lenses.length, 1);
  assert.equal(lenses[0].command.title, 'mips64le: 0 of 6 images available · 0 missing · 6 unknown or not checked');
  const h = await client.request('textDocument/hover', { textDocument: { uri }, position: agnhost.range.start });
  assert.match(h.contents.value, /Entry `Agnhost` resolves to `registry\.example\.com\/library\/cke\/agnhost:2\.47`/);
});

test('BASEIMAGE: the quick fix adds the target line, and the warning goes away', async () => {
  const file = path.join(K8S, 'baseimage', 'no-target', 'BASEIMAGE');
  const { uri, text } = open(file, 'plaintext');
  const p = await client.waitFor('textDocument/publishDiagnostics', (x) => x.uri === uri);
  const warn = p.diagnostics.find((d: { code: string }) => d.code === 'MP109');
  assert.ok(warn);
  const actions = await client.request('textDocument/codeAction', {
    textDocument: { uri },
    range: warn.range,
    context: { diagnostics: [warn] },
  });
  assert.equal(actions.length, 1);
  assert.equal(actions[0].kind, 'quickfix');
  assert.equal(actions[0].isPreferred, true);
  const fixed = applyEdits(text, actions[0].edit.changes[uri]);
  assert.match(fixed, /\nlinux\/mips64le=debian:bookworm-\d{8}-slim\n/);
  const since = client.notifications.length;
  client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
  const q = await client.waitFor(
    'textDocument/publishDiagnostics',
    (x) => x.uri === uri && x.version === 2,
    10000,
    since,
  );
  assert.deepEqual(
    q.diagnostics.map((d: { code: string }) => d.code),
    ['MP100'],
  );
  const h = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 15 } });
  assert.match(h.contents.value, /for `linux\/amd64`/);
});

test('Kubernetes YAML: exact ranges, pull-policy quick fix', async () => {
  const { uri, text } = open(path.join(K8S, 'deploy.yaml'), 'yaml');
  const p = await client.waitFor('textDocument/publishDiagnostics', (x) => x.uri === uri);
  const nginx = p.diagnostics.find(
    (d: { code: string; message: string }) => d.code === 'MP101' && /nginx/.test(d.message),
  );
  const line = text.split('\n')[nginx.range.start.line];
  assert.equal(line.slice(nginx.range.start.character, nginx.range.end.character), 'nginx:1.24-alpine');
  const pull = p.diagnostics.find((d: { code: string }) => d.code === 'MP111');
  const actions = await client.request('textDocument/codeAction', {
    textDocument: { uri },
    range: pull.range,
    context: { diagnostics: [pull] },
  });
  assert.equal(actions[0].title, 'Set imagePullPolicy: IfNotPresent');
  const fixed = applyEdits(text, actions[0].edit.changes[uri]);
  assert.equal((fixed.match(/IfNotPresent/g) ?? []).length, 1);
  // lenses only on images that need action: none on an available one, one on each of the others
  const lenses = await client.request('textDocument/codeLens', { textDocument: { uri } });
  const lensLines = lenses.map((l: { range: { start: { line: number } } }) => l.range.start.line).sort();
  const verdictLines = (codes: string[]) =>
    p.diagnostics
      .filter((d: { code: string }) => codes.includes(d.code))
      .map((d: { range: { start: { line: number } } }) => d.range.start.line);
  assert.ok(verdictLines(['MP100']).length > 0, 'the fixture has an available image');
  assert.deepEqual(lensLines, [...new Set(verdictLines(['MP101', 'MP102', 'MP104']))].sort());
});

test('Compose files and Helm templates', async () => {
  const c = open(path.join(K8S, 'compose.yaml'), 'dockercompose');
  const p = await client.waitFor('textDocument/publishDiagnostics', (x) => x.uri === c.uri);
  assert.ok(
    p.diagnostics.some((d: { code: string; message: string }) => d.code === 'MP100' && /arm64/.test(d.message)),
  );
  const h = open(path.join(K8S, 'helm-deployment.yaml'), 'helm');
  const q = await client.waitFor('textDocument/publishDiagnostics', (x) => x.uri === h.uri);
  assert.deepEqual(
    q.diagnostics.map((d: { code: string }) => d.code),
    ['MP110'],
  );
});

test('a Dockerfile takes $BASEIMAGE from the BASEIMAGE file beside it, and follows edits to that file', async () => {
  const dir = path.join(K8S, 'legacy-image');
  const df = open(path.join(dir, 'Dockerfile'), 'dockerfile');
  const first = await client.waitFor('textDocument/publishDiagnostics', (x) => x.uri === df.uri);
  assert.deepEqual(
    first.diagnostics.map((d: { code: string }) => d.code),
    ['MP104'],
  );
  // the Problems entry is one sentence; the rest of it is in the hover
  assert.ok(first.diagnostics[0].message.length <= 120);
  const why = await client.request('textDocument/hover', {
    textDocument: { uri: df.uri },
    position: first.diagnostics[0].range.start,
  });
  assert.match(why.contents.value, /BASEIMAGE file beside this Dockerfile, which has no mips64le= line/);
  // the porter adds the target line in the (unsaved) BASEIMAGE buffer: the Dockerfile follows it
  const bi = open(path.join(dir, 'BASEIMAGE'), 'plaintext');
  const since = client.notifications.length;
  client.notify('textDocument/didChange', {
    textDocument: { uri: bi.uri, version: 2 },
    contentChanges: [{ text: `${bi.text}mips64le=alpine:3.8\n` }],
  });
  const missing = await client.waitFor(
    'textDocument/publishDiagnostics',
    (x) => x.uri === df.uri && x.diagnostics.some((d: { code: string }) => d.code === 'MP101'),
    10000,
    since,
  );
  const d = missing.diagnostics.find((x: { code: string }) => x.code === 'MP101');
  assert.match(d.message, /^alpine:3\.8 \(from BASEIMAGE's mips64le line\) has no mips64le image — use /);
  const h = await client.request('textDocument/hover', { textDocument: { uri: df.uri }, position: d.range.start });
  assert.match(h.contents.value, /BASEIMAGE = alpine:3\.8, from the mips64le line/);
  const since2 = client.notifications.length;
  client.notify('textDocument/didChange', {
    textDocument: { uri: bi.uri, version: 3 },
    contentChanges: [{ text: `${bi.text}mips64le=debian:bookworm-20260713-slim\n` }],
  });
  const ok = await client.waitFor(
    'textDocument/publishDiagnostics',
    (x) => x.uri === df.uri && x.diagnostics.some((z: { code: string }) => z.code === 'MP100'),
    10000,
    since2,
  );
  assert.ok(!ok.diagnostics.some((z: { code: string }) => z.code === 'MP101'));
  // closing the unsaved buffer goes back to the file on disk
  const since3 = client.notifications.length;
  client.notify('textDocument/didClose', { textDocument: { uri: bi.uri } });
  const back = await client.waitFor(
    'textDocument/publishDiagnostics',
    (x) => x.uri === df.uri && x.diagnostics.some((z: { code: string }) => z.code === 'MP104'),
    10000,
    since3,
  );
  assert.ok(back);
});

test('a BASEIMAGE file saved on disk (watched-file event) re-checks the open Dockerfile beside it', async () => {
  const dir = tempDir('mips-port-watch-');
  fs.writeFileSync(path.join(dir, 'BASEIMAGE'), 'linux/amd64=alpine:3.12\n');
  fs.writeFileSync(path.join(dir, 'Dockerfile'), 'ARG BASEIMAGE\nFROM $BASEIMAGE\n');
  const df = open(path.join(dir, 'Dockerfile'), 'dockerfile');
  await client.waitFor(
    'textDocument/publishDiagnostics',
    (x) => x.uri === df.uri && x.diagnostics.some((d: { code: string }) => d.code === 'MP104'),
  );
  fs.writeFileSync(
    path.join(dir, 'BASEIMAGE'),
    'linux/amd64=alpine:3.12\nlinux/mips64le=debian:bookworm-20260713-slim\n',
  );
  const since = client.notifications.length;
  client.notify('workspace/didChangeWatchedFiles', {
    changes: [{ uri: 'file://' + path.join(dir, 'BASEIMAGE'), type: 2 }],
  });
  const p = await client.waitFor(
    'textDocument/publishDiagnostics',
    (x) => x.uri === df.uri && x.diagnostics.some((d: { code: string }) => d.code === 'MP100'),
    10000,
    since,
  );
  assert.match(p.diagnostics[0].message, /debian:bookworm-20260713-slim is available/);
  fs.rmSync(dir, { recursive: true, force: true });
});
