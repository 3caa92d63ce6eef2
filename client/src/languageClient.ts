// The language client: starts the mips-port language server (server/out/server.js) over IPC with the
// mipsPort.* settings, a cache folder and the Workspace Trust state.
import * as path from 'node:path';
import { ExtensionContext, LogOutputChannel, workspace } from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { documentSelector } from '../../server/src/shared/documentFiles';

export function createLanguageClient(context: ExtensionContext, log: LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  // BASEIMAGE files saved on disk change the $BASEIMAGE of the Dockerfile beside them
  const baseimageWatcher = workspace.createFileSystemWatcher('**/BASEIMAGE');
  context.subscriptions.push(baseimageWatcher);
  const clientOptions: LanguageClientOptions = {
    outputChannel: log,
    // files and unsaved buffers only: never git's read-only copies (scheme git:) or other virtual documents,
    // whose diagnostics would stay after the real file is fixed
    documentSelector: [
      ...documentSelector(),
      // the Go check: opened and saved .go files and go.mod (checked by the toolchain, per module)
      { scheme: 'file', language: 'go' },
      { scheme: 'file', pattern: '**/go.mod' },
    ],

    synchronize: { configurationSection: 'mipsPort', fileEvents: baseimageWatcher },
    initializationOptions: {
      settings: workspace.getConfiguration('mipsPort'),
      cacheDir: path.join(context.globalStorageUri.fsPath, 'cache'),
      clientCommands: true,
      // Restricted Mode: the server runs nothing, offers nothing that would, and uses no restricted setting
      // until trust is granted
      trusted: workspace.isTrusted,
    },
  };
  return new LanguageClient('mipsPort', 'MIPS Port', serverOptions, clientOptions);
}
