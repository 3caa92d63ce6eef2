// Registry trouble, told once per registry and session (the server decides when): a warning with
// what to do about it, written to the log too. Air-gapped sites are a main audience.
import { commands, Disposable, LogOutputChannel, window } from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { REGISTRY_UNREACHABLE_NOTIFICATION } from '../../server/src/shared/protocol';

/** Settings filtered to the mirror settings (a fix and the notification both open it). */
export function registerSetMirror(): Disposable {
  return commands.registerCommand('mipsPort.setMirror', () =>
    commands.executeCommand('workbench.action.openSettings', 'mipsPort mirror'),
  );
}

export function listenForRegistryTrouble(client: LanguageClient, log: LogOutputChannel): void {
  client.onNotification(REGISTRY_UNREACHABLE_NOTIFICATION, async (p: { message?: string }) => {
    const message = String(p?.message ?? 'a registry could not be reached');
    log.warn(`registry unreachable: ${message}; verdicts come from the offline knowledge base`);
    const pick = await window.showWarningMessage(
      `MIPS Port: ${message} — verdicts from the offline knowledge base.`,
      'Go offline',
      'Set a mirror',
      'Show log',
    );
    if (pick === 'Go offline') await commands.executeCommand('mipsPort.toggleOffline');
    else if (pick === 'Set a mirror') await commands.executeCommand('mipsPort.setMirror');
    else if (pick === 'Show log') log.show();
  });
}
