// The VS Code extension: starts the mips-port language server (server/out/server.js) over IPC
// and passes the mipsPort.* settings and a cache folder. The server does the work.
import * as path from 'node:path';
import { commands, ExtensionContext, window, workspace } from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'dockerfile' },
      { scheme: 'file', pattern: '**/{Dockerfile,Containerfile,*.Dockerfile,*.dockerfile,Dockerfile.*,Containerfile.*}' },
      { scheme: 'file', pattern: '**/manifest.go' },
      { scheme: 'file', pattern: '**/BASEIMAGE' },
      { language: 'yaml' },
      { language: 'dockercompose' },
    ],
    synchronize: { configurationSection: 'mipsPort' },
    initializationOptions: {
      settings: workspace.getConfiguration('mipsPort'),
      cacheDir: path.join(context.globalStorageUri.fsPath, 'cache'),
    },
  };
  client = new LanguageClient('mipsPort', 'MIPS Port', serverOptions, clientOptions);
  context.subscriptions.push(client);
  context.subscriptions.push(commands.registerCommand('mipsPort.refreshAvailability', async () => {
    const r = await client?.sendRequest<{ removed: number } | null>('workspace/executeCommand', { command: 'mipsPort.clearCache', arguments: [] });
    void window.setStatusBarMessage(`MIPS Port: cleared ${r?.removed ?? 0} cached registry answers`, 4000);
  }));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
