// The language server: wiring from LSP to the engine's service. The session (service, settings, the
// diagnostics publisher, analyses, Go check) is built once on `initialize`; each group of handlers lives
// in handlers/ and is registered here, in no particular order.
import { Connection, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { registerCommandHandlers } from './handlers/commandHandlers';
import { HandlerContext } from './handlers/handlerContext';
import { listenToDocuments, registerLanguageHandlers } from './handlers/languageHandlers';
import { registerLifecycleHandlers } from './handlers/lifecycleHandlers';
import { lifecycle } from './lifecycle';
import { Session } from './session';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let session: Session | undefined;
  const ctx: HandlerContext = {
    connection,
    life: lifecycle(),
    session: () => {
      if (!session) throw new Error('the server is not initialized yet');
      return session;
    },
    ready: () => session,
  };
  registerLifecycleHandlers(ctx, (params) => {
    session = new Session(connection, documents, params);
    listenToDocuments(session);
    return session;
  });
  registerLanguageHandlers(ctx);
  registerCommandHandlers(ctx);
  documents.listen(connection);
  connection.listen();
}
