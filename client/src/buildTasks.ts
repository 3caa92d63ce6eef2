// Builds as VS Code tasks: a TaskProvider of type `mips-port` (usable from tasks.json) whose
// ProcessExecution runs the mips-port CLI (argument arrays, no shell strings), with progress,
// cancel, a problem matcher for failing Dockerfile lines, and a log opened with the build-log grammar.
import * as path from 'node:path';
import { failureActions, failureCause, readLog } from './buildFailure';
import { SettingsValues, settingsToFlags } from '../../server/src/shared/settingsFlags';
import {
  commands,
  ExtensionContext,
  ProcessExecution,
  ProgressLocation,
  Task,
  TaskDefinition,
  TaskProvider,
  TaskScope,
  tasks,
  Uri,
  window,
  workspace,
} from 'vscode';

export interface MipsPortTaskDefinition extends TaskDefinition {
  type: 'mips-port';
  /** A Dockerfile, or a folder with `all: true`. */
  dockerfile?: string;
  folder?: string;
  all?: boolean;
  context?: string;
  platform?: string;
  tag?: string;
  buildArgs?: Record<string, string>;
  push?: boolean;
  /** With push: the multi-platform tag to add the image to. */
  join?: string;
}

export function cliPath(context: ExtensionContext): string {
  return context.asAbsolutePath(path.join('server', 'out', 'cli.js'));
}

/** The mipsPort.* settings of a scope, as the shared flag mapping reads them. */
export function settingsValues(scope?: Uri): SettingsValues {
  const cfg = workspace.getConfiguration('mipsPort', scope);
  const keys: (keyof SettingsValues)[] = [
    'platform',
    'offline',
    'buildArgs',
    'registryMirrors',
    'insecureRegistries',
    'cacheTtlHours',
    'registryTimeoutSeconds',
    'kubeTestRepoList',
    'localImagePrefixes',
    'mirrorTemplates',
    'mirrorPresets',
    'debianMirror',
    'builder',
    'tagTemplate',
    'skipSmokeRun',
    'buildContext',
    'registry',
  ];
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = cfg.get(k);
  return out as SettingsValues;
}

function settingsArgs(scope: Uri | undefined, def: MipsPortTaskDefinition): string[] {
  const values = settingsValues(scope);
  if (def.platform) values.platform = def.platform;
  if (def.tag) values.tagTemplate = undefined;
  const args = settingsToFlags(values, 'build', def.buildArgs);
  if (def.push) args.push('--push');
  if (def.push && def.join) args.push('--join', def.join);
  if (def.all && values.buildContext === 'workspace') args.push('--workspace-context');
  return args;
}

export function buildTask(
  context: ExtensionContext,
  def: MipsPortTaskDefinition,
  scope: TaskScope | import('vscode').WorkspaceFolder = TaskScope.Workspace,
  logFile?: string,
): Task {
  const target = def.all ? (def.folder ?? '.') : (def.dockerfile ?? 'Dockerfile');
  const scopeUri = def.dockerfile ? Uri.file(def.dockerfile) : def.folder ? Uri.file(def.folder) : undefined;
  const args = [cliPath(context), 'build', ...(def.all ? ['--all', target] : [target]), ...settingsArgs(scopeUri, def)];
  if (def.context) args.push('--context', def.context);
  if (def.tag) args.push('--tag', def.tag);
  if (logFile) args.push('--log', logFile);
  // The extension host's own Node runs the CLI; ELECTRON_RUN_AS_NODE makes Electron behave as node.
  const execution = new ProcessExecution(process.execPath, args, {
    env: { ELECTRON_RUN_AS_NODE: '1' },
    cwd: def.folder ?? (def.dockerfile ? path.dirname(def.dockerfile) : undefined),
  });
  const name = def.all
    ? `build workspace for ${def.platform ?? 'target'}`
    : `build ${path.basename(path.dirname(target))}/${path.basename(target)}`;
  const task = new Task(def, scope, name, 'mips-port', execution, ['$mips-port-build']);
  task.detail = args.slice(1).join(' ');
  return task;
}

