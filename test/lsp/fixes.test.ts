import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../helpers/lspClient';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyEdits } from '../../server/src/core/fixes/editText';
import { TextEdit } from '../../server/src/core/types';
import { WorkspaceImages, WorkspaceImagesRequest } from '../../server/src/shared/protocol';
import { tempDir, tempTree } from '../helpers/tempDirs';

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

const TEXT =
  'FROM alpine:3.12 AS base\nRUN apk add --no-cache curl bind-tools \\\n    && adduser -D app\nENV GOARCH=amd64\n';

test('quick fix on a missing base: preferred fix swaps the base and ports apk; applying it clears the error', async () => {
  const uri = 'file:///w/fix/Dockerfile';
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: TEXT } });
  const p = await client.waitFor('textDocument/publishDiagnostics', (x) => x.uri === uri);
  const missing = p.diagnostics.find((d: { code: string }) => d.code === 'MP101');
  const actions = await client.request('textDocument/codeAction', {
    textDocument: { uri },
    range: missing.range,
    context: { diagnostics: [missing] },
  });
  const preferred = actions.filter((a: { isPreferred?: boolean }) => a.isPreferred);
  assert.equal(preferred.length, 1);
  assert.match(preferred[0].title, /^Use debian:bookworm-\d{8}-slim and port apk commands to apt-get$/);
  const fixed = applyEdits(TEXT, preferred[0].edit.changes[uri]);
  assert.match(fixed, /apt-get install -y --no-install-recommends curl dnsutils/);
  assert.match(fixed, /useradd --create-home app/);
  const since = client.notifications.length;
  client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
  const q = await client.waitFor(
    'textDocument/publishDiagnostics',
    (x) => x.uri === uri && x.version === 2,
    10000,
    since,
  );
  const codes = q.diagnostics.map((d: { code: string }) => d.code);
  assert.ok(!codes.includes('MP101'));
  assert.ok(codes.includes('MP100'));
  assert.ok(codes.includes('MP120'), 'the GOARCH warning is still there: it has its own fix');
});

test('source action "Port this Dockerfile" applies every preferred fix at once', async () => {
  const uri = 'file:///w/port/Dockerfile';
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: TEXT } });
  await client.waitFor('textDocument/publishDiagnostics', (x) => x.uri === uri);
  const actions = await client.request('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source'] },
  });
  assert.equal(actions.length, 1);
  assert.equal(actions[0].kind, 'source.mipsPort.port');
  assert.match(actions[0].title, /^Port this Dockerfile to linux\/mips64le \(2 fixes\)$/);
  const fixed = applyEdits(TEXT, actions[0].edit.changes[uri]);
  assert.match(fixed, /^FROM debian:bookworm-\d{8}-slim AS base\nARG TARGETARCH\n/);
  assert.match(fixed, /ENV GOARCH=\$\{TARGETARCH\}/);
  const since = client.notifications.length;
  client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
  const q = await client.waitFor(
    'textDocument/publishDiagnostics',
    (x) => x.uri === uri && x.version === 2,
    10000,
    since,
  );
  assert.deepEqual(
    q.diagnostics.filter((d: { severity: number }) => d.severity <= 2),
    [],
  );
});

