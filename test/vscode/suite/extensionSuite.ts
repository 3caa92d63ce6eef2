/// <reference types="mocha" />
// The extension in a real VS Code: activation, diagnostics, hover, quick fix, commands, tasks,
// the images view, the CLI terminal, and screenshots of what a user sees. The code-server runner installs
// the packed .vsix and names its folder in MIPS_PORT_VSCODE_INSTALLED; a new check is one more `it` here.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { MipsPortApi } from '../../../client/src/extension';
import { codeOf, diagnosticsFor, EXT_ID, file, hoverText, sleep, ws } from './editorHelpers';
import { checkEmulation } from '../../../server/src/core/build/binfmt';
import { parsePlatform } from '../../../server/src/core/platform';
import { DATA_FILE_VERDICTS } from '../../helpers/dataFiles';
import { contributedSettings } from '../../helpers/packageSettings';

/** Asks the runner (which drives the browser) for a screenshot named `name` beside the main one. */
async function screenshot(name: string): Promise<void> {
  const main = process.env.MIPS_PORT_VSCODE_SCREENSHOT;
  if (!main) return;
  const shot = path.join(path.dirname(main), name);
  console.log(`MIPS-PORT-SCREENSHOT ${shot}`);
  const end = Date.now() + 30000;
  while (!fs.existsSync(`${shot}.done`) && Date.now() < end) await sleep(200);
  assert.ok(fs.existsSync(shot), `the runner saved ${name}`);
}

