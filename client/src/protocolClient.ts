// The client's side of shared/protocol.ts: requests, notifications and server commands sent through
// their declarations, so parameters and answers are checked against what the server handles.
import { commands } from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { NotificationType, RequestType, ServerCommand } from '../../server/src/shared/protocol';

export function request<P, R>(
  client: LanguageClient,
  t: RequestType<P, R>,
  ...params: P extends void ? [] : [P]
): Promise<R> {
  return params.length ? client.sendRequest<R>(t.method, params[0]) : client.sendRequest<R>(t.method);
}

export function onNotification<P>(
  client: LanguageClient,
  t: NotificationType<P>,
  handler: (params: P) => void | Promise<void>,
) {
  return client.onNotification(t.method, handler);
}

/** Runs a server command (the language client registers each as an editor command); undefined when the
 *  server is not running. */
export function runServerCommand<A extends unknown[], R>(c: ServerCommand<A, R>, ...args: A) {
  return commands.executeCommand<R | null | undefined>(c.command, ...args);
}
