// "Create a Debian base": asks for the suite, variant, extra packages and where the image goes, then
// runs `mips-port base create` as a task.
import { commands, Disposable, ExtensionContext, window, workspace } from 'vscode';
import { CLIENT_COMMANDS } from '../../server/src/shared/protocol';
import { runBaseTask } from './buildTasks';
import { currentPlatform } from './targetPlatform';
import { trustedOrSay } from './workspaceTrust';

async function createDebianBase(context: ExtensionContext): Promise<void> {
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
}

export function registerBaseCommand(context: ExtensionContext): Disposable {
  return commands.registerCommand(CLIENT_COMMANDS.createDebianBase, () => createDebianBase(context));
}
