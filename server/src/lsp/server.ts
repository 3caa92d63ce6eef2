// The language server: wiring from LSP to the engine's service. Documents, settings and each feature
// live in their own modules; this file only connects them.
import { pathToFileURL } from 'node:url';
import {
  CodeAction,
  CodeActionKind,
  CodeLens,
  Connection,
  ErrorCodes,
  ResponseError,
  DidChangeConfigurationNotification,
  Hover,
  InitializeParams,
  InitializeResult,
  Range,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkEmulation, qemuSetupOptions } from '../core/build/binfmt';
import { parsePlatform } from '../core/platform';
import { createPortingService } from '../core/service';
import { RawSettings } from '../core/settings';
import { killRunningGroups } from '../core/process/runProcess';
import {
  QemuSetupRequest,
  RegistryUnreachableNotification,
  TrustChangedNotification,
  VERSION,
  WorkspaceImagesRequest,
} from '../shared/protocol';
import { codeActions, PORT_ACTION_KIND, portAction } from './codeActions';
import { codeLenses } from './codeLens';
import { DocumentAnalyses } from './documentAnalyses';
import { GoChecks } from './goChecks';
import { hoverAt } from './hover';
import {
  onRequest,
  runServerCommand,
  sendNotification,
  SERVER_COMMAND_IDS,
  ServerCommandHandlers,
} from './typedProtocol';
import { SettingsStore } from './settingsStore';
import { uriToPath } from './uri';
import { workspaceImages } from './workspaceImages';
import { replaceImageEverywhere } from './replaceImage';

interface InitOptions {
  settings?: RawSettings;
  cacheDir?: string;
  clientCommands?: boolean;
  /** Workspace Trust: only `true` lets the server run programs and use restricted settings. */
  trusted?: boolean;
}

