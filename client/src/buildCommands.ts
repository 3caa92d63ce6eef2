// The build commands: build (and push) the current Dockerfile, or every Dockerfile of the workspace,
// after the pre-flight, asking for the build arguments and context the Dockerfile needs.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { commands, Disposable, ExtensionContext, Uri, window, workspace } from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { CLIENT_COMMANDS } from '../../server/src/shared/protocol';
import { buildPreflight } from './buildPreflight';
import { cliPath, runBuildTask } from './buildTasks';
import { currentPlatform } from './targetPlatform';
import { trustedOrSay } from './workspaceTrust';

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

/** The build context the mipsPort.buildContext setting asks for
 *  (undefined: the Dockerfile's folder; null: cancelled). */
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

async function buildCurrent(
  context: ExtensionContext,
  client: () => LanguageClient | undefined,
  uri?: Uri | string,
  push = false,
): Promise<void> {
  if (!trustedOrSay(push ? 'pushing an image' : 'a build')) return;
  // a server fix names the file as a URI string (JSON), a menu passes a Uri
  const dockerfile = activeDockerfile(typeof uri === 'string' ? Uri.parse(uri) : uri);
  if (!dockerfile) {
    void window.showErrorMessage('MIPS Port: open a Dockerfile to build it.');
    return;
  }
  if (!(await buildPreflight(dockerfile, client(), currentPlatform()))) return;
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

async function buildWorkspace(context: ExtensionContext): Promise<void> {
  if (!trustedOrSay('a build')) return;
  const folder = workspace.workspaceFolders?.[0];
  if (!folder) {
    void window.showErrorMessage('MIPS Port: open a folder to build its Dockerfiles.');
    return;
  }
  await runBuildTask(context, { type: 'mips-port', all: true, folder: folder.uri.fsPath, platform: currentPlatform() });
}

export function registerBuildCommands(context: ExtensionContext, client: () => LanguageClient | undefined): Disposable {
  return Disposable.from(
    commands.registerCommand(CLIENT_COMMANDS.buildCurrent, (uri?: Uri | string) => buildCurrent(context, client, uri)),
    commands.registerCommand(CLIENT_COMMANDS.pushImage, (uri?: Uri) => buildCurrent(context, client, uri, true)),
    commands.registerCommand(CLIENT_COMMANDS.buildWorkspace, () => buildWorkspace(context)),
  );
}
