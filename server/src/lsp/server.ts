// The language server: a thin adapter from LSP to the engine in core/.
import {
  CodeAction, CodeActionKind, CodeLens, CodeLensRefreshRequest, Connection, DidChangeConfigurationNotification, Hover, InitializeParams, InitializeResult,
  TextDocumentSyncKind, TextDocuments,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { uriToPath } from './uri';
import { detectFileKind } from '../core/documents/fileKind';
import { siblingFileArgs } from '../core/documents/siblingFiles';
import { readTextFile } from '../core/fs/readText';
import { analyseDocument, DocumentAnalysis } from '../core/analyse';
import { Lookup } from '../core/types';
import { AvailabilityResolver } from '../core/availability/resolver';
import { createResolver } from '../core/engine';
import { VERSION } from '../core/version';
import { normaliseSettings, RawSettings, Settings } from '../core/settings';
import { codeLenses } from './codeLens';
import { toDiagnostic } from './diagnostics';
import { hoverAt } from './hover';
import { codeActions, PORT_ACTION_KIND, portAction } from './codeActions';
import { loadRepoList } from '../core/documents/kubeRepoList';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findFiles } from '../core/fs/walk';
import { analyseWithRegistry, DocumentInput } from '../core/workspace/analyseWithRegistry';
import { portingReport } from '../core/report/portingReport';
import { ScanReport } from '../core/report/scanReport';
import { formatPlatform } from '../core/platform';

const CHANGE_DEBOUNCE_MS = 150;

export const SERVER_VERSION = VERSION;
export const COMMAND_CLEAR_CACHE = 'mipsPort.clearCache';
export const WORKSPACE_IMAGES = 'mipsPort/workspaceImages';

export interface WorkspaceImages {
  platform: string;
  counts: Record<'available' | 'missing' | 'unknown', number>;
  images: { image: string; status: 'available' | 'missing' | 'unknown'; source?: string; reason: string; suggestions: { image: string; reason: string }[]; uses: { uri: string; line: number }[] }[];
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let cacheDir: string | undefined;
  let workspaceRoot: string | undefined;
  let clientCommands = false;
  // One resolver per distinct registry configuration (folders may differ); rebuilt on settings change.
  const resolvers = new Map<string, AvailabilityResolver>();
  let hasConfigurationCapability = false;
  let codeLensRefresh = false;
  let initSettings: RawSettings | undefined;
  const settingsCache = new Map<string, Promise<Settings>>();
  const analyses = new Map<string, { key: string; analysis: DocumentAnalysis }>();
  const timers = new Map<string, NodeJS.Timeout>();
  const repoLists = new Map<string, Record<string, string>>();
  const reported = new Set<string>();

  function resolverFor(s: Settings): AvailabilityResolver {
    const key = JSON.stringify([s.offline, s.registryMirrors, s.insecureRegistries, s.cacheTtlHours, s.registryTimeoutSeconds, s.mirrorTemplates]);
    let r = resolvers.get(key);
    if (!r) {
      r = createResolver({ settings: s, cacheDir, onWarning: (m) => void connection.window.showWarningMessage(`mips-port: ${m}`) });
      resolvers.set(key, r);
    }
    return r;
  }
  const lookupFor = (s: Settings): Lookup => {
    const r = resolverFor(s);
    return (ref, platform) => r.local(ref, platform);
  };

