// Commands that change a setting: they ask where to save it (this workspace or every workspace),
// never writing .vscode/settings.json behind the user's back. Where the setting is already set
// comes first in the choice.
import { commands, ConfigurationTarget, ExtensionContext, window, workspace } from 'vscode';
import { CLIENT_COMMANDS, TARGET_PLATFORMS } from '../../server/src/shared/protocol';

async function whereToSave(key: string, value: string): Promise<ConfigurationTarget | undefined> {
  if (!workspace.workspaceFolders?.length) return ConfigurationTarget.Global;
  const set = workspace.getConfiguration('mipsPort').inspect(key);
  const here = {
    label: '$(folder) This workspace',
    detail: `Saved in the workspace settings (${workspace.workspaceFile ? 'the .code-workspace file' : '.vscode/settings.json'})`,
    target: ConfigurationTarget.Workspace,
  };
  const everywhere = {
    label: '$(account) All workspaces',
    detail: 'Saved in your user settings',
    target: ConfigurationTarget.Global,
  };
  const items =
    set?.workspaceValue === undefined && set?.globalValue !== undefined ? [everywhere, here] : [here, everywhere];
  const pick = await window.showQuickPick(items, { title: `Save mipsPort.${key} = ${value} for…` });
  return pick?.target;
}

export function registerSettingCommands(context: ExtensionContext, currentPlatform: () => string): void {
  context.subscriptions.push(
    commands.registerCommand(CLIENT_COMMANDS.selectPlatform, async () => {
      const now = currentPlatform();
      const items = TARGET_PLATFORMS.map((label) => ({
        label,
        description: label === now ? '(current)' : undefined,
        picked: label === now,
      }));
      const chosen = await window.showQuickPick(items, { title: 'MIPS Port: target platform', placeHolder: now });
      const pick = chosen?.label;
      if (!pick) return;
      const target = await whereToSave('platform', pick);
      if (target !== undefined) await workspace.getConfiguration('mipsPort').update('platform', pick, target);
    }),
    commands.registerCommand(CLIENT_COMMANDS.toggleOffline, async () => {
      const cfg = workspace.getConfiguration('mipsPort');
      const next = !cfg.get<boolean>('offline', false);
      const target = await whereToSave('offline', String(next));
      if (target === undefined) return;
      await cfg.update('offline', next, target);
      void window.setStatusBarMessage(
        `MIPS Port: ${next ? 'offline (knowledge base and cache only)' : 'online (registry look-ups)'}`,
        4000,
      );
    }),
  );
}
