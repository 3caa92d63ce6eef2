import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../helpers/lspClient';
import { checkEmulation } from '../../server/src/core/build/binfmt';
import { platform } from '../helpers/engine';

const URI = 'file:///work/app/Dockerfile';
let client: LspClient;

before(async () => {
  client = new LspClient();
  client.configuration = { mipsPort: { platform: 'linux/mips64le', offline: true } };
  const init = await client.initialize();
  assert.equal(init.serverInfo.name, 'mips-port');
});
after(async () => {
  await client.shutdown();
  LspClient.killAll();
});

function open(uri: string, text: string, version = 1, languageId = 'dockerfile'): void {
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
}

test('initialize advertises hover, code lens and incremental sync', async () => {
  const c = new LspClient();
  c.configuration = { mipsPort: { offline: true } };
  const init = await c.initialize();
  assert.equal(init.capabilities.hoverProvider, true);
  assert.ok(init.capabilities.codeLensProvider);
  assert.equal(init.capabilities.textDocumentSync.change, 2);
  await c.shutdown();
});

test('didOpen publishes diagnostics for every FROM with source, code and doc link', async () => {
  const since = client.notifications.length;
  open(URI, 'FROM alpine:3.10 AS base\nFROM debian:bookworm-20260713-slim\nCOPY --from=base /x /x\n');
  const p = await client.waitFor('textDocument/publishDiagnostics', (x) => x.uri === URI, 10000, since);
  assert.equal(p.version, 1);
  const missing = p.diagnostics.find((d: { code: string }) => d.code === 'MP101');
  assert.ok(missing, JSON.stringify(p.diagnostics));
  assert.equal(missing.source, 'mips-port');
  assert.equal(missing.severity, 1);
  assert.deepEqual(missing.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 16 } });
  assert.match(missing.codeDescription.href, /#mp101$/);
  assert.match(missing.message, /^alpine:3\.10 has no mips64le image — use debian:bookworm-\d{8}-slim\./);
  const ok = p.diagnostics.find((d: { code: string }) => d.code === 'MP100');
  assert.equal(ok.severity, 4);
  assert.equal(ok.range.start.line, 1);
});

test('hover explains the verdict and what to use instead', async () => {
  const h = await client.request('textDocument/hover', {
    textDocument: { uri: URI },
    position: { line: 0, character: 8 },
  });
  assert.equal(h.contents.kind, 'markdown');
  assert.match(h.contents.value, /\*\*missing\*\* for `linux\/mips64le`/);
  assert.match(h.contents.value, /Use instead/);
  assert.match(h.contents.value, /debian:bookworm-\d{8}-slim/);
  assert.match(h.contents.value, /source: knowledge-base/);
  // the diagnostic (shown above the hover) is one sentence; the hover says why, once
  assert.equal(h.contents.value.match(/never been built/g)?.length, 1, h.contents.value);
  const frozen = await client.request('textDocument/hover', {
    textDocument: { uri: URI },
    position: { line: 1, character: 10 },
  });
  assert.match(frozen.contents.value, /Frozen since 2026-08-04/);
  const none = await client.request('textDocument/hover', {
    textDocument: { uri: URI },
    position: { line: 2, character: 1 },
  });
  assert.equal(none, null);
});

test('code lens above each FROM', async () => {
  const lenses = await client.request('textDocument/codeLens', { textDocument: { uri: URI } });
  const titles = lenses.map((l: { command: { title: string } }) => l.command.title);
  assert.equal(titles.length, 2);
  assert.match(titles[0], /^mips64le: missing · \d replacements?$/);
  assert.equal(titles[1], 'mips64le: available (frozen since 2026-08-04)');
  assert.equal(lenses[0].range.start.line, 0);
});

test('didChange re-publishes for the newest version only', async () => {
  const uri = 'file:///work/app2/Dockerfile';
  open(uri, 'FROM alpine:3.10\n');
  await client.waitFor('textDocument/publishDiagnostics', (x) => x.uri === uri);
  const since = client.notifications.length;
  // two quick edits: the first must never be published over the second
  client.notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [
      { range: { start: { line: 0, character: 5 }, end: { line: 0, character: 16 } }, text: 'ubuntu:22.04' },
    ],
  });
  client.notify('textDocument/didChange', {
    textDocument: { uri, version: 3 },
    contentChanges: [{ text: 'FROM debian:bookworm-20260713-slim\n' }],
  });
  const p = await client.waitFor(
    'textDocument/publishDiagnostics',
    (x) => x.uri === uri && x.version === 3,
    10000,
    since,
  );
  assert.deepEqual(
    p.diagnostics.map((d: { code: string }) => d.code),
    ['MP100'],
  );
  await new Promise((r) => setTimeout(r, 400));
  const later = client.notifications
    .slice(since)
    .filter((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri);
  assert.deepEqual(
    later.map((n) => n.params.version),
    [3],
  );
});

