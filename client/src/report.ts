// The porting report: the CLI renders it (same code as `mips-port report`); the editor shows the
// Markdown preview and exports any format.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { commands, ExtensionContext, Uri, window, workspace } from 'vscode';
import { IMAGES_VIEW } from '../../server/src/shared/protocol';
import { settingsToFlags } from '../../server/src/shared/settingsFlags';
import { cliPath, settingsValues } from './buildTasks';

export function renderReport(context: ExtensionContext, format: string): Promise<string> {
  const folders = (workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const scope = workspace.workspaceFolders?.[0]?.uri;
  // the same flags the diagnostics' settings map to: build args, repo list and mirrors included
  const args = [
    cliPath(context),
    'report',
    ...folders,
    '--format',
    format,
    ...settingsToFlags(settingsValues(scope), 'report'),
  ];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      {
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        cwd: folders[0],
        maxBuffer: 64 * 1024 * 1024,
        timeout: 300000,
      },
      (err, stdout, stderr) => {
        if (stdout) resolve(stdout);
        else reject(new Error(stderr || (err?.message ?? 'no output')));
      },
    );
  });
}

export async function showReport(context: ExtensionContext): Promise<void> {
  const md = await window.withProgress({ location: { viewId: IMAGES_VIEW }, title: 'Porting report' }, () =>
    renderReport(context, 'md'),
  );
  // the report names files relative to the workspace folder; the preview's file lives in the extension's
  // storage, so its links ("used in") are made relative to that (the preview opens them at the line;
  // it does not follow file: URIs)
  const root = workspace.workspaceFolders?.[0]?.uri;
  const storage = context.globalStorageUri.fsPath;
  const linked = root
    ? md.replace(/\]\(([^)\s:]+)#L(\d+)\)/g, (_, f: string, line: string) => {
        const target = path.join(root.fsPath, decodeURI(f));
        const rel = path.relative(storage, target).split(path.sep).join('/');
        return `](${encodeURI(rel)}#L${line})`;
      })
    : md;
  const file = Uri.file(path.join(storage, 'porting-report.md'));
  await workspace.fs.createDirectory(context.globalStorageUri);
  await workspace.fs.writeFile(file, Buffer.from(linked));
  await commands.executeCommand('markdown.showPreview', file);
}

export async function exportReport(context: ExtensionContext): Promise<void> {
  const formats = [
    { label: 'Markdown', f: 'md', ext: 'md' },
    { label: 'HTML', f: 'html', ext: 'html' },
    { label: 'CSV', f: 'csv', ext: 'csv' },
    { label: 'JSON', f: 'json', ext: 'json' },
    { label: 'SARIF', f: 'sarif', ext: 'sarif' },
  ];
  const pick = await window.showQuickPick(formats, { title: 'Export the porting report as' });
  if (!pick) return;
  const folder = workspace.workspaceFolders?.[0]?.uri;
  const target = await window.showSaveDialog({
    defaultUri: folder ? Uri.joinPath(folder, `porting-report.${pick.ext}`) : undefined,
    filters: { [pick.label]: [pick.ext] },
  });
  if (!target) return;
  const text = await renderReport(context, pick.f);
  await workspace.fs.writeFile(target, Buffer.from(text));
  const pick2 = await window.showInformationMessage(
    `MIPS Port: report written to ${workspace.asRelativePath(target)}`,
    'Open',
    'Reveal in file explorer',
  );
  if (pick2 === 'Open') await commands.executeCommand('vscode.open', target);
  else if (pick2) await commands.executeCommand('revealFileInOS', target);
}
