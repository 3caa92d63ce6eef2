// "Open a terminal with the mips-port CLI": the CLI a Marketplace user has lives in the extension's own
// folder (bin/), not on PATH and not in any npm registry. The terminal gets that folder first on PATH and
// the editor's Node for it (MIPS_PORT_NODE); both come from the install, nothing from the workspace.
import * as path from 'node:path';
import { CLIENT_COMMANDS } from '../../server/src/shared/protocol';
import { commands, Disposable, ExtensionContext, Terminal, TerminalOptions, window, workspace } from 'vscode';

export function cliTerminalOptions(context: ExtensionContext): TerminalOptions {
  const bin = context.asAbsolutePath('bin');
  const folder = workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return {
    name: 'mips-port',
    cwd: folder?.uri,
    env: { PATH: [bin, process.env.PATH ?? ''].join(path.delimiter), MIPS_PORT_NODE: process.execPath },
  };
}

export function registerCliTerminal(context: ExtensionContext): Disposable {
  return commands.registerCommand(CLIENT_COMMANDS.openCliTerminal, (): Terminal => {
    const t = window.createTerminal(cliTerminalOptions(context));
    t.show();
    return t;
  });
}