test('didClose clears the diagnostics', async () => {
  const uri = 'file:///work/app3/Dockerfile';
  open(uri, 'FROM alpine:3.10\n');
  await client.waitFor('textDocument/publishDiagnostics', (x) => x.uri === uri);
  const since = client.notifications.length;
  client.notify('textDocument/didClose', { textDocument: { uri } });
  const p = await client.waitFor('textDocument/publishDiagnostics', (x) => x.uri === uri, 5000, since);
  assert.deepEqual(p.diagnostics, []);
});

test('the target platform comes from workspace/configuration and changes take effect', async () => {
  const c = new LspClient();
  c.configuration = { mipsPort: { platform: 'linux/arm64', offline: true } };
  await c.initialize();
  const uri = 'file:///w/Dockerfile';
  c.notify('textDocument/didOpen', {
    textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM debian:bookworm-slim\n' },
  });
  const p = await c.waitFor('textDocument/publishDiagnostics', (x) => x.uri === uri);
  assert.deepEqual(
    p.diagnostics.map((d: { code: string }) => d.code),
    ['MP100'],
  );
  const since = c.notifications.length;
  c.configuration = { mipsPort: { platform: 'mips64el', offline: true } };
  c.notify('workspace/didChangeConfiguration', { settings: { mipsPort: { platform: 'mips64el', offline: true } } });
  const q = await c.waitFor('textDocument/publishDiagnostics', (x) => x.uri === uri, 10000, since);
  assert.deepEqual(
    q.diagnostics.map((d: { code: string }) => d.code),
    ['MP101'],
  );
  await c.shutdown();
});

test('a bad platform setting is reported once and the default is used', async () => {
  const c = new LspClient();
  c.configuration = { mipsPort: { platform: 'linux/sparc64', offline: true } };
  await c.initialize();
  const uri = 'file:///w2/Dockerfile';
  c.notify('textDocument/didOpen', {
    textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM alpine:3.10\n' },
  });
  const msg = await c.waitFor('window/showMessageRequest');
  assert.match(msg.message, /unknown platform "linux\/sparc64"/);
  const p = await c.waitFor('textDocument/publishDiagnostics', (x) => x.uri === uri);
  assert.match(p.diagnostics[0].message, /mips64le/);
  await c.shutdown();
});

test('settings from initializationOptions when the client has no configuration support', async () => {
  const c = new LspClient();
  await c.initialize({}, { settings: { platform: 'linux/riscv64', offline: true } });
  const uri = 'file:///w3/Dockerfile';
  c.notify('textDocument/didOpen', {
    textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM alpine:latest\n' },
  });
  const p = await c.waitFor('textDocument/publishDiagnostics', (x) => x.uri === uri);
  assert.deepEqual(
    p.diagnostics.map((d: { code: string; message: string }) => d.code),
    ['MP100'],
  );
  assert.match(p.diagnostics[0].message, /riscv64/);
  await c.shutdown();
});

test('garbage documents produce no crash and the server keeps serving', async () => {
  const uri = 'file:///work/garbage/Dockerfile';
  const garbage = Buffer.from(Array.from({ length: 20000 }, (_, i) => (i * 31 + 7) % 256)).toString('latin1');
  open(uri, garbage);
  await client.waitFor('textDocument/publishDiagnostics', (x) => x.uri === uri);
  const uri2 = 'file:///work/after/Dockerfile';
  open(uri2, 'FROM alpine:3.10\n');
  const p = await client.waitFor('textDocument/publishDiagnostics', (x) => x.uri === uri2);
  assert.equal(p.diagnostics[0].code, 'MP101');
  assert.equal(client.proc.exitCode, null);
});

test('files named like Dockerfiles are analysed whatever the language id', async () => {
  const uri = 'file:///work/x/app.Dockerfile';
  open(uri, 'FROM alpine:3.10\n', 1, 'plaintext');
  const p = await client.waitFor('textDocument/publishDiagnostics', (x) => x.uri === uri);
  assert.equal(p.diagnostics[0].code, 'MP101');
});

