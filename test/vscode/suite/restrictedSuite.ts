/// <reference types="mocha" />
// The extension in an untrusted workspace (Restricted Mode) whose .vscode/settings.json sets restricted
// settings (a registry mirror, Go flags): knowledge-base verdicts and hovers work, nothing is run and the
// workspace's registry setting is not used; once the user trusts the folder, its settings take effect.
// The runner serves the mirror (it logs every request to MIPS_PORT_VSCODE_MIRROR_LOG) and clicks Trust.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { MipsPortApi } from '../../../client/src/extension';
import { codeOf, diagnosticsFor, EXT_ID, file, hoverText, sleep } from './editorHelpers';

const mirrorLog = () => {
  const log = process.env.MIPS_PORT_VSCODE_MIRROR_LOG ?? '';
  return fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
};

/** Asks the runner (which drives the browser) for something and waits for its `.done` mark. */
async function askRunner(what: string, target: string): Promise<void> {
  console.log(`MIPS-PORT-${what} ${target}`);
  const end = Date.now() + 30000;
  while (!fs.existsSync(`${target}.done`) && Date.now() < end) await sleep(200);
  assert.ok(fs.existsSync(`${target}.done`), `the runner did ${what}`);
}

/** `go` processes started under this extension host (its language server's children). */
function goProcessesUnderUs(): string[] {
  const parent = new Map<number, number>();
  const names = new Map<number, string>();
  for (const n of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(n)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${n}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      names.set(Number(n), stat.slice(stat.indexOf('(') + 1, close));
      parent.set(Number(n), Number(stat.slice(close + 2).split(' ')[1]));
    } catch {
      /* gone */
    }
  }
  const under = (pid: number): boolean => {
    for (let p = parent.get(pid); p && p > 1; p = parent.get(p)) if (p === process.pid) return true;
    return false;
  };
  return [...names]
    .filter(([pid, name]) => /^(go|compile|vet|cgo)$/.test(name) && under(pid))
    .map(([p, n]) => `${p} ${n}`);
}

describe('mips-port in Restricted Mode (an untrusted workspace)', () => {
  let api: MipsPortApi;

  before(async () => {
    const ext = vscode.extensions.getExtension<MipsPortApi>(EXT_ID);
    assert.ok(ext, `${EXT_ID} is installed`);
    api = await ext.activate();
  });

  it('opens the workspace untrusted, and the extension runs in it (limited support)', () => {
    assert.equal(vscode.workspace.isTrusted, false);
    assert.ok(vscode.extensions.getExtension(EXT_ID)?.isActive);
    assert.ok(api.client());
    // VS Code itself withholds the restricted settings from the workspace
    const written = JSON.parse(fs.readFileSync(file('.vscode', 'settings.json').fsPath, 'utf8'));
    assert.ok(written['mipsPort.registryMirrors']?.['docker.io'], 'the workspace does set a mirror');
    assert.deepEqual(vscode.workspace.getConfiguration('mipsPort').get('registryMirrors'), {});
  });

  it('gives knowledge-base verdicts and hovers', async () => {
    const uri = file('nginx', 'Dockerfile');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const d = await diagnosticsFor(uri, (x) => x.some((y) => codeOf(y) === 'MP101'), { goToo: true });
    const missing = d.find((y) => codeOf(y) === 'MP101')!;
    assert.match(missing.message, /^nginx:1\.24-alpine has no mips64le image — use nginx:1\.25 or nginx:1\.24\.$/);
    const text = await hoverText(uri, missing.range.start);
    assert.match(text, /\*\*missing\*\* for `linux\/mips64le`/);
    assert.match(text, /Use instead/);
    // the replacement fix is an edit: it works untrusted
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      missing.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    assert.ok(actions.some((a) => a.isPreferred && a.edit));
  });

  it('runs nothing: no Go check, no build lens, fix or task', async () => {
    const go = file('gomod', 'main.go');
    // kept open (not a preview a later file replaces): trust must start its check
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(go), { preview: false });
    for (let i = 0; i < 16; i++) {
      assert.deepEqual(goProcessesUnderUs(), [], 'a go process under the extension host');
      await sleep(500);
    }
    assert.deepEqual(
      vscode.languages.getDiagnostics(go).filter((d) => /^MP14\d$/.test(codeOf(d))),
      [],
    );
    const uri = file('nginx', 'Dockerfile');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(
      titles.some((t) => /^mips64le: missing/.test(t)),
      titles.join(' | '),
    );
    assert.deepEqual(
      lenses.map((l) => l.command?.command).filter((c) => c === 'mipsPort.buildCurrent' || c === 'mipsPort.setupQemu'),
      [],
    );
    let started = 0;
    const sub = vscode.tasks.onDidStartTask(() => started++);
    try {
      await vscode.commands.executeCommand('mipsPort.buildCurrent', uri);
      await sleep(2000);
    } finally {
      sub.dispose();
    }
    assert.equal(started, 0, 'a build task started in Restricted Mode');
  });

  it("does not use the workspace's registry mirror", async () => {
    const uri = file('app', 'Dockerfile');
    await vscode.workspace.openTextDocument(uri);
    await diagnosticsFor(uri, (x) => x.some((y) => /^MP10[0-2]$/.test(codeOf(y))), { goToo: true });
    await sleep(3000);
    assert.deepEqual(mirrorLog(), []);
    await askRunner('SCREENSHOT', path.join(process.env.MIPS_PORT_VSCODE_SHOTS ?? '', 'restricted-mode.png'));
  });

  it("once trusted, the workspace's settings take effect: its mirror is asked and the Go check runs", async function () {
    // the Go check compiles for mips64le: more than mocha's minute on a cold build cache
    this.timeout(180000);
    const granted = new Promise<void>((resolve) => vscode.workspace.onDidGrantWorkspaceTrust(() => resolve()));
    await vscode.commands.executeCommand('workbench.trust.manage');
    await sleep(1500);
    await askRunner('TRUST', path.join(process.env.MIPS_PORT_VSCODE_SHOTS ?? '', 'trust'));
    await granted;
    assert.equal(vscode.workspace.isTrusted, true);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    // the server, told of the grant, offers the build lens it withheld
    const nginx = file('nginx', 'Dockerfile');
    let lensCommands: (string | undefined)[] = [];
    for (const until = Date.now() + 15000; Date.now() < until; await sleep(300)) {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', nginx);
      lensCommands = lenses.map((l) => l.command?.command);
      if (lensCommands.includes('mipsPort.buildCurrent')) break;
    }
    assert.ok(lensCommands.includes('mipsPort.buildCurrent'), lensCommands.join(' | '));
    assert.deepEqual(vscode.workspace.getConfiguration('mipsPort').get('registryMirrors'), {
      'docker.io': process.env.MIPS_PORT_VSCODE_MIRROR_URL,
    });
    const end = Date.now() + 30000;
    while (!mirrorLog().some((l) => /\/v2\//.test(l)) && Date.now() < end) await sleep(300);
    assert.ok(
      mirrorLog().some((l) => /\/v2\//.test(l)),
      `the mirror was asked: ${mirrorLog().join(', ')}`,
    );
    // the Go check runs for the module of the open .go file: what fails for mips64le is reported
    const go = file('gomod', 'main.go');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(go), { preview: false });
    await diagnosticsFor(go, (x) => x.some((y) => codeOf(y) === 'MP140'), { ms: 120000, goToo: true });
  });
});
