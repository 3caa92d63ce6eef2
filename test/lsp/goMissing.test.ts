// The Go check without a Go toolchain: the server runs with a PATH that has no `go`. It must say so once
// per server start in a window notice (with the install hint), and on each open file of the module (MP143),
// merged with what the document's own analysis found: never as if the check ran.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../helpers/lspClient';
import { FIXTURES } from '../helpers/paths';
import { tempDir } from '../helpers/tempDirs';

after(() => LspClient.killAll());

type Diag = { code: string; message: string; source: string };

test('no go on PATH: one window notice with the install hint, MP143 on each open file beside its analysis', async () => {
  const work = tempDir('mips-port-nogo-');
  const emptyBin = tempDir('mips-port-nogo-bin-');
  fs.writeFileSync(path.join(work, 'go.mod'), 'module example.com/images\n\ngo 1.19\n');
  const manifest = fs.readFileSync(path.join(FIXTURES, 'k8s', 'manifest', 'current', 'manifest.go'), 'utf8');
  fs.writeFileSync(path.join(work, 'manifest.go'), manifest);
  fs.writeFileSync(path.join(work, 'main.go'), 'package main\n\nfunc main() {}\n');
  const c = new LspClient(undefined, undefined, { PATH: emptyBin });
  c.configuration.mipsPort = { offline: true };
  await c.initialize(undefined, { trusted: true }, [work]);
  try {
    const open = (name: string, text: string) => {
      const uri = pathToFileURL(path.join(work, name)).href;
      c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text } });
      return uri;
    };
    const manifestUri = open('manifest.go', manifest);
    const merged = await c.waitFor(
      'textDocument/publishDiagnostics',
      // the Go note and the analysis arrive in either order; each publish carries every source so far
      (p) =>
        p.uri === manifestUri &&
        p.diagnostics.some((d: Diag) => d.code === 'MP143') &&
        p.diagnostics.some((d: Diag) => /^MP10[0-2]$/.test(d.code)),
      30000,
    );
    const codes = new Set(merged.diagnostics.map((d: Diag) => d.code));
    // the manifest's own image verdicts stay beside the Go note: one publisher, every source
    assert.ok(
      [...codes].some((x) => /^MP10[0-2]$/.test(String(x))),
      [...codes].join(' '),
    );
    const note = merged.diagnostics.find((d: Diag) => d.code === 'MP143');
    assert.match(
      note.message,
      /^Go check did not run: no go on PATH\. Debian: apt-get install golang-go, or set mipsPort\.go\.path\.$/,
    );
    assert.equal(note.severity, 3);
    assert.match(note.source, /^mips-port \(go, linux\/mips64le\)$/);

    // a second file of the same module says it too, and the window notice is not repeated
    const mainUri = open('main.go', 'package main\n\nfunc main() {}\n');
    const second = await c.waitFor(
      'textDocument/publishDiagnostics',
      (p) => p.uri === mainUri && p.diagnostics.length > 0,
      30000,
    );
    assert.deepEqual(
      second.diagnostics.map((d: Diag) => d.code),
      ['MP143'],
    );
    const notices = c.notifications.filter(
      (n) => /^window\/showMessage/.test(n.method) && /Go check not run/.test(n.params.message),
    );
    assert.equal(notices.length, 1, JSON.stringify(notices));
    assert.match(notices[0].params.message, /apt-get install golang-go.*Or set mipsPort\.go\.path to the go binary/);
  } finally {
    await c.shutdown();
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(emptyBin, { recursive: true, force: true });
  }
});
