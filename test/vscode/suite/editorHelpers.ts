// What both in-editor suites use: the workspace's files, the extension's diagnostics and hovers.
import * as vscode from 'vscode';

export const EXT_ID = 'mips-port.mips-port';
export const ws = () => vscode.workspace.workspaceFolders![0].uri;
export const file = (...p: string[]) => vscode.Uri.joinPath(ws(), ...p);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

/** The extension's diagnostics for `uri` once `pred` holds. `goToo`: also the Go check's, whose source says
 *  which check made them (`mips-port (go, GOARCH=mips64le …)`). */
export async function diagnosticsFor(
  uri: vscode.Uri,
  pred: (d: vscode.Diagnostic[]) => boolean,
  o: { ms?: number; goToo?: boolean } = {},
): Promise<vscode.Diagnostic[]> {
  const end = Date.now() + (o.ms ?? 30000);
  const ours = (x: vscode.Diagnostic) => (o.goToo ? !!x.source?.startsWith('mips-port') : x.source === 'mips-port');
  for (;;) {
    const d = vscode.languages.getDiagnostics(uri).filter(ours);
    if (pred(d)) return d;
    if (Date.now() > end)
      throw new Error(
        `diagnostics for ${uri.fsPath}: ${JSON.stringify(d.map((x) => [codeOf(x), x.message.slice(0, 60)]))}`,
      );
    await sleep(200);
  }
}

/** The hover's text at `at`, every part joined. */
export async function hoverText(uri: vscode.Uri, at: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}
