// The server's side of shared/protocol.ts: requests, notifications and commands registered and sent
// through their declarations, so a handler's parameters and answer are checked against what the client
// expects.
import { Connection } from 'vscode-languageserver';
import { NotificationType, RequestType, SERVER_COMMANDS, ServerCommandName } from '../shared/protocol';

type AnswerOf<C> = C extends { types?: { result: infer R } } ? R : never;

export function onRequest<P, R>(c: Connection, t: RequestType<P, R>, handler: (params: P) => R | Promise<R>): void {
  c.onRequest(t.method, async (params: P): Promise<R> => handler(params));
}

export function sendNotification<P>(c: Connection, t: NotificationType<P>, params: P): Promise<void> {
  return c.sendNotification(t.method, params);
}

/** One handler per server command. Arguments arrive as JSON from the client: each handler checks them and
 *  answers null when they are not what the command takes. */
export type ServerCommandHandlers = {
  [K in ServerCommandName]: (
    args: unknown[],
  ) => AnswerOf<(typeof SERVER_COMMANDS)[K]> | null | Promise<AnswerOf<(typeof SERVER_COMMANDS)[K]> | null>;
};

export const SERVER_COMMAND_IDS = Object.values(SERVER_COMMANDS).map((c) => c.command);

/** The handler of a command id; null for an id the server does not know. */
export async function runServerCommand(h: ServerCommandHandlers, command: string, args: unknown[]): Promise<unknown> {
  const name = (Object.keys(SERVER_COMMANDS) as ServerCommandName[]).find(
    (k) => SERVER_COMMANDS[k].command === command,
  );
  return name ? h[name](args) : null;
}
