// Workspace Trust on the client side: the server learns the trust state (initialization option, then a
// notification when the user grants trust) and withholds the lenses and fixes that would run a program
// until then (it asks for the lenses again on the grant); commands that run programs refuse in Restricted Mode.
import { Disposable, window, workspace } from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { TrustChangedNotification } from '../../server/src/shared/protocol';

/** Builds, pushes and base images run programs: not in Restricted Mode. */
export function trustedOrSay(what: string): boolean {
  if (workspace.isTrusted) return true;
  void window.showWarningMessage(`MIPS Port: ${what} runs programs: trust this folder first (Restricted Mode).`);
  return false;
}

/** Tells the server when the user trusts the workspace (Restricted Mode has no way back without a reload). */
export function forwardTrust(client: () => LanguageClient | undefined): Disposable {
  return workspace.onDidGrantWorkspaceTrust(
    () => void client()?.sendNotification(TrustChangedNotification.method, { trusted: true }),
  );
}
