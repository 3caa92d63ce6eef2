// What the server holds for its client, built once on `initialize` from the client's parameters: the
// engine's service (with the client's cache folder), the settings, the one diagnostics publisher every
// source hands its findings to, the open documents' analyses and the Go check.
import { pathToFileURL } from 'node:url';
import { Connection, InitializeParams, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createPortingService, PortingService } from '../core/service';
import { RawSettings, Settings } from '../core/settings';
import { RegistryUnreachableNotification } from '../shared/protocol';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { DocumentAnalyses } from './documentAnalyses';
import { GoChecks } from './goChecks';
import { SettingsStore } from './settingsStore';
import { sendNotification } from './typedProtocol';
import { uriToPath } from './uri';

/** The server's initialization options (a documented contract for other editors). */
export interface InitOptions {
  settings?: RawSettings;
  cacheDir?: string;
  clientCommands?: boolean;
  /** Workspace Trust: only `true` lets the server run programs and use restricted settings. */
  trusted?: boolean;
}

export class ServerState {
  readonly settings: SettingsStore;
  readonly service: PortingService;
  readonly publisher: DiagnosticsPublisher;
  readonly analyses: DocumentAnalyses;
  readonly goChecks: GoChecks;
  /** The client runs mips-port's editor commands from lenses (the VS Code extension). */
  readonly clientCommands: boolean;
  workspaceFolders: string[];
  private readonly toldUnreachable = new Set<string>();

  constructor(
    readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
    params: InitializeParams,
  ) {
    const options = (params.initializationOptions as InitOptions | undefined) ?? {};
    this.clientCommands = options.clientCommands === true;
    this.settings = new SettingsStore(connection);
    this.settings.pull = !!params.capabilities.workspace?.configuration;
    this.settings.fallback = options.settings;
    this.settings.trusted = options.trusted === true;
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    if (folder) this.settings.workspaceRoot = uriToPath(folder);
    this.workspaceFolders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri));
    const cacheDir = typeof options.cacheDir === 'string' && options.cacheDir ? options.cacheDir : undefined;
    const onWarning = (m: string) => void connection.window.showWarningMessage(`MIPS Port: ${m}`);
    this.service = createPortingService({ cacheDir, onWarning });
    this.publisher = new DiagnosticsPublisher(connection);
    this.analyses = new DocumentAnalyses({
      connection,
      documents,
      service: this.service,
      settings: this.settings,
      publisher: this.publisher,
      codeLensRefresh: !!params.capabilities.workspace?.codeLens?.refreshSupport,
      onRefined: () => this.tellUnreachable(),
    });
    this.goChecks = new GoChecks({
      connection,
      publisher: this.publisher,
      settingsFor: (uri) => this.settings.get(uri),
    });
  }

  /** The workspace folders, else the root the client named. */
  folders(): string[] {
    if (this.workspaceFolders.length) return this.workspaceFolders;
    return this.settings.workspaceRoot ? [this.settings.workspaceRoot] : [];
  }

  /** The settings of the first workspace folder (workspace-wide commands). */
  folderSettings(): Promise<Settings> {
    const roots = this.folders();
    return this.settings.get(roots[0] ? pathToFileURL(roots[0]).href : '');
  }

  /** Registry trouble is said once per registry and server start, not on every diagnostic. */
  private tellUnreachable(): void {
    for (const why of this.service.unreachableRegistries()) {
      if (this.toldUnreachable.has(why)) continue;
      this.toldUnreachable.add(why);
      void sendNotification(this.connection, RegistryUnreachableNotification, { message: why });
    }
  }
}
