// The VS Code extension: starts the mips-port language server (server/out/server.js) over IPC,
// passes the mipsPort.* settings and a cache folder, and registers the build commands and tasks.
// Analysis lives in the server; builds run the same CLI as a terminal would.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { commands, ExtensionContext, languages, Task, tasks, Uri, window, workspace } from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import {
  CLIENT_COMMANDS,
  DEFAULT_TARGET_PLATFORM,
  IMAGES_VIEW,
  SERVER_COMMANDS,
} from '../../server/src/shared/protocol';
import { runServerCommand } from './protocolClient';
import { documentSelector } from '../../server/src/shared/documentFiles';
import { buildPreflight } from './buildPreflight';
import {
  buildTask,
  cliPath,
  MipsPortTaskDefinition,
  MipsPortTaskProvider,
  runBaseTask,
  runBuildTask,
} from './buildTasks';
import { registerSetupQemu } from './qemuSetup';
import { ImagesView } from './imagesView';
import { registerImageActions } from './imageActions';
import { registerChooseFix } from './chooseFix';
import { registerSettingCommands } from './settingCommands';
import { listenForRegistryTrouble, registerSetMirror, unreachable } from './registryNotice';
import { createStatusBar, updateStatusBar } from './statusBar';
import { exportReport, showReport } from './report';
import { serveImages } from './mirrorCommand';
import { registerCliTerminal } from './cliTerminal';
import { forwardTrust, trustedOrSay } from './workspaceTrust';

let client: LanguageClient | undefined;

function currentPlatform(): string {
  return workspace.getConfiguration('mipsPort').get<string>('platform', DEFAULT_TARGET_PLATFORM);
}

function activeDockerfile(uri?: Uri): string | undefined {
  const u = uri ?? window.activeTextEditor?.document.uri;
  return u?.scheme === 'file' ? u.fsPath : undefined;
}

/** Build args the Dockerfile's FROM lines need and nobody gave: ask for them. */
async function askUnresolved(
  context: ExtensionContext,
  dockerfile: string,
): Promise<Record<string, string> | undefined> {
  const plan = await new Promise<{ unresolved: string[] } | undefined>((resolve) => {
    execFile(
      process.execPath,
      [cliPath(context), 'build', dockerfile, '--dry-run', '--platform', currentPlatform()],
      { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, timeout: 30000 },
      (err, stdout) => {
        try {
          resolve(JSON.parse(stdout));
        } catch {
          resolve(undefined);
        }
      },
    );
  });
  const args: Record<string, string> = {};
  for (const name of plan?.unresolved ?? []) {
    const v = await window.showInputBox({
      title: `Build argument ${name}`,
      prompt: `FROM uses $${name}, which has no default and no BASEIMAGE line for ${currentPlatform()}: which image?`,
      placeHolder: 'debian:bookworm-20260713-slim',
      ignoreFocusOut: true,
    });
    if (v === undefined) return undefined;
    args[name] = v;
  }
  return args;
}

/** The build context the mipsPort.buildContext setting asks for (undefined: the Dockerfile's folder; null: cancelled). */
async function buildContextFor(dockerfile: string): Promise<string | undefined | null> {
  const mode = workspace.getConfiguration('mipsPort', Uri.file(dockerfile)).get<string>('buildContext', 'dockerfile');
  if (mode === 'workspace') return workspace.getWorkspaceFolder(Uri.file(dockerfile))?.uri.fsPath;
  if (mode === 'ask') {
    const picked = await window.showOpenDialog({
      canSelectFolders: true,
      canSelectFiles: false,
      defaultUri: Uri.file(path.dirname(dockerfile)),
      openLabel: 'Use as build context',
    });
    return picked?.[0]?.fsPath ?? null;
  }
  return undefined;
}

async function buildCurrent(context: ExtensionContext, uri?: Uri | string, push = false): Promise<void> {
  if (!trustedOrSay(push ? 'pushing an image' : 'a build')) return;
  // a server fix names the file as a URI string (JSON), a menu passes a Uri
  const dockerfile = activeDockerfile(typeof uri === 'string' ? Uri.parse(uri) : uri);
  if (!dockerfile) {
    void window.showErrorMessage('MIPS Port: open a Dockerfile to build it.');
    return;
  }
  if (!(await buildPreflight(dockerfile, client, currentPlatform()))) return;
  const buildArgs = await askUnresolved(context, dockerfile);
  if (!buildArgs) return;
  const ctx = await buildContextFor(dockerfile);
  if (ctx === null) return;
  let join: string | undefined;
  if (push) {
    join = await window.showInputBox({
      title: 'Join a multi-platform tag (optional)',
      prompt:
        'Add the pushed image to this tag next to its other platforms (e.g. registry.example.com/cke/app:1.0); leave empty to skip.',
      ignoreFocusOut: true,
    });
    if (join === undefined) return;
  }
  await runBuildTask(context, {
    type: 'mips-port',
    dockerfile,
    buildArgs,
    push,
    join: join || undefined,
    platform: currentPlatform(),
    context: ctx,
  });
}

/** What tests (and other extensions) may ask of the running extension. */
export interface MipsPortApi {
  client: () => LanguageClient | undefined;
  images: ImagesView;
  /** The task a build of this definition runs (what the build commands execute). */
  buildTask: (def: MipsPortTaskDefinition) => Task;
}

