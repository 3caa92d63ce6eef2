// initialize (builds the server state), initialized, shutdown, and the notifications that change what the
// server state knows: trust, configuration, workspace folders.
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  ErrorCodes,
  InitializeParams,
  InitializeResult,
  ResponseError,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { RawSettings } from '../../core/settings';
import { killRunningGroups } from '../../core/process/runProcess';
import { TrustChangedNotification, VERSION } from '../../shared/protocol';
import { PORT_ACTION_KIND } from '../codeActions';
import { ServerState } from '../serverState';
import { SERVER_COMMAND_IDS } from '../typedProtocol';
import { uriToPath } from '../uri';
import { HandlerContext } from './handlerContext';

const CAPABILITIES: InitializeResult['capabilities'] = {
  textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
  hoverProvider: true,
  codeLensProvider: { resolveProvider: false },
  executeCommandProvider: { commands: SERVER_COMMAND_IDS },
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, PORT_ACTION_KIND] },
};

/** `start`: builds the server state from the client's parameters (once) and starts its document handlers. */
export function registerLifecycleHandlers(ctx: HandlerContext, start: (p: InitializeParams) => ServerState): void {
  const { connection, life } = ctx;
  connection.onInitialize((params: InitializeParams): InitializeResult => {
    if (life.state !== 'new') throw new ResponseError(ErrorCodes.InvalidRequest, 'initialize was already sent');
    start(params);
    life.state = 'running';
    return { capabilities: CAPABILITIES, serverInfo: { name: 'mips-port', version: VERSION } };
  });

  connection.onInitialized(() => {
    if (ctx.ready()?.settings.pull)
      void connection.client
        .register(DidChangeConfigurationNotification.type, { section: 'mipsPort' })
        .catch(() => undefined);
  });

  connection.onShutdown(() => {
    life.state = 'shut down';
    ctx.ready()?.goChecks.stopAll();
  });
  // however the process ends (exit notification, the client gone), no check it started outlives it
  process.on('exit', killRunningGroups);

  // from JSON: anything but true is untrusted
  connection.onNotification(TrustChangedNotification.method, (p: { trusted?: unknown }) => {
    const s = ctx.ready();
    const trusted = p?.trusted === true;
    if (!s || trusted === s.settings.trusted) return;
    s.settings.trusted = trusted;
    s.settings.forget();
    s.service.reset();
    s.analyses.revalidateAll();
    if (trusted) s.goChecks.recheckOpen();
    else s.goChecks.stopAll();
  });

  connection.onDidChangeConfiguration((change) => {
    const s = ctx.ready();
    if (!s) return;
    const raw = (change.settings as { mipsPort?: RawSettings } | null)?.mipsPort;
    if (raw && !s.settings.pull) s.settings.fallback = raw;
    s.service.reset();
    s.analyses.revalidateAll();
  });

  connection.onNotification(
    'workspace/didChangeWorkspaceFolders',
    (p: { event: { added: { uri: string }[]; removed: { uri: string }[] } }) => {
      const s = ctx.ready();
      if (!s) return;
      const removed = new Set(p.event.removed.map((f) => uriToPath(f.uri)));
      s.workspaceFolders = [
        ...s.workspaceFolders.filter((f) => !removed.has(f)),
        ...p.event.added.map((f) => uriToPath(f.uri)),
      ];
    },
  );
}
