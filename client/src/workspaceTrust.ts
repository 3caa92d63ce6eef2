// Workspace Trust on the client side: the server learns the trust state (initialization option, then a
// notification when the user grants trust), commands that run programs refuse in Restricted Mode, and
// the lenses and fixes that would start them are not offered there.
import { CodeAction, CodeLens, Command, Disposable, window, workspace } from 'vscode';
import { LanguageClient, Middleware } from 'vscode-languageclient/node';
import { CLIENT_COMMANDS, TrustChangedNotification } from '../../server/src/shared/protocol';

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

/** Commands that start a build or a privileged container. */
const RUNS_PROGRAMS: ReadonlySet<string> = new Set([
  CLIENT_COMMANDS.buildCurrent,
  CLIENT_COMMANDS.buildWorkspace,
  CLIENT_COMMANDS.pushImage,
  CLIENT_COMMANDS.buildImageUse,
  CLIENT_COMMANDS.createDebianBase,
  CLIENT_COMMANDS.setupQemu,
  CLIENT_COMMANDS.serveImages,
]);

const runs = (c: Command | undefined) => !!c && RUNS_PROGRAMS.has(c.command);

/** In Restricted Mode a lens or a fix that would only refuse is not shown at all. */
export const untrustedMiddleware: Middleware = {
  async provideCodeLenses(document, token, next) {
    const lenses = await next(document, token);
    return workspace.isTrusted || !lenses ? lenses : lenses.filter((l: CodeLens) => !runs(l.command));
  },
  async provideCodeActions(document, range, context, token, next) {
    const actions = await next(document, range, context, token);
    if (workspace.isTrusted || !actions) return actions;
    return actions.filter((a) => !(a instanceof CodeAction ? !a.edit && runs(a.command) : runs(a)));
  },
};
