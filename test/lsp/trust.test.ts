// Workspace Trust as any LSP client meets it: an editor that says nothing about trust gets verdicts, their
// lenses and the fixes that edit, but no lens or fix whose command would start a program (a build, QEMU
// registration, a base image); once it says `mipsPort/didChangeTrust {trusted: true}` the server asks for
// the lenses again and offers them.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../helpers/lspClient';
import { tempDir } from '../helpers/tempDirs';

// What a lens or fix may name in an untrusted workspace: it informs, opens a fix list, a file or a setting.
const HARMLESS = new Set(['', 'mipsPort.chooseFix', 'mipsPort.setMirror', 'mipsPort.showDocument']);

const work = tempDir('mips-port-lsp-trust-');
after(() => {
  LspClient.killAll();
  fs.rmSync(work, { recursive: true, force: true });
});

type Cmd = { command: string; arguments?: unknown[] } | undefined;

test('an editor that says nothing about trust gets no run lens or fix until it trusts the workspace', async () => {
  // kitten's base is built by the agnhost folder beside it (a "Build ../agnhost first" fix); alpine has a
  // Debian replacement (a "Create a Debian base" fix) and the Dockerfile a "Build for" lens
  fs.mkdirSync(path.join(work, 'agnhost'));
  fs.mkdirSync(path.join(work, 'kitten'));
  fs.writeFileSync(path.join(work, 'agnhost/Dockerfile'), 'FROM debian:bookworm-20260713-slim\n');
  const file = path.join(work, 'kitten/Dockerfile');
  const text = 'FROM alpine:3.10 AS tools\nFROM registry.k8s.io/e2e-test-images/agnhost:2.47\n';
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;

  const c = new LspClient();
  c.configuration = { mipsPort: { offline: true } };
  // the options the VS Code client sends, without `trusted` (the helper's default is a trusted workspace)
  await c.initialize(
    { workspace: { configuration: true, codeLens: { refreshSupport: true } } },
    { clientCommands: true, trusted: undefined },
    [work],
  );
  c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  await c.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.diagnostics.length > 0);

  const offers = async () => {
    const lenses: { command: Cmd }[] = await c.request('textDocument/codeLens', { textDocument: { uri } });
    const actions: { title: string; command?: Cmd; edit?: unknown }[] = await c.request('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } },
      context: { diagnostics: [] },
    });
    return {
      lensCommands: lenses.map((l) => l.command?.command ?? ''),
      actionCommands: actions.flatMap((a) => (a.command ? [a.command.command] : [])),
      edits: actions.filter((a) => a.edit).map((a) => a.title),
    };
  };

  const untrusted = await offers();
  const said = JSON.stringify(untrusted);
  // the verdicts still have their lenses (alpine's opens its fixes) and the swaps still edit
  assert.deepEqual(untrusted.lensCommands, ['mipsPort.chooseFix', ''], said);
  assert.ok(
    untrusted.edits.some((t) => /debian:bookworm/.test(t)),
    said,
  );
  for (const x of [...untrusted.lensCommands, ...untrusted.actionCommands])
    assert.ok(HARMLESS.has(x), `untrusted workspace offered ${x}: ${said}`);

  const since = c.notifications.length;
  c.notify('mipsPort/didChangeTrust', { trusted: true });
  await c.waitFor('workspace/codeLens/refresh', () => true, 10000, since);
  const trusted = await offers();
  const now = JSON.stringify(trusted);
  assert.ok(trusted.lensCommands.includes('mipsPort.buildCurrent'), now);
  assert.ok(trusted.actionCommands.includes('mipsPort.createDebianBase'), now);
  const build = (await c.request('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 1, character: 5 }, end: { line: 1, character: 5 } },
    context: { diagnostics: [] },
  })) as { title: string; command?: Cmd }[];
  const first = build.find((a) => a.command?.command === 'mipsPort.buildCurrent');
  assert.equal(first?.title, 'Build ../agnhost for linux/mips64le first', now);
  assert.deepEqual(first?.command?.arguments, [pathToFileURL(path.join(work, 'agnhost/Dockerfile')).href]);
  await c.shutdown();
});