export async function activate(context: ExtensionContext): Promise<MipsPortApi> {
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  // BASEIMAGE files saved on disk change the $BASEIMAGE of the Dockerfile beside them
  const baseimageWatcher = workspace.createFileSystemWatcher('**/BASEIMAGE');
  context.subscriptions.push(baseimageWatcher);
  // one log for the server's messages (level follows VS Code's log level) and the extension's own
  const log = window.createOutputChannel('MIPS Port', { log: true });
  context.subscriptions.push(log);
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
      // Restricted Mode: the server runs nothing and uses no restricted setting until trust is granted
      trusted: workspace.isTrusted,
    },
  };
  client = new LanguageClient('mipsPort', 'MIPS Port', serverOptions, clientOptions);
  context.subscriptions.push(client);

  const images = new ImagesView(() => client);
  const status = createStatusBar();
  const tree = window.createTreeView(IMAGES_VIEW, { treeDataProvider: images });
  // what the facts hold for a target other than mips64le: said once, above the rows
  const reach = () => ({
    offline: workspace.getConfiguration('mipsPort').get<boolean>('offline', false),
    unreachable,
  });
  listenForRegistryTrouble(client, log, () => images.current && updateStatusBar(status, images.current, reach()));
  images.onDidLoad.event((d) => {
    updateStatusBar(status, d, reach());
    tree.message = d.note;
  });
  let refreshTimer: NodeJS.Timeout | undefined;
  const refreshSoon = () => {
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => void images.refresh(), 1500);
  };
  context.subscriptions.push(
    status,
    tree,
    languages.onDidChangeDiagnostics(refreshSoon),
    workspace.onDidSaveTextDocument(refreshSoon),
    commands.registerCommand(CLIENT_COMMANDS.refreshImages, async () => {
      const d = await window.withProgress({ location: { viewId: IMAGES_VIEW } }, () => images.refresh());
      const n = d ? d.images.length : 0;
      void window.setStatusBarMessage(`MIPS Port: ${n} image${n === 1 ? '' : 's'} checked`, 4000);
      return d;
    }),
    commands.registerCommand(CLIENT_COMMANDS.toggleAvailable, () => {
      images.showAvailable = !images.showAvailable;
      return images.refresh();
    }),
    commands.registerCommand(CLIENT_COMMANDS.showReport, () => showReport(context)),
    registerCliTerminal(context),
    commands.registerCommand(CLIENT_COMMANDS.exportReport, () => exportReport(context)),
    tasks.registerTaskProvider('mips-port', new MipsPortTaskProvider(context)),
    commands.registerCommand(CLIENT_COMMANDS.refreshAvailability, async () => {
      const r = await runServerCommand(SERVER_COMMANDS.clearCache);
      await window.withProgress({ location: { viewId: IMAGES_VIEW } }, () => images.refresh());
      void window.showInformationMessage(
        `MIPS Port: availability refreshed (${r?.removed ?? 0} cached registry answers cleared).`,
      );
    }),
    commands.registerCommand(CLIENT_COMMANDS.buildCurrent, (uri?: Uri | string) => buildCurrent(context, uri)),
    commands.registerCommand(CLIENT_COMMANDS.serveImages, () => serveImages(context)),
    commands.registerCommand(CLIENT_COMMANDS.pushImage, (uri?: Uri) => buildCurrent(context, uri, true)),
    forwardTrust(() => client),
    commands.registerCommand(CLIENT_COMMANDS.buildWorkspace, async () => {
      if (!trustedOrSay('a build')) return;
      const folder = workspace.workspaceFolders?.[0];
      if (!folder) {
        void window.showErrorMessage('MIPS Port: open a folder to build its Dockerfiles.');
        return;
      }
      await runBuildTask(context, {
        type: 'mips-port',
        all: true,
        folder: folder.uri.fsPath,
        platform: currentPlatform(),
      });
    }),
    registerSetupQemu(() => client, currentPlatform),
    commands.registerCommand(CLIENT_COMMANDS.createDebianBase, async () => {
      if (!trustedOrSay('creating a base image')) return;
      const suite = await window.showInputBox({
        title: `Create a Debian base for ${currentPlatform()}`,
        prompt: 'Debian suite',
        value: 'bookworm',
        ignoreFocusOut: true,
      });
      if (!suite) return;
      const variant = await window.showQuickPick(['minbase', 'slim', 'standard'], {
        title: 'Variant',
        placeHolder: 'minbase',
      });
      if (!variant) return;
      const packages = await window.showInputBox({
        title: 'Extra packages (comma-separated, optional)',
        value: '',
        ignoreFocusOut: true,
      });
      if (packages === undefined) return;
      const cfg = workspace.getConfiguration('mipsPort');
      const args = [
        '--suite',
        suite,
        '--variant',
        variant,
        '--platform',
        currentPlatform(),
        '--tag-template',
        cfg.get<string>('tagTemplate', '{name}:{tag}-{arch}'),
      ];
      if (packages.trim()) args.push('--packages', packages.trim());
      const push = await window.showQuickPick(['Load into the local builder', 'Load and push'], {
        title: 'Where should the image go?',
      });
      if (!push) return;
      if (push === 'Load and push') args.push('--push');
      await runBaseTask(context, args);
    }),
  );
  registerSettingCommands(context, currentPlatform);
  registerImageActions(context);
  registerChooseFix(context);
  context.subscriptions.push(registerSetMirror());
  await client.start();
  void images.refresh();
  return { client: () => client, images, buildTask: (def) => buildTask(context, def) };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
