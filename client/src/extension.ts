// The VS Code extension: starts the mips-port language server and registers the commands, tasks, the
// images view and the status bar. Analysis lives in the server; builds run the same CLI as a terminal
// would. Each part is in its own module; this one wires them and gives tests their handle.
import { commands, ExtensionContext, Task, tasks, window } from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { CLIENT_COMMANDS } from '../../server/src/shared/protocol';
import { registerBaseCommand } from './baseCommand';
import { registerBuildCommands } from './buildCommands';
import { buildTask, MipsPortTaskDefinition, MipsPortTaskProvider } from './buildTasks';
import { registerChooseFix } from './chooseFix';
import { registerCliTerminal } from './cliTerminal';
import { registerImageActions } from './imageActions';
import { ImagesView } from './imagesView';
import { createLanguageClient } from './languageClient';
import { serveImages } from './mirrorCommand';
import { registerSetupQemu } from './qemuSetup';
import { registerSetMirror } from './registryNotice';
import { exportReport, showReport } from './report';
import { registerSettingCommands } from './settingCommands';
import { currentPlatform } from './targetPlatform';
import { registerViewAndStatus } from './viewAndStatus';
import { forwardTrust } from './workspaceTrust';

let client: LanguageClient | undefined;

/** What tests (and other extensions) may ask of the running extension. */
export interface MipsPortApi {
  client: () => LanguageClient | undefined;
  images: ImagesView;
  /** The task a build of this definition runs (what the build commands execute). */
  buildTask: (def: MipsPortTaskDefinition) => Task;
}

export async function activate(context: ExtensionContext): Promise<MipsPortApi> {
  // one log for the server's messages (level follows VS Code's log level) and the extension's own
  const log = window.createOutputChannel('MIPS Port', { log: true });
  context.subscriptions.push(log);
  client = createLanguageClient(context, log);
  context.subscriptions.push(client);
  const current = () => client;
  const view = registerViewAndStatus(client, log);
  context.subscriptions.push(
    view.disposable,
    commands.registerCommand(CLIENT_COMMANDS.showReport, () => showReport(context)),
    commands.registerCommand(CLIENT_COMMANDS.exportReport, () => exportReport(context)),
    commands.registerCommand(CLIENT_COMMANDS.serveImages, () => serveImages(context)),
    registerCliTerminal(context),
    tasks.registerTaskProvider('mips-port', new MipsPortTaskProvider(context)),
    registerBuildCommands(context, current),
    registerBaseCommand(context),
    registerSetupQemu(current, currentPlatform),
    forwardTrust(current),
    registerSetMirror(),
  );
  registerSettingCommands(context, currentPlatform);
  registerImageActions(context);
  registerChooseFix(context);
  await client.start();
  void view.images.refresh();
  return { client: current, images: view.images, buildTask: (def) => buildTask(context, def) };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
