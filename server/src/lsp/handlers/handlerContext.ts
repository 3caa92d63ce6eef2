// What each group of handlers is registered with: the connection, the lifecycle guard for requests,
// and the session once `initialize` has built it.
import { Connection } from 'vscode-languageserver';
import { Lifecycle } from '../lifecycle';
import { Session } from '../session';

export interface HandlerContext {
  connection: Connection;
  life: Lifecycle;
  /** The session; requests go through `life.guard`, so they never run before it exists. */
  session(): Session;
  /** The session, or undefined before `initialize` (notifications may come first). */
  ready(): Session | undefined;
}
