// Open documents' analyses: published at once from what is known locally, then again when the
// registries answer; a change debounces briefly; an edited BASEIMAGE re-checks the Dockerfiles beside it.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeLensRefreshRequest, Connection, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalysis } from '../core/analyse';
import { detectFileKind } from '../core/documents/fileKind';
import { baseimageFileFor } from '../core/documents/siblingFiles';
import { PortingService } from '../core/service';
import { Settings } from '../core/settings';
import { ReadDocument, readFromDisk } from '../core/workspace/scan';
import { AnalysisRuns } from './analysisRuns';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { SettingsStore } from './settingsStore';
import { uriToPath } from './uri';

const CHANGE_DEBOUNCE_MS = 150;

export interface DocumentAnalysesOptions {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: PortingService;
  settings: SettingsStore;
  publisher: DiagnosticsPublisher;
  /** The client re-asks for code lenses when told (workspace/codeLens/refresh). */
  codeLensRefresh: boolean;
  /** Called after the registries answered for a document (the server tells registry trouble once). */
  onRefined: () => void;
}

export class DocumentAnalyses {
  private readonly analyses = new Map<string, { key: string; analysis: DocumentAnalysis }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly opened = new Map<string, number>();
  private readonly connection: Connection;
  private readonly documents: TextDocuments<TextDocument>;
  private readonly service: PortingService;
  private readonly settings: SettingsStore;
  private readonly runs = new AnalysisRuns();

  constructor(private readonly o: DocumentAnalysesOptions) {
    this.connection = o.connection;
    this.documents = o.documents;
    this.service = o.service;
    this.settings = o.settings;
  }

  /** A file's text as the user sees it: the open document, else the disk. */
  readonly read: ReadDocument = (file) => {
    const open = this.documents.get(pathToFileURL(file).href);
    return open ? { ok: true, text: open.getText() } : readFromDisk(file);
  };

  /** Analysed in slices (a huge document does not stop the server answering); a newer version of the
   *  document, or its closing, stops a run that is no longer wanted (it resolves to undefined). */
  analyse(doc: TextDocument, settings: Settings): Promise<DocumentAnalysis | undefined> {
    // real files and unsaved buffers only: a git: or other virtual copy must not get problems of its own
    if (!/^(file|untitled):/.test(doc.uri)) return Promise.resolve(undefined);
    const file = uriToPath(doc.uri);
    const kind = detectFileKind(file) ?? (doc.languageId === 'dockerfile' ? 'dockerfile' : undefined);
    if (!kind) return Promise.resolve(undefined);
    // files beside a Dockerfile (BASEIMAGE) are read only for documents on disk
    const onDisk: ReadDocument = doc.uri.startsWith('file:')
      ? this.read
      : () => ({ ok: false, absent: true, reason: 'not a file' });
    const baseimage = baseimageFileFor(file);
    const sibling = kind === 'dockerfile' ? onDisk(baseimage) : undefined;
    const key = `${doc.version}:${sibling?.ok ? sibling.text : ''}`;
    const cached = this.analyses.get(doc.uri);
    if (cached && cached.key === key) return Promise.resolve(cached.analysis);
    // the BASEIMAGE text the key was made from is the one the analysis reads: one read per analysis
    const read: ReadDocument = (f) => (f === baseimage && sibling ? sibling : onDisk(f));
    // deferIndexes: the first diagnostics do not wait for a package index; refine() brings it
    const stale = () => this.documents.get(doc.uri)?.version !== doc.version;
    const start = () =>
      this.service.analyseInSlices(file, doc.getText(), settings, { kind, read, deferIndexes: true, stop: stale });
    return this.runs.run(doc.uri, key, start, (analysis) => this.analyses.set(doc.uri, { key, analysis }));
  }

  async forDocument(
    uri: string,
  ): Promise<{ doc: TextDocument; analysis: DocumentAnalysis; settings: Settings } | undefined> {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    const settings = await this.settings.get(uri);
    const analysis = await this.analyse(doc, settings);
    return analysis ? { doc, analysis, settings } : undefined;
  }

  private async validate(doc: TextDocument): Promise<void> {
    const version = doc.version;
    const settings = await this.settings.get(doc.uri);
    const current = this.documents.get(doc.uri);
    // a newer edit arrived while settings were fetched: its own validation publishes
    if (!current || current.version !== version) return;
    let analysis: DocumentAnalysis | undefined;
    try {
      analysis = await this.analyse(current, settings);
    } catch (e) {
      this.connection.console.error(
        `mips-port: analysis of ${doc.uri} failed: ${e instanceof Error ? e.stack : String(e)}`,
      );
      return;
    }
    // none: not a document it reads, or a newer version stopped this run (its own validation publishes)
    if (!analysis) return;
    // the local verdicts go out first; registry requests and index loads start only once they are written
    await this.o.publisher.set(doc.uri, 'analysis', analysis.findings, { version });
    await new Promise((r) => setImmediate(r));
    const changed = await this.service.refine(analysis, settings);
    this.o.onRefined();
    if (changed === 0) return;
    const latest = this.documents.get(doc.uri);
    if (!latest || latest.version !== version) return; // a newer version has its own validation
    this.analyses.delete(doc.uri);
    const again = await this.analyse(latest, settings);
    if (!again) return;
    void this.o.publisher.set(doc.uri, 'analysis', again.findings, { version });
    this.refreshLenses();
  }

  refreshLenses(): void {
    if (this.o.codeLensRefresh) this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  schedule(doc: TextDocument, delay: number): void {
    const t = this.timers.get(doc.uri);
    if (t) clearTimeout(t);
    if (delay === 0) {
      this.timers.delete(doc.uri);
      void this.validate(doc);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(doc.uri);
      const d = this.documents.get(doc.uri);
      if (d) void this.validate(d);
    }, delay);
    this.timers.set(doc.uri, timer);
  }

  revalidateAll(): void {
    this.settings.forget();
    this.analyses.clear();
    this.runs.forgetAll();
    for (const d of this.documents.all()) this.schedule(d, 0);
    this.refreshLenses();
  }

  /** An edited BASEIMAGE file changes $BASEIMAGE in the open Dockerfiles of its folder. */
  scheduleDockerfilesBeside(uri: string): void {
    if (!uri.startsWith('file:') || detectFileKind(uriToPath(uri)) !== 'baseimage') return;
    const dir = path.dirname(uriToPath(uri));
    for (const d of this.documents.all()) {
      if (d.uri === uri || !d.uri.startsWith('file:')) continue;
      const f = uriToPath(d.uri);
      if (path.dirname(f) === dir && detectFileKind(f) === 'dockerfile') this.schedule(d, CHANGE_DEBOUNCE_MS);
    }
  }

  listen(): void {
    this.documents.onDidOpen((e) => {
      this.opened.set(e.document.uri, e.document.version);
      this.schedule(e.document, 0);
    });
    this.documents.onDidChangeContent((e) => {
      // onDidChangeContent also fires on open; the open handler already validates that version
      if (this.opened.get(e.document.uri) === e.document.version) return;
      this.schedule(e.document, CHANGE_DEBOUNCE_MS);
      this.scheduleDockerfilesBeside(e.document.uri);
    });
    this.documents.onDidClose((e) => {
      const uri = e.document.uri;
      this.scheduleDockerfilesBeside(uri); // back to the disk copy
      this.opened.delete(uri);
      const t = this.timers.get(uri);
      if (t) clearTimeout(t);
      this.timers.delete(uri);
      this.analyses.delete(uri);
      this.runs.forget(uri);
      this.settings.forget(uri);
      void this.o.publisher.set(uri, 'analysis', []);
    });
  }
}