test('"Replace in all uses" sends one workspace edit with each use\'s own fix, an ARG default where it is set', async () => {
  const files: Record<string, string> = {
    'a/Dockerfile': 'FROM alpine:3.12\nRUN apk add --no-cache curl\n',
    'b/Dockerfile': 'FROM alpine:3.12 AS one\nFROM alpine:3.12\n',
    'c/Dockerfile': 'ARG BASE=alpine:3.12\nFROM $BASE\n',
    'compose.yaml': 'services:\n  web:\n    image: alpine:3.12\n  db:\n    image: redis:7\n',
  };
  const dir = tempTree('mips-port-replace-', files);
  const c = new LspClient();
  c.configuration = { mipsPort: { offline: true } };
  await c.initialize({ workspace: { configuration: true, applyEdit: true } }, undefined, [dir]);
  try {
    const r = await c.request('workspace/executeCommand', {
      command: 'mipsPort.replaceImage',
      arguments: ['alpine:3.12', 'debian:bookworm-20260713-slim'],
    });
    const sent = c.notifications.find((n) => n.method === 'workspace/applyEdit');
    assert.ok(sent, 'no workspace/applyEdit');
    assert.match(sent.params.label, /Replace alpine:3\.12 with debian:bookworm-20260713-slim/);
    const changes = sent.params.edit.changes as Record<string, TextEdit[]>;
    const after = (n: string) => applyEdits(files[n], changes[pathToFileURL(path.join(dir, n)).href] ?? []);
    // the Dockerfile gets the quick fix's port, not only a new name
    assert.match(after('a/Dockerfile'), /^FROM debian:bookworm-20260713-slim\nRUN apt-get update && apt-get install/);
    assert.equal(
      after('b/Dockerfile'),
      'FROM debian:bookworm-20260713-slim AS one\nFROM debian:bookworm-20260713-slim\n',
    );
    assert.match(after('compose.yaml'), /image: debian:bookworm-20260713-slim\n {2}db:\n {4}image: redis:7/);
    assert.equal(r.applied, true);
    assert.equal(r.files, 4);
    // the ARG default is changed by the Dockerfile's own fix; nothing else is touched in c
    assert.match(after('c/Dockerfile'), /^ARG BASE=debian:bookworm-20260713-slim\nFROM \$BASE\n$/);
  } finally {
    await c.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an apt stage: the quick fix, the hover, the images view and "Replace in all uses" all put apt that works first', async () => {
  const dir = tempDir('mips-port-aptrank-');
  // nginx:1.24 is bullseye, whose apt fails for mips64el; nginx:1.25 is bookworm
  const text = 'FROM nginx:1.24-alpine\nRUN apk add --no-cache curl\n';
  fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
  const uri = pathToFileURL(path.join(dir, 'Dockerfile')).href;
  const c = new LspClient();
  c.configuration = { mipsPort: { offline: true } };
  await c.initialize({ workspace: { configuration: true, applyEdit: true } }, undefined, [dir]);
  try {
    c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
    const p = await c.waitFor('textDocument/publishDiagnostics', (x) => x.uri === uri);
    const missing = p.diagnostics.find((d: { code: string }) => d.code === 'MP101');
    const actions = await c.request('textDocument/codeAction', {
      textDocument: { uri },
      range: missing.range,
      context: { diagnostics: [missing] },
    });
    const preferred = actions.find((a: { isPreferred?: boolean }) => a.isPreferred);
    assert.equal(preferred?.title, 'Use nginx:1.25 and port apk commands to apt-get');
    const hover = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 7 } });
    const md: string = hover.contents.value;
    assert.ok(md.indexOf('`nginx:1.25`') < md.indexOf('`nginx:1.24`'), md);
    assert.match(md, /`nginx:1\.24` — [^\n]*Debian bullseye: apt fails/);
    const view = (await c.request(WorkspaceImagesRequest.method, null)) as WorkspaceImages;
    const first = view.images.find((i) => i.name === 'nginx:1.24-alpine')?.suggestions[0];
    assert.equal(first?.name, 'nginx:1.25');
    await c.request('workspace/executeCommand', {
      command: 'mipsPort.replaceImage',
      arguments: ['nginx:1.24-alpine', first.image],
    });
    const sent = c.notifications.find((n) => n.method === 'workspace/applyEdit');
    const edits = (sent?.params.edit.changes as Record<string, TextEdit[]>)[uri] ?? [];
    assert.match(applyEdits(text, edits), /^FROM nginx:1\.25\nRUN apt-get update && apt-get install/);
  } finally {
    await c.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
