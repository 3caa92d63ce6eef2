// A huge document does not stop the server: while 10,000 Compose services are analysed, a hover on a
// small Dockerfile is answered before the big file's diagnostics come; and an edit made during that
// analysis stops it, so only the newer version's diagnostics are published. Order, not time, is asserted.
// Past a thousand problems the editor gets the most severe thousand and one that counts the rest.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../helpers/lspClient';
import { tempDir } from '../helpers/tempDirs';

const SERVICES = 10_000;
const compose = (n: number) =>
  `services:\n${Array.from({ length: n }, (_, i) => `  s${i}:\n    image: nginx:1.${i % 30}\n`).join('')}`;
const big = compose(SERVICES);
// the edit test's document takes seconds to analyse, so a client slowed by a busy machine still sends its
// edit while the analysis is under way
const bigger = compose(4 * SERVICES);
let client: LspClient;
let dir: string;
let small: string;

before(async () => {
  dir = tempDir('mips-port-large-');
  client = new LspClient();
  // settings from the initialization options: no workspace/configuration round trip before an analysis
  await client.initialize({}, { settings: { offline: true } });
  small = pathToFileURL(path.join(dir, 'small.Dockerfile')).href;
  client.notify('textDocument/didOpen', {
    textDocument: { uri: small, languageId: 'dockerfile', version: 1, text: 'FROM alpine:3.18\n' },
  });
  await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === small, 30000);
});

after(async () => {
  await client.shutdown();
  LspClient.killAll();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a hover on a small document is answered while a huge one is being analysed', async () => {
  const uri = pathToFileURL(path.join(dir, 'a', 'compose.yaml')).href;
  const order: string[] = [];
  const since = client.notifications.length;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockercompose', version: 1, text: big } });
  const diagnostics = client
    .waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri, 300000, since)
    .then((p) => {
      order.push('big diagnostics');
      return p;
    });
  const hover = await client.request('textDocument/hover', {
    textDocument: { uri: small },
    position: { line: 0, character: 6 },
  });
  order.push('hover');
  assert.match(JSON.stringify(hover), /alpine/);
  const p = await diagnostics;
  assert.deepEqual(order, ['hover', 'big diagnostics']);
  // the editor shows the first thousand problems and says how many more the file has
  assert.equal(p.diagnostics.length, 1001);
  assert.equal(p.diagnostics.filter((d: { code?: string }) => d.code === 'MP101').length, 1000);
  assert.match(p.diagnostics[1000].message, /^9,000 more problems in this file are not shown .* lists all 10,000\.$/);
  // and lenses on the first thousand images that need action, the first lens counting them all
  const lenses = (await client.request('textDocument/codeLens', { textDocument: { uri } })) as {
    command?: { title: string };
  }[];
  assert.equal(lenses.length, 1001);
  assert.match(lenses[0].command?.title ?? '', /^Lenses on the first 1,000 of \d{1,2},\d{3} images that need action/);
});

test('an edit made while a huge document is analysed stops that analysis: only the new version is published', async () => {
  const uri = pathToFileURL(path.join(dir, 'b', 'compose.yaml')).href;
  const since = client.notifications.length;
  client.notify('textDocument/didOpen', {
    textDocument: { uri, languageId: 'dockercompose', version: 1, text: bigger },
  });
  // answered between two slices of that analysis: it is under way when the edit comes
  await client.request('textDocument/hover', { textDocument: { uri: small }, position: { line: 0, character: 6 } });
  client.notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ text: 'services:\n  web:\n    image: nginx:1.14-alpine\n' }],
  });
  const p = await client.waitFor('textDocument/publishDiagnostics', (x) => x.uri === uri, 300000, since);
  assert.equal(p.version, 2, 'the first diagnostics published are the edited version');
  assert.equal(p.diagnostics.length, 1);
});