test('requests before initialize get ServerNotInitialized, after shutdown InvalidRequest (LSP lifecycle)', async () => {
  const c = new LspClient();
  const hover = { textDocument: { uri: URI }, position: { line: 0, character: 6 } };
  await assert.rejects(c.request('textDocument/hover', hover), (e: Error & { code?: number }) => e.code === -32002);
  c.configuration = { mipsPort: { offline: true } };
  await c.initialize();
  assert.equal(await c.request('textDocument/hover', hover), null);
  await c.request('shutdown', null);
  await assert.rejects(c.request('textDocument/hover', hover), (e: Error & { code?: number }) => e.code === -32600);
  await c.shutdown();
});

test('documents of other schemes (git:, virtual copies) get no diagnostics, hover or lens', async () => {
  const uri = 'git:/work/app/Dockerfile.git?%7B%22ref%22%3A%22~%22%7D';
  open(uri, 'FROM alpine:3.10\n');
  const file = 'file:///work/app/other/Dockerfile';
  open(file, 'FROM alpine:3.10\n');
  const d = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === file);
  assert.ok(d.diagnostics.length > 0);
  assert.ok(
    !client.notifications.some(
      (n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && n.params.diagnostics.length > 0,
    ),
  );
  assert.equal(
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 6 } }),
    null,
  );
  assert.deepEqual(await client.request('textDocument/codeLens', { textDocument: { uri } }), []);
});

test('"Set up QEMU" is offered above a Dockerfile only while emulation for the target is not registered', async () => {
  for (const target of ['linux/mips64le', 'linux/riscv64']) {
    const c = new LspClient();
    c.configuration = { mipsPort: { platform: target, offline: true } };
    await c.initialize(undefined, { clientCommands: true });
    const uri = `file:///work/qemu-${target.replace('/', '-')}/Dockerfile`;
    c.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM debian:bookworm-20260713-slim\n' },
    });
    await c.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri);
    const titles = (await c.request('textDocument/codeLens', { textDocument: { uri } })).map(
      (l: { command: { title: string } }) => l.command.title,
    );
    const registered = checkEmulation(platform(target)).ok;
    assert.equal(
      titles.some((t: string) => /Set up QEMU/.test(t)),
      !registered,
      `${target} (${registered ? 'registered' : 'not registered'}): ${titles.join(' | ')}`,
    );
    assert.ok(titles.some((t: string) => /Build for/.test(t)));
    await c.shutdown();
  }
});

test("a verdict lens with replacements opens them (chooseFix with the use's range); an available one only informs", async () => {
  const c = new LspClient();
  c.configuration = { mipsPort: { offline: true } };
  await c.initialize(undefined, { clientCommands: true });
  const uri = 'file:///work/lens-click/Dockerfile';
  const text = 'FROM alpine:3.12 AS build\nFROM debian:bookworm-20260713-slim\n';
  c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  await c.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri);
  const lenses = await c.request('textDocument/codeLens', { textDocument: { uri } });
  const onLine = (n: number) =>
    lenses.filter(
      (l: { range: { start: { line: number } }; command: { command: string } }) => l.range.start.line === n,
    );
  const missing = onLine(0).find((l: { command: { command: string } }) => l.command.command === 'mipsPort.chooseFix');
  assert.ok(missing, JSON.stringify(lenses));
  assert.equal(missing.command.arguments[0], uri);
  assert.deepEqual(missing.command.arguments[1], { start: { line: 0, character: 5 }, end: { line: 0, character: 16 } });
  assert.ok(!onLine(1).some((l: { command: { command: string } }) => l.command.command === 'mipsPort.chooseFix'));
  await c.shutdown();
});

test('an unreachable registry is told once per session, not on every document', async () => {
  const c = new LspClient();
  c.configuration = {
    mipsPort: { offline: false, registryMirrors: { 'docker.io': 'http://127.0.0.1:9' }, registryTimeoutSeconds: 2 },
  };
  await c.initialize();
  for (const n of [1, 2, 3]) {
    const uri = `file:///work/unreachable-${n}/Dockerfile`;
    c.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text: `FROM alpine:3.1${n}\n` },
    });
    // the second publish comes after the registry was asked
    await c.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri);
  }
  await c.waitFor('mipsPort/registryUnreachable', () => true, 15000);
  await new Promise((r) => setTimeout(r, 1500));
  const told = c.notifications.filter((n) => n.method === 'mipsPort/registryUnreachable');
  assert.equal(told.length, 1, JSON.stringify(told));
  assert.match(told[0].params.message, /127\.0\.0\.1:9/);
  await c.shutdown();
});