  function settingsFor(uri: string): Promise<Settings> {
    let s = settingsCache.get(uri);
    if (!s) {
      s = (hasConfigurationCapability
        ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'mipsPort' }).then((raw: RawSettings) => raw, () => initSettings)
        : Promise.resolve(initSettings)).then((raw) => {
        const n = normaliseSettings(raw);
        if (n.kubeTestRepoList) {
          const file = path.isAbsolute(n.kubeTestRepoList) || !workspaceRoot ? n.kubeTestRepoList : path.join(workspaceRoot, n.kubeTestRepoList);
          const r = loadRepoList(file);
          if (r.ok) repoLists.set(uri, r.map); else n.problems.push(`mipsPort.kubeTestRepoList: ${r.error}`);
        }
        for (const p of n.problems) {
          if (!reported.has(p)) { reported.add(p); void connection.window.showWarningMessage(`mips-port: ${p}`); }
        }
        return n;
      });
      settingsCache.set(uri, s);
    }
    return s;
  }

  /** A file's text as the user sees it: the open document, else the disk. */
  function readWorkspaceFile(file: string): string | undefined {
    return documents.get(pathToFileURL(file).href)?.getText() ?? readTextFile(file);
  }

  function analyse(doc: TextDocument, settings: Settings): DocumentAnalysis | undefined {
    const file = uriToPath(doc.uri);
    const kind = detectFileKind(file) ?? (doc.languageId === 'dockerfile' ? 'dockerfile' : undefined);
    // the BASEIMAGE file beside a Dockerfile supplies $BASEIMAGE; its edits change this analysis too
    const fileArgs = kind === 'dockerfile' && doc.uri.startsWith('file:') ? siblingFileArgs(file, settings.target, readWorkspaceFile) : undefined;
    const key = `${doc.version}:${fileArgs ? JSON.stringify(fileArgs) : ''}`;
    const cached = analyses.get(doc.uri);
    if (cached && cached.key === key) return cached.analysis;
    const analysis = analyseDocument(file, doc.getText(), {
      target: settings.target,
      lookup: lookupFor(settings),
      severities: settings.severities,
      buildArgs: settings.buildArgs,
      fileArgs,
      kind,
      kubeTestRepoList: repoLists.get(doc.uri),
      localImagePrefixes: settings.localImagePrefixes,
    });
    if (analysis) analyses.set(doc.uri, { key, analysis });
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
    await refineFromRegistry(current, version, analysis, settings);
  }

  /** Asks the registry for what the first publish answered locally, then publishes again. */
  async function refineFromRegistry(doc: TextDocument, version: number, analysis: DocumentAnalysis, settings: Settings): Promise<void> {
    if (await resolverFor(settings).resolvePending(analysis.uses) === 0) return;
    const latest = documents.get(doc.uri);
    if (!latest || latest.version !== version) return; // a newer version has its own validation
    analyses.delete(doc.uri);
    const again = analyse(latest, settings);
    if (!again) return;
    void connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: again.findings.map(toDiagnostic) });
    if (codeLensRefresh) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  async function revalidateAll(): Promise<void> {
    settingsCache.clear();
    analyses.clear();
    for (const d of documents.all()) schedule(d, 0);
    if (codeLensRefresh) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
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
    const opts = params.initializationOptions as { settings?: RawSettings; cacheDir?: string; clientCommands?: boolean } | undefined;
    clientCommands = opts?.clientCommands === true;
    initSettings = opts?.settings;
    if (typeof opts?.cacheDir === 'string' && opts.cacheDir) cacheDir = opts.cacheDir;
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    if (folder) workspaceRoot = uriToPath(folder);
    workspaceFolders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [COMMAND_CLEAR_CACHE] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, PORT_ACTION_KIND] },
      },
      serverInfo: { name: 'mips-port', version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() => {
    if (hasConfigurationCapability) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'mipsPort' }).catch(() => undefined);
    }
  });

  connection.onNotification('workspace/didChangeWorkspaceFolders', (p: { event: { added: { uri: string }[]; removed: { uri: string }[] } }) => {
    const removed = new Set(p.event.removed.map((f) => uriToPath(f.uri)));
    workspaceFolders = [...workspaceFolders.filter((f) => !removed.has(f)), ...p.event.added.map((f) => uriToPath(f.uri))];
  });

  connection.onDidChangeConfiguration((change) => {
    const s = (change.settings as { mipsPort?: RawSettings } | null)?.mipsPort;
    if (s && !hasConfigurationCapability) initSettings = s;
    resolvers.clear();
    repoLists.clear();
    void revalidateAll();
  });

  let workspaceFolders: string[] = [];

  /** Every image the workspace uses (open documents as edited, other files from disk), for the tree view. */
  connection.onRequest(WORKSPACE_IMAGES, async (): Promise<WorkspaceImages> => {
    const folders = workspaceFolders.length ? workspaceFolders : workspaceRoot ? [workspaceRoot] : [];
    const files = findFiles(folders).files;
    const settings = await settingsFor(folders[0] ? pathToFileURL(folders[0]).href : '');
    const docs: (DocumentInput & { uri: string })[] = [];
    for (const f of files) {
      const uri = pathToFileURL(f).href;
      const text = readWorkspaceFile(f);
      if (text === undefined) continue; // unreadable: the scan reports it
      const fileArgs = detectFileKind(f) === 'dockerfile' ? siblingFileArgs(f, settings.target, readWorkspaceFile) : undefined;
      docs.push({ uri, path: f, text, options: { target: settings.target, buildArgs: settings.buildArgs, fileArgs, kubeTestRepoList: repoLists.get(uri), localImagePrefixes: settings.localImagePrefixes } });
    }
    const analyses = await analyseWithRegistry(docs, resolverFor(settings));
    const scan: ScanReport = { platform: formatPlatform(settings.target), files: docs.flatMap((d, i) => (analyses[i] ? [{ file: d.uri, findings: analyses[i]!.findings }] : [])) };
    const report = portingReport(scan);
    return { platform: report.platform, counts: report.counts, images: report.images.map((i) => ({ ...i, uses: i.uses.map((u) => ({ uri: u.file, line: u.line - 1 })) })) };
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command === COMMAND_CLEAR_CACHE) {
      let removed = 0;
      for (const r of resolvers.values()) { removed += r.clearCache(); r.forget(); }
      await revalidateAll();
      return { removed };
    }
    return null;
  });

  const opened = new Map<string, number>();
  documents.onDidOpen((e) => { opened.set(e.document.uri, e.document.version); schedule(e.document, 0); });
  documents.onDidChangeContent((e) => {
    // onDidChangeContent also fires on open; the open handler already validates that version.
    if (opened.get(e.document.uri) === e.document.version) return;
    schedule(e.document, CHANGE_DEBOUNCE_MS);
    scheduleDockerfilesBeside(e.document.uri);
  });
  documents.onDidClose((e) => scheduleDockerfilesBeside(e.document.uri)); // back to the disk copy
  connection.onDidChangeWatchedFiles((p) => { for (const c of p.changes) scheduleDockerfilesBeside(c.uri); });

  /** An edited BASEIMAGE file changes $BASEIMAGE in the open Dockerfiles of its folder. */
  function scheduleDockerfilesBeside(uri: string): void {
    if (!uri.startsWith('file:') || detectFileKind(uriToPath(uri)) !== 'baseimage') return;
    const dir = path.dirname(uriToPath(uri));
    for (const d of documents.all()) {
      if (d.uri !== uri && d.uri.startsWith('file:') && path.dirname(uriToPath(d.uri)) === dir && detectFileKind(uriToPath(d.uri)) === 'dockerfile') schedule(d, CHANGE_DEBOUNCE_MS);
    }
  }
  documents.onDidClose((e) => {
    opened.delete(e.document.uri);
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

  connection.onCodeAction(async (params): Promise<CodeAction[]> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const settings = await settingsFor(doc.uri);
    const a = analyse(doc, settings);
    if (!a) return [];
    const only = params.context.only;
    const out: CodeAction[] = [];
    if (!only || only.some((k) => CodeActionKind.QuickFix.startsWith(k) || k.startsWith(CodeActionKind.QuickFix))) out.push(...codeActions(doc.uri, a, params.range));
    if (!only || only.some((k) => PORT_ACTION_KIND.startsWith(k))) {
      const port = portAction(doc.uri, a, settings.target);
      if (port) out.push(port);
    }
    return out;
  });

  connection.onCodeLens(async (params): Promise<CodeLens[]> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const a = analyse(doc, await settingsFor(doc.uri));
    return a ? codeLenses(a, clientCommands) : [];
  });

  documents.listen(connection);
  connection.listen();
}