describe('mips-port in VS Code', () => {
  let api: MipsPortApi;

  before(async () => {
    const ext = vscode.extensions.getExtension<MipsPortApi>(EXT_ID);
    assert.ok(ext, `${EXT_ID} is installed`);
    api = await ext.activate();
  });

  it('is the extension installed from the .vsix, not the development folder', function () {
    const installed = process.env.MIPS_PORT_VSCODE_INSTALLED;
    if (!installed) this.skip(); // the electron runner loads the development folder on purpose
    const at = fs.realpathSync(vscode.extensions.getExtension(EXT_ID)!.extensionPath);
    assert.equal(at, fs.realpathSync(installed));
  });

  for (const v of DATA_FILE_VERDICTS)
    it(`gives the verdict that needs ${v.dataFile} (${v.file}, offline)`, async () => {
      const uri = file(...v.file.split('/'));
      await vscode.workspace.openTextDocument(uri);
      const match = (d: vscode.Diagnostic) =>
        codeOf(d) === v.ruleId && v.message.test(d.message) && (v.line === undefined || d.range.start.line === v.line);
      const d = await diagnosticsFor(uri, (x) => x.some(match));
      const hit = d.find(match);
      assert.ok(hit);
      if (v.detail) {
        // the Problems line is one sentence; the facts from the data file are in the hover
        assert.match(await hoverText(uri, hit.range.start), v.detail);
      }
    });

  it("opens a terminal whose mips-port is the extension's own CLI", async () => {
    const ext = vscode.extensions.getExtension(EXT_ID)!;
    const terminal = await vscode.commands.executeCommand<vscode.Terminal>('mipsPort.openCliTerminal');
    try {
      const env = (terminal.creationOptions as vscode.TerminalOptions).env ?? {};
      assert.equal(env.PATH?.split(path.delimiter)[0], path.join(ext.extensionPath, 'bin'));
      // typed in the terminal as a user would: the scan's JSON lands in a file of the workspace
      const out = file('cli-terminal.json');
      terminal.sendText('mips-port scan --offline --no-cache --format json busybox > cli-terminal.json');
      const end = Date.now() + 40000; // under mocha's 60 s, so a slow shell fails here with what it wrote
      let findings: { ruleId: string; message: string }[] | undefined;
      while (!findings && Date.now() < end) {
        await sleep(500);
        try {
          findings = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(out)).toString()).findings;
        } catch {
          /* not written yet */
        }
      }
      const busybox = DATA_FILE_VERDICTS.find((x) => x.file === 'busybox/Dockerfile')!;
      assert.ok(
        findings?.some((f) => f.ruleId === 'MP101' && busybox.message.test(f.message)),
        JSON.stringify(findings),
      );
    } finally {
      terminal.dispose();
    }
  });

  it('activates and starts the language server', async () => {
    assert.ok(vscode.extensions.getExtension(EXT_ID)?.isActive);
    assert.ok(api.client(), 'language client exists');
  });

  it('publishes diagnostics on a Dockerfile, with code and link', async () => {
    const uri = file('nginx', 'Dockerfile');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const d = await diagnosticsFor(uri, (x) => x.some((y) => codeOf(y) === 'MP101'));
    const missing = d.find((y) => codeOf(y) === 'MP101')!;
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(missing.range.start.line, 0);
    // its stage runs apt: nginx:1.25 (bookworm) before nginx:1.24 (bullseye, whose apt fails for mips64el)
    assert.match(missing.message, /^nginx:1\.24-alpine has no mips64le image — use nginx:1\.25 or nginx:1\.24/);
    assert.ok(typeof missing.code === 'object' && /rules\.md#mp101/.test(String(missing.code.target)));
  });

  it('publishes diagnostics on manifest.go', async () => {
    const uri = file('k8s', 'manifest.go');
    await vscode.workspace.openTextDocument(uri);
    const d = await diagnosticsFor(uri, (x) => x.some((y) => codeOf(y) === 'MP101'));
    assert.ok(d.some((y) => /pause/.test(y.message)));
  });

  it('shows the verdict and replacements on hover', async () => {
    const uri = file('nginx', 'Dockerfile');
    const text = await hoverText(uri, new vscode.Position(0, 8));
    assert.match(text, /\*\*missing\*\* for `linux\/mips64le`/);
    assert.match(text, /Use instead/);
    // each alternative says its Debian suite and whether its apt works, the working one first
    assert.match(
      text,
      /- `nginx:1\.25` — [^\n]* · Debian bookworm: apt works\n- `nginx:1\.24` — [^\n]* · Debian bullseye: apt fails/,
    );
  });

  it('applies the preferred quick fix: new base and apt-get', async () => {
    const uri = file('nginx', 'Dockerfile');
    const doc = await vscode.workspace.openTextDocument(uri);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      new vscode.Range(0, 5, 0, 22),
      vscode.CodeActionKind.QuickFix.value,
    );
    const preferred = actions.find((a) => a.isPreferred);
    assert.ok(preferred, actions.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(preferred.edit!));
    assert.match(
      doc.getText(),
      /^FROM nginx:1\.25\nRUN apt-get update && apt-get install -y --no-install-recommends curl dnsutils/,
    );
    await diagnosticsFor(uri, (x) => !x.some((y) => codeOf(y) === 'MP101'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('offers build from code lenses, and QEMU set-up only while emulation is not registered', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      file('nginx', 'Dockerfile'),
    );
    const commands = lenses.map((l) => l.command?.command);
    assert.ok(commands.includes('mipsPort.buildCurrent'));
    const target = parsePlatform('linux/mips64le');
    assert.ok(target.ok);
    const registered = checkEmulation(target.platform).ok;
    assert.equal(commands.includes('mipsPort.setupQemu'), !registered, `emulation registered: ${registered}`);
    assert.ok(lenses.some((l) => /^mips64le: missing · \d replacements?$/.test(l.command?.title ?? '')));
  });

  it('registers every contributed command', async () => {
    const pkg = JSON.parse(
      fs.readFileSync(path.join(vscode.extensions.getExtension(EXT_ID)!.extensionPath, 'package.json'), 'utf8'),
    );
    const all = new Set(await vscode.commands.getCommands(true));
    for (const c of pkg.contributes.commands as { command: string }[]) assert.ok(all.has(c.command), c.command);
  });

  it('provides a build task with the right argument list', async () => {
    const tasks = await vscode.tasks.fetchTasks({ type: 'mips-port' });
    const t = tasks.find((x) => (x.definition as { all?: boolean }).all);
    assert.ok(t, 'a workspace build task');
    const exec = t.execution as vscode.ProcessExecution;
    const args = exec.args.map(String);
    assert.match(args[0], /server[\\/]out[\\/]cli\.js$/);
    assert.deepEqual(args.slice(1, 4), ['build', '--all', ws().fsPath]);
    assert.deepEqual(args.slice(4, 6), ['--platform', 'linux/mips64le']);
    assert.deepEqual(t.problemMatchers, ['$mips-port-build']);
  });

  it('shows the hover and the quick-fix menu (screenshots)', async () => {
    const uri = file('nginx', 'Dockerfile');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await diagnosticsFor(uri, (x) => x.some((y) => codeOf(y) === 'MP101'));
    editor.selection = new vscode.Selection(0, 8, 0, 8);
    await vscode.commands.executeCommand('editor.action.showHover');
    await sleep(1500);
    await screenshot('hover.png');
    await vscode.commands.executeCommand('editor.action.quickFix');
    await sleep(1500);
    await screenshot('quick-fix-menu.png');
    await vscode.commands.executeCommand('hideSuggestWidget');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  it('documents of other schemes (a read-only copy) get no diagnostics; the file: document does', async () => {
    const text = (await vscode.workspace.openTextDocument(file('nginx', 'Dockerfile'))).getText();
    const reg = vscode.workspace.registerTextDocumentContentProvider('mips-port-copy', {
      provideTextDocumentContent: () => text,
    });
    try {
      const copy = vscode.Uri.parse('mips-port-copy:/nginx/Dockerfile');
      const doc = await vscode.workspace.openTextDocument(copy);
      await vscode.languages.setTextDocumentLanguage(doc, 'dockerfile');
      await vscode.window.showTextDocument(doc, { preview: false });
      // the real file has its error by now; give the copy the same time to (not) get one
      await diagnosticsFor(file('nginx', 'Dockerfile'), (x) => x.some((y) => codeOf(y) === 'MP101'));
      await sleep(3000);
      assert.deepEqual(
        vscode.languages.getDiagnostics(copy).filter((d) => d.source === 'mips-port'),
        [],
      );
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', copy);
      assert.equal(lenses.length, 0, 'no lens on a read-only copy');
    } finally {
      reg.dispose();
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  it('hides view-only commands from the palette and runs what the palette shows', async () => {
    const pkg = JSON.parse(
      fs.readFileSync(path.join(vscode.extensions.getExtension(EXT_ID)!.extensionPath, 'package.json'), 'utf8'),
    );
    const hidden = new Set(
      (pkg.contributes.menus.commandPalette as { command: string; when: string }[])
        .filter((m) => m.when === 'false')
        .map((m) => m.command),
    );
    const viewOnly = [
      'mipsPort.refreshImages',
      'mipsPort.toggleAvailable',
      'mipsPort.replaceInAllUses',
      'mipsPort.applySuggestion',
      'mipsPort.copyReference',
      'mipsPort.openOnRegistry',
      'mipsPort.buildImageUse',
      'mipsPort.chooseFix',
    ];
    for (const c of viewOnly) assert.ok(hidden.has(c), `${c} shows in the palette`);
    // one category, and no two palette titles where one is the start of another (typing one ran the other)
    const shown = (pkg.contributes.commands as { command: string; title: string; category: string }[]).filter(
      (c) => !hidden.has(c.command),
    );
    for (const c of shown) assert.equal(c.category, 'MIPS Port', c.command);
    for (const a of shown)
      for (const b of shown)
        if (a !== b) assert.ok(!b.title.toLowerCase().startsWith(a.title.toLowerCase()), `${a.title} / ${b.title}`);
  });

  it('the verdict lens opens the fixes, and the images view says what the diagnostics say', async () => {
    const uri = file('nginx', 'Dockerfile');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const verdict = lenses.find((l) => /^mips64le: missing/.test(l.command?.title ?? ''));
    assert.equal(verdict?.command?.command, 'mipsPort.chooseFix');
    const d = await diagnosticsFor(uri, (x) => x.some((y) => codeOf(y) === 'MP101'));
    const image = (await api.images.refresh())?.images.find((i) => i.image === 'docker.io/library/nginx:1.24-alpine');
    assert.equal(image?.status, 'missing');
    assert.ok(d.some((y) => codeOf(y) === 'MP101' && y.severity === vscode.DiagnosticSeverity.Error));
    assert.ok(image?.uses.some((u) => u.uri === uri.toString() && u.line === 0));
  });

  it('a failing build task files its problem under the real Dockerfile and line', async () => {
    const dockerfile = file('needs-arg', 'Dockerfile');
    await vscode.workspace.fs.writeFile(dockerfile, Buffer.from('# base from CI\nARG BASE\nFROM $BASE\n'));
    // the task the "Build current image" command runs for this file
    const task = api.buildTask({ type: 'mips-port', dockerfile: dockerfile.fsPath, platform: 'linux/mips64le' });
    const ended = new Promise<number | undefined>((resolve) => {
      const sub = vscode.tasks.onDidEndTaskProcess((e) => {
        if (e.execution.task.name === task.name) {
          sub.dispose();
          resolve(e.exitCode);
        }
      });
    });
    await vscode.tasks.executeTask(task);
    assert.equal(await ended, 2);
    const d = await diagnosticsFor(dockerfile, (x) => x.some((y) => /FROM needs --build-arg BASE/.test(y.message)));
    const p = d.find((y) => /FROM needs/.test(y.message))!;
    assert.equal(p.range.start.line, 2);
    assert.equal(p.severity, vscode.DiagnosticSeverity.Error);
  });

  it('lists the workspace images in the MIPS Porting view', async () => {
    const d = await api.images.refresh();
    assert.ok(d, 'the server answered');
    const names = d.images.map((i) => i.image);
    assert.ok(names.includes('docker.io/library/nginx:1.24-alpine'), names.join(', '));
    assert.ok(names.includes('registry.k8s.io/pause:3.9'));
    const groups = await api.images.getChildren();
    assert.deepEqual(
      groups.map((g) => (g as { status: string }).status),
      ['missing', 'unknown', 'unchecked', 'available'].filter((s) =>
        s === 'unchecked' ? d.unchecked.length > 0 : d.counts[s as 'missing'] > 0,
      ),
    );
    await vscode.commands.executeCommand('workbench.view.extension.mipsPort');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await sleep(1500);
    await screenshot('images-view.png');
  });

  it('shows the porting report (screenshot)', async () => {
    await vscode.commands.executeCommand('mipsPort.showReport');
    await sleep(2500);
    await screenshot('report.png');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('shows the squiggle and the Problems entry (screenshot)', async () => {
    const uri = file('nginx', 'Dockerfile');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await diagnosticsFor(uri, (x) => x.some((y) => codeOf(y) === 'MP101'));
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await sleep(1500);
    const shot = process.env.MIPS_PORT_VSCODE_SCREENSHOT;
    if (!shot) return;
    console.log(`MIPS-PORT-SCREENSHOT ${shot}`);
    const end = Date.now() + 30000;
    while (!fs.existsSync(`${shot}.done`) && Date.now() < end) await sleep(200);
    assert.ok(fs.existsSync(shot), 'the runner saved the screenshot');
  });
});

// The editor, third round: checks of what a user sees, kept in their own block so they merge easily.
describe('mips-port in VS Code: one-sentence problems, every image on screen', () => {
  let api: MipsPortApi;

  before(async () => {
    api = await vscode.extensions.getExtension<MipsPortApi>(EXT_ID)!.activate();
  });

  it('every Problems message is one sentence of at most 120 characters; the hover says why', async () => {
    const uri = file('nginx', 'Dockerfile');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const d = await diagnosticsFor(uri, (x) => x.some((y) => codeOf(y) === 'MP101'));
    const all = vscode.languages
      .getDiagnostics()
      .flatMap(([, ds]) => ds)
      .filter((x) => x.source === 'mips-port');
    assert.ok(all.length > 0);
    assert.deepEqual(
      all.filter((x) => x.message.length > 120).map((x) => x.message),
      [],
    );
    const missing = d.find((y) => codeOf(y) === 'MP101')!;
    assert.match(await hoverText(uri, missing.range.start), /Alpine/, 'the why is in the hover');
  });

  it('the view data lists what was not checked beside the images, and the status bar counts it', async () => {
    const d = await api.images.refresh();
    assert.ok(d && Array.isArray(d.unchecked));
    for (const u of d.unchecked) assert.ok(u.message.length <= 120 && u.uri && u.ruleId, JSON.stringify(u));
  });

  it('the platform picker marks the current platform (screenshot)', async () => {
    // the picker waits for a choice: shown, photographed, then closed
    void vscode.commands.executeCommand('mipsPort.selectPlatform');
    await sleep(1500);
    await screenshot('platform-picker.png');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  it("the walkthrough's steps show the screenshots this tier keeps (screenshot)", async () => {
    const ext = vscode.extensions.getExtension(EXT_ID)!;
    const steps = ext.packageJSON.contributes.walkthroughs[0].steps as { id: string; media: { markdown?: string } }[];
    for (const step of steps) {
      const md = fs.readFileSync(path.join(ext.extensionPath, step.media.markdown!), 'utf8');
      const image = /!\[[^\]]+\]\(([^)]+\.png)\)/.exec(md);
      assert.ok(image, `${step.id}: an image in ${step.media.markdown}`);
      // the installed extension holds it (packed into the .vsix)
      assert.ok(fs.existsSync(path.join(ext.extensionPath, path.dirname(step.media.markdown!), image[1])), image[1]);
    }
    await vscode.commands.executeCommand(
      'workbench.action.openWalkthrough',
      { category: `${EXT_ID}#mipsPort.start`, step: `${EXT_ID}#mipsPort.start#scan` },
      false,
    );
    await sleep(2500);
    await screenshot('walkthrough.png');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('settings put Platform and Offline first', () => {
    const props = contributedSettings(vscode.extensions.getExtension(EXT_ID)!.packageJSON);
    assert.equal(props['mipsPort.platform'].order, 0);
    assert.equal(props['mipsPort.offline'].order, 1);
    assert.ok(props['mipsPort.mirrorPresets'], 'the loong64 mirror preset setting is contributed');
  });
});
