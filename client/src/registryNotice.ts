// Registry trouble, told once per registry and session (the server decides when): a warning with
// what to do about it, written to the log too. Air-gapped sites are a main audience.
import { commands, Disposable, LogOutputChannel, window } from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { CLIENT_COMMANDS, RegistryUnreachableNotification } from '../../server/src/shared/protocol';
import { onNotification } from './protocolClient';

/** Settings filtered to the mirror settings (a fix and the notification both open it). */
export function registerSetMirror(): Disposable {
  return commands.registerCommand(CLIENT_COMMANDS.setMirror, () =>
    commands.executeCommand('workbench.action.openSettings', 'mipsPort mirror'),
  );
}

export function listenForRegistryTrouble(client: LanguageClient, log: LogOutputChannel): void {
  onNotification(client, RegistryUnreachableNotification, async (p) => {
    const message = String(p?.message ?? 'a registry could not be reached');
    log.warn(`registry unreachable: ${message}; verdicts come from the offline knowledge base`);
    const pick = await window.showWarningMessage(
      `MIPS Port: ${message} — verdicts from the offline knowledge base.`,
      'Go offline',
      'Set a mirror',
      'Show log',
    );
    if (pick === 'Go offline') await commands.executeCommand(CLIENT_COMMANDS.toggleOffline);
    else if (pick === 'Set a mirror') await commands.executeCommand(CLIENT_COMMANDS.setMirror);
    else if (pick === 'Show log') log.show();
  });
}
