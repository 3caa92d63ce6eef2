// What each group of handlers is registered with: the connection, the lifecycle guard for requests,
// and the server state once `initialize` has built it.
import { Connection } from 'vscode-languageserver';
import { Lifecycle } from '../lifecycle';
import { ServerState } from '../serverState';

export interface HandlerContext {
  connection: Connection;
  life: Lifecycle;
  /** The server state; requests go through `life.guard`, so they never run before it exists. */
  state(): ServerState;
  /** The server state, or undefined before `initialize` (notifications may come first). */
  ready(): ServerState | undefined;
}
