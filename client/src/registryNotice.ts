// Registry trouble: one notice for every unreachable registry, at most once per start-up, and an
// offline/unreachable state in the status bar from then on. Air-gapped sites are a main audience.
import { commands, Disposable, LogOutputChannel, window } from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { CLIENT_COMMANDS, RegistryUnreachableNotification } from '../../server/src/shared/protocol';
import { onNotification } from './protocolClient';

/** Opens exactly the setting that fixes an unreachable registry (a fix and the notice both use it). */
export function registerSetMirror(): Disposable {
  return commands.registerCommand(CLIENT_COMMANDS.setMirror, () =>
    commands.executeCommand('workbench.action.openSettings', '@id:mipsPort.registryMirrors'),
  );
}

/** The registries that could not be reached since start-up, for the status bar and the build pre-flight. */
export const unreachable: string[] = [];

export function listenForRegistryTrouble(client: LanguageClient, log: LogOutputChannel, changed: () => void): void {
  let told = false;
  let timer: NodeJS.Timeout | undefined;
  onNotification(client, RegistryUnreachableNotification, (p) => {
    const message = String(p?.message ?? 'a registry could not be reached');
    log.warn(`registry unreachable: ${message}; verdicts come from the offline knowledge base`);
    if (!unreachable.includes(message)) unreachable.push(message);
    changed();
    if (told) return;
    // registries fail together on a cold start without network: wait a moment, then one notice for all
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      told = true;
      void notice(log);
    }, 1500);
  });
}

async function notice(log: LogOutputChannel): Promise<void> {
  const n = unreachable.length;
  const what = n === 1 ? unreachable[0] : `${n} registries could not be reached`;
  const pick = await window.showWarningMessage(
    `MIPS Port: ${what}. Verdicts come from the offline knowledge base.`,
    'Go offline',
    'Set a mirror',
    'Show log',
  );
  if (pick === 'Go offline') await commands.executeCommand(CLIENT_COMMANDS.toggleOffline);
  else if (pick === 'Set a mirror') await commands.executeCommand(CLIENT_COMMANDS.setMirror);
  else if (pick === 'Show log') log.show();
}
