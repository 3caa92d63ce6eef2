// "Serve the workspace's images from a registry…": asks for the registry and path (PREFIX) and what to
// write, then runs `mips-port mirror` as a task (argument array, no shell): the terminal shows the plan and
// the progress per image and layer, a notification the run with cancel, and the result when it ends.
import * as path from 'node:path';
import { ExtensionContext, ProcessExecution, Task, window, workspace } from 'vscode';
import { settingsToFlags } from '../../server/src/shared/settingsFlags';
import { cliPath, executeWithProgress, settingsValues } from './buildTasks';

const RUNS = [
  { label: 'Copy, build and write the repo list', detail: 'also writes kube-test-repo-list.yaml for manifest.go' },
  { label: 'Copy and build', detail: 'images only' },
  { label: 'Show the plan only (dry run)', detail: 'copy / build / missing per image; nothing is written' },
];

export async function serveImages(context: ExtensionContext): Promise<void> {
  const folder = workspace.workspaceFolders?.[0];
  if (!folder) {
    void window.showErrorMessage('MIPS Port: open a folder whose images should be served.');
    return;
  }
  const values = settingsValues(folder.uri);
  const prefix = await window.showInputBox({
    title: "Serve the workspace's images from a registry",
    prompt: 'Registry and path the cluster pulls from (credentials: your docker login)',
    placeHolder: 'registry.example.com/k8s-mips',
    value: typeof values.registry === 'string' ? values.registry : '',
    ignoreFocusOut: true,
    validateInput: (v) =>
      /^[^/\s]+[.:][^/\s]*\/\S+$|^localhost(:\d+)?\/\S+$/.test(v.trim()) ? undefined : 'host/path',
  });
  if (!prefix) return;
  const run = await window.showQuickPick(RUNS, { title: `Serve images from ${prefix}` });
  if (!run) return;
  const repoList = path.join(folder.uri.fsPath, 'kube-test-repo-list.yaml');
  const args = [cliPath(context), 'mirror', folder.uri.fsPath, '--to', prefix.trim()];
  args.push(...settingsToFlags(values, 'analysis'));
  if (run === RUNS[0]) args.push('--repo-list', repoList);
  if (run === RUNS[2]) args.push('--dry-run');
  const execution = new ProcessExecution(process.execPath, args, {
    env: { ELECTRON_RUN_AS_NODE: '1' },
    cwd: folder.uri.fsPath,
  });
  const task = new Task(
    { type: 'mips-port-mirror' },
    folder,
    `serve images from ${prefix}`,
    'mips-port',
    execution,
    [],
  );
  task.detail = args.slice(1).join(' ');
  // cancelling ends the CLI, which writes no tag for the image it was copying
  const code = await executeWithProgress(task, 'copying and building; each image and layer is shown in the terminal…');
  if (code === 0)
    void window.showInformationMessage(
      run === RUNS[2] ? 'MIPS Port: the plan is in the terminal.' : `MIPS Port: every image is served by ${prefix}.`,
    );
  else if (code === 1)
    void window.showWarningMessage(`MIPS Port: some images are not served by ${prefix}: see the terminal.`);
  else if (code !== undefined && code !== 130)
    void window.showErrorMessage(`MIPS Port: serving images failed (exit ${code}): see the terminal.`);
}