/** Requests are answered only between `initialize` and `shutdown`, as the LSP specification says. */
function lifecycle(): { state: 'new' | 'running' | 'shut down'; guard<P, R>(fn: (p: P) => R): (p: P) => R } {
  const l = {
    state: 'new' as 'new' | 'running' | 'shut down',
    guard<P, R>(fn: (p: P) => R): (p: P) => R {
      return (p: P) => {
        if (l.state === 'new')
          throw new ResponseError(ErrorCodes.ServerNotInitialized, 'the server is not initialized yet');
        if (l.state === 'shut down') throw new ResponseError(ErrorCodes.InvalidRequest, 'the server is shut down');
        return fn(p);
      };
    },
  };
  return l;
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const life = lifecycle();
  const guard = life.guard;
  let options: InitOptions = {};
  let service = createPortingService();
  const settings = new SettingsStore(connection);
  let analyses = new DocumentAnalyses(connection, documents, service, settings);
  let workspaceFolders: string[] = [];
  const goChecks = new GoChecks(connection, (uri) => settings.get(uri));
  goChecks.others = (uri) => analyses.current(uri);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    if (life.state !== 'new') throw new ResponseError(ErrorCodes.InvalidRequest, 'initialize was already sent');
    life.state = 'running';
    options = (params.initializationOptions as InitOptions | undefined) ?? {};
    settings.pull = !!params.capabilities.workspace?.configuration;
    settings.fallback = options.settings;
    settings.trusted = options.trusted === true;
    const cacheDir = typeof options.cacheDir === 'string' && options.cacheDir ? options.cacheDir : undefined;
    const onWarning = (m: string) => void connection.window.showWarningMessage(`MIPS Port: ${m}`);
    service = createPortingService({ cacheDir, onWarning });
    analyses = new DocumentAnalyses(connection, documents, service, settings);
    analyses.codeLensRefresh = !!params.capabilities.workspace?.codeLens?.refreshSupport;
    analyses.extra = (uri) => goChecks.diagnosticsFor(uri);
    analyses.onRefined = () => tellUnreachable();
    analyses.listen();
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    if (folder) settings.workspaceRoot = uriToPath(folder);
    workspaceFolders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: SERVER_COMMAND_IDS },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, PORT_ACTION_KIND] },
      },
      serverInfo: { name: 'mips-port', version: VERSION },
    };
  });

  connection.onShutdown(() => {
    life.state = 'shut down';
    goChecks.stopAll();
  });
  // however the process ends (exit notification, the client gone), no check it started outlives it
  process.on('exit', killRunningGroups);

  // from JSON: anything but true is untrusted
  connection.onNotification(TrustChangedNotification.method, (p: { trusted?: unknown }) => {
    const trusted = p?.trusted === true;
    if (trusted === settings.trusted) return;
    settings.trusted = trusted;
    settings.forget();
    service.reset();
    analyses.revalidateAll();
    if (trusted) goChecks.recheckOpen();
    else goChecks.stopAll();
  });

  connection.onInitialized(() => {
    if (settings.pull)
      void connection.client
        .register(DidChangeConfigurationNotification.type, { section: 'mipsPort' })
        .catch(() => undefined);
  });

  connection.onNotification(
    'workspace/didChangeWorkspaceFolders',
    (p: { event: { added: { uri: string }[]; removed: { uri: string }[] } }) => {
      const removed = new Set(p.event.removed.map((f) => uriToPath(f.uri)));
      workspaceFolders = [
        ...workspaceFolders.filter((f) => !removed.has(f)),
        ...p.event.added.map((f) => uriToPath(f.uri)),
      ];
    },
  );

  connection.onDidChangeConfiguration((change) => {
    const s = (change.settings as { mipsPort?: RawSettings } | null)?.mipsPort;
    if (s && !settings.pull) settings.fallback = s;
    service.reset();
    analyses.revalidateAll();
  });

  onRequest(
    connection,
    WorkspaceImagesRequest,
    guard(async () => {
      const roots = folders();
      const s = await settings.get(roots[0] ? pathToFileURL(roots[0]).href : '');
      return workspaceImages(service, roots, s, analyses.read);
    }),
  );

  onRequest(
    connection,
    QemuSetupRequest,
    guard((p) => {
      const parsed = parsePlatform(p.platform);
      if (!parsed.ok) return { platform: p.platform, ready: false, problem: parsed.error, options: [] };
      const e = checkEmulation(parsed.platform);
      return { platform: p.platform, ready: e.ok, problem: e.problem, options: qemuSetupOptions(parsed.platform) };
    }),
  );

  const serverCommands: ServerCommandHandlers = {
    goCheck: (args) => goChecks.checkNow(typeof args[0] === 'string' ? args[0] : undefined, folders()),
    showDocument: (args) =>
      typeof args[0] === 'string'
        ? connection.window.showDocument({ uri: args[0], selection: args[1] as Range | undefined, takeFocus: true })
        : null,
    replaceImage: async ([image, replacement]) => {
      if (typeof image !== 'string' || typeof replacement !== 'string') return null;
      const roots = folders();
      const s = await settings.get(roots[0] ? pathToFileURL(roots[0]).href : '');
      const r = await replaceImageEverywhere(service, roots, s, analyses.read, image, replacement);
      const label = `Replace ${image} with ${replacement}`;
      const applied = r.uses > 0 ? (await connection.workspace.applyEdit({ label, edit: r.edit })).applied : false;
      return { applied, uses: r.uses, files: r.files, skipped: r.skipped };
    },
    clearCache: () => {
      const removed = service.clearCache();
      analyses.revalidateAll();
      return { removed };
    },
  };
  connection.onExecuteCommand(
    guard((params) => runServerCommand(serverCommands, params.command, params.arguments ?? [])),
  );

  const folders = (): string[] =>
    workspaceFolders.length ? workspaceFolders : settings.workspaceRoot ? [settings.workspaceRoot] : [];

  documents.onDidOpen((e) => void goChecks.touched(e.document.uri, true));
  documents.onDidSave((e) => void goChecks.touched(e.document.uri, false));
  documents.onDidClose((e) => goChecks.closed(e.document.uri));

  // registry trouble is said once per registry and session, not on every diagnostic
  const toldUnreachable = new Set<string>();
  const tellUnreachable = (): void => {
    for (const why of service.unreachableRegistries()) {
      if (toldUnreachable.has(why)) continue;
      toldUnreachable.add(why);
      void sendNotification(connection, RegistryUnreachableNotification, { message: why });
    }
  };

  connection.onDidChangeWatchedFiles((p) => {
    for (const c of p.changes) analyses.scheduleDockerfilesBeside(c.uri);
  });

  connection.onHover(
    guard(async (params): Promise<Hover | null> => {
      const a = await analyses.forDocument(params.textDocument.uri);
      return a ? hoverAt(a.analysis, params.position, service.hover) : null;
    }),
  );

  connection.onCodeAction(
    guard(async (params): Promise<CodeAction[]> => {
      const uri = params.textDocument.uri;
      const a = await analyses.forDocument(uri);
      const only = params.context.only;
      const wants = (kind: string) => !only || only.some((k) => kind.startsWith(k) || k.startsWith(kind));
      const out: CodeAction[] = [];
      const findings = [...(a?.analysis.findings ?? []), ...goChecks.findingsFor(uri)];
      if (wants(CodeActionKind.QuickFix)) out.push(...codeActions(uri, findings, params.range));
      if (a && wants(PORT_ACTION_KIND)) {
        const port = portAction(a.doc.uri, a.analysis, a.settings.target);
        if (port) out.push(port);
      }
      return out;
    }),
  );

  connection.onCodeLens(
    guard(async (params): Promise<CodeLens[]> => {
      const a = await analyses.forDocument(params.textDocument.uri);
      if (!a) return [];
      // the lens that sets up QEMU shows only while emulation for the target is not registered
      const ready = a.analysis.kind === 'dockerfile' && checkEmulation(a.settings.target).ok;
      return codeLenses(a.analysis, service.lens, options.clientCommands === true, ready, params.textDocument.uri);
    }),
  );

  documents.listen(connection);
  connection.listen();
}
