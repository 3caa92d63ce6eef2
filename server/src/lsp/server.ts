// The language server: a thin adapter from LSP to the engine in core/.
import {
  CodeLens, CodeLensRefreshRequest, Connection, DidChangeConfigurationNotification, Hover, InitializeParams, InitializeResult,
  TextDocumentSyncKind, TextDocuments,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { uriToPath } from './uri';
import { analyseDocument, DocumentAnalysis, Lookup } from '../core/analyze';
import { knowledgeLookup } from '../core/availability/knowledgeLookup';
import { normaliseSettings, RawSettings, Settings } from '../core/settings';
import { codeLenses } from './codeLens';
import { toDiagnostic } from './diagnostics';
import { hoverAt } from './hover';

const CHANGE_DEBOUNCE_MS = 150;

export const SERVER_VERSION = '0.1.0';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let lookup: Lookup | undefined;
  let hasConfigurationCapability = false;
  let codeLensRefresh = false;
  let initSettings: RawSettings | undefined;
  const settingsCache = new Map<string, Promise<Settings>>();
  const analyses = new Map<string, { version: number; analysis: DocumentAnalysis }>();
  const timers = new Map<string, NodeJS.Timeout>();
  const reported = new Set<string>();

  const getLookup = (): Lookup => (lookup ??= knowledgeLookup());

  function settingsFor(uri: string): Promise<Settings> {
    let s = settingsCache.get(uri);
    if (!s) {
      s = (hasConfigurationCapability
        ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'mipsPort' }).then((raw: RawSettings) => raw, () => initSettings)
        : Promise.resolve(initSettings)).then((raw) => {
        const n = normaliseSettings(raw);
        for (const p of n.problems) {
          if (!reported.has(p)) { reported.add(p); void connection.window.showWarningMessage(`mips-port: ${p}`); }
        }
        return n;
      });
      settingsCache.set(uri, s);
    }
    return s;
  }

  function analyse(doc: TextDocument, settings: Settings): DocumentAnalysis | undefined {
    const cached = analyses.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.analysis;
    const analysis = analyseDocument(uriToPath(doc.uri), doc.getText(), {
      target: settings.target,
      lookup: getLookup(),
      severities: settings.severities,
      buildArgs: settings.buildArgs,
      kind: doc.languageId === 'dockerfile' ? 'dockerfile' : undefined,
    });
    if (analysis) analyses.set(doc.uri, { version: doc.version, analysis });
    return analysis;
  }

  async function validate(doc: TextDocument): Promise<void> {
    const version = doc.version;
    const settings = await settingsFor(doc.uri);
    const current = documents.get(doc.uri);
    // A newer edit arrived while settings were fetched: its own validation publishes.
    if (!current || current.version !== version) return;
    let analysis: DocumentAnalysis | undefined;
    try {
      analysis = analyse(current, settings);
    } catch (e) {
      connection.console.error(`mips-port: analysis of ${doc.uri} failed: ${e instanceof Error ? e.stack : String(e)}`);
      return;
    }
    if (!analysis) return;
    void connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: analysis.findings.map(toDiagnostic) });
  }

  function schedule(doc: TextDocument, delay: number): void {
    const t = timers.get(doc.uri);
    if (t) clearTimeout(t);
    if (delay === 0) { timers.delete(doc.uri); void validate(doc); return; }
    timers.set(doc.uri, setTimeout(() => { timers.delete(doc.uri); const d = documents.get(doc.uri); if (d) void validate(d); }, delay));
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    hasConfigurationCapability = !!params.capabilities.workspace?.configuration;
    codeLensRefresh = !!params.capabilities.workspace?.codeLens?.refreshSupport;
    const opts = params.initializationOptions as { settings?: RawSettings } | undefined;
    initSettings = opts?.settings;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'mips-port', version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() => {
    if (hasConfigurationCapability) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'mipsPort' }).catch(() => undefined);
    }
  });

  connection.onDidChangeConfiguration((change) => {
    settingsCache.clear();
    analyses.clear();
    const s = (change.settings as { mipsPort?: RawSettings } | null)?.mipsPort;
    if (s && !hasConfigurationCapability) initSettings = s;
    for (const d of documents.all()) schedule(d, 0);
    if (codeLensRefresh) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  });

  documents.onDidOpen((e) => schedule(e.document, 0));
  documents.onDidChangeContent((e) => {
    // onDidChangeContent also fires on open; the open handler already validated that version.
    if (analyses.get(e.document.uri)?.version === e.document.version) return;
    schedule(e.document, CHANGE_DEBOUNCE_MS);
  });
  documents.onDidClose((e) => {
    const t = timers.get(e.document.uri);
    if (t) clearTimeout(t);
    timers.delete(e.document.uri);
    analyses.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover(async (params): Promise<Hover | null> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const a = analyse(doc, await settingsFor(doc.uri));
    return a ? hoverAt(a, params.position) : null;
  });

  connection.onCodeLens(async (params): Promise<CodeLens[]> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const a = analyse(doc, await settingsFor(doc.uri));
    return a ? codeLenses(a) : [];
  });

  documents.listen(connection);
  connection.listen();
}