export class MipsPortTaskProvider implements TaskProvider {
  constructor(private readonly context: ExtensionContext) {}

  async provideTasks(): Promise<Task[]> {
    const out: Task[] = [];
    for (const folder of workspace.workspaceFolders ?? []) {
      out.push(buildTask(this.context, { type: 'mips-port', all: true, folder: folder.uri.fsPath }, folder));
    }
    return out;
  }

  resolveTask(task: Task): Task | undefined {
    const def = task.definition as MipsPortTaskDefinition;
    if (def.type !== 'mips-port') return undefined;
    return buildTask(this.context, def, task.scope ?? TaskScope.Workspace);
  }
}

/** Runs a build task with a cancellable progress notification; resolves with the exit code. */
export async function runBuildTask(
  context: ExtensionContext,
  def: MipsPortTaskDefinition,
): Promise<number | undefined> {
  const log = path.join(context.globalStorageUri.fsPath, 'last-build.log');
  await workspace.fs.createDirectory(context.globalStorageUri);
  return runTask(buildTask(context, def, TaskScope.Workspace, log), log);
}

/** `mips-port base create …` as a task (mmdebstrap runs for minutes: progress and cancel matter). */
export async function runBaseTask(context: ExtensionContext, args: string[]): Promise<number | undefined> {
  const execution = new ProcessExecution(process.execPath, [cliPath(context), 'base', 'create', ...args], {
    env: { ELECTRON_RUN_AS_NODE: '1' },
  });
  const task = new Task(
    { type: 'mips-port-base' },
    TaskScope.Workspace,
    'create a Debian base',
    'mips-port',
    execution,
    [],
  );
  return runTask(task);
}

/** Runs a task with a cancellable progress notification; resolves to its exit code (undefined when it
 *  could not start or was ended). Cancelling terminates the task's process. */
export async function executeWithProgress(task: Task, message: string): Promise<number | undefined> {
  const exec = await tasks.executeTask(task);
  return window.withProgress(
    { location: ProgressLocation.Notification, title: `MIPS Port: ${task.name}`, cancellable: true },
    (progress, token) =>
      new Promise<number | undefined>((resolve) => {
        progress.report({ message });
        token.onCancellationRequested(() => exec.terminate());
        const sub = tasks.onDidEndTaskProcess((e) => {
          if (e.execution === exec) {
            sub.dispose();
            resolve(e.exitCode);
          }
        });
      }),
  );
}

async function runTask(task: Task, log?: string): Promise<number | undefined> {
  const code = await executeWithProgress(task, 'building through QEMU (see the terminal)…');
  const text = log ? readLog(log) : '';
  // "Open build log" only when there is something in it
  const open = text.trim() ? ['Open build log'] : [];
  if (code === 0) {
    void window.showInformationMessage(`MIPS Port: ${task.name} succeeded.`, ...open).then((c) => {
      if (c && log) void openLog(log);
    });
  } else if (code !== undefined) {
    const cause = failureCause(text);
    const actions = failureActions(cause);
    const buttons = [...actions.map((a) => a.title), ...open, 'Show terminal'];
    void window
      .showErrorMessage(`MIPS Port: ${task.name} failed: ${cause ?? `exit ${code}, see the terminal`}`, ...buttons)
      .then(async (c) => {
        const a = actions.find((x) => x.title === c);
        if (a) await commands.executeCommand(a.command, ...(a.args ?? []));
        else if (c === 'Open build log' && log) await openLog(log);
        else if (c === 'Show terminal') await commands.executeCommand('workbench.action.terminal.focus');
      });
  }
  return code;
}

async function openLog(file: string): Promise<void> {
  const doc = await workspace.openTextDocument(Uri.file(file));
  const { languages } = await import('vscode');
  await window.showTextDocument(await languages.setTextDocumentLanguage(doc, 'mips-port-build-log'));
}
