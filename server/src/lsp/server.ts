// The language server: wiring from LSP to the engine's service. The server state (service, settings, the
// diagnostics publisher, analyses, Go check) is built once on `initialize`; each group of handlers lives
// in handlers/ and is registered here, in no particular order.
import { Connection, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { registerCommandHandlers } from './handlers/commandHandlers';
import { HandlerContext } from './handlers/handlerContext';
import { listenToDocuments, registerLanguageHandlers } from './handlers/languageHandlers';
import { registerLifecycleHandlers } from './handlers/lifecycleHandlers';
import { lifecycle } from './lifecycle';
import { ServerState } from './serverState';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let state: ServerState | undefined;
  const ctx: HandlerContext = {
    connection,
    life: lifecycle(),
    state: () => {
      if (!state) throw new Error('the server is not initialized yet');
      return state;
    },
    ready: () => state,
  };
  registerLifecycleHandlers(ctx, (params) => {
    state = new ServerState(connection, documents, params);
    listenToDocuments(state);
    return state;
  });
  registerLanguageHandlers(ctx);
  registerCommandHandlers(ctx);
  documents.listen(connection);
  connection.listen();
}
