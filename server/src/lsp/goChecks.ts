// The Go cross-check in the editor: one run per module on open (first time) and on save, debounced,
// a newer save cancelling the run in flight; its findings published on their .go files (merged with
// any other analysis of the same file) and cleared when fixed.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Connection, Diagnostic } from 'vscode-languageserver';
import { checkGoModule, moduleRootOf } from '../core/go/goCheck';
import { goFindings } from '../core/go/goFindings';
import { GO_INSTALL_HINT } from '../core/go/goToolchain';
import { findFiles } from '../core/fs/walk';
import { readTextFile } from '../core/fs/readText';
import { formatPlatform } from '../core/platform';
import { Settings } from '../core/settings';
import { Finding } from '../core/types';
import { toDiagnostic } from './diagnostics';
import { uriToPath } from './uri';

const SAVE_DEBOUNCE_MS = 400;

export class GoChecks {
  private readonly running = new Map<string, AbortController>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly findings = new Map<string, { findings: Finding[]; source: string }>();
  private readonly published = new Map<string, Set<string>>();
  private readonly checked = new Set<string>();
  private readonly told = new Set<string>();
  /** Other diagnostics of a URI (the document analyses), to publish alongside. */
  others: (uri: string) => Diagnostic[] = () => [];

  constructor(
    private readonly connection: Connection,
    private readonly settingsFor: (uri: string) => Promise<Settings>,
  ) {}

  static concerns(uri: string): boolean {
    return uri.startsWith('file:') && (uri.endsWith('.go') || uri.endsWith('/go.mod'));
  }

  findingsFor(uri: string): Finding[] {
    return this.findings.get(uri)?.findings ?? [];
  }

  diagnosticsFor(uri: string): Diagnostic[] {
    const f = this.findings.get(uri);
    return f ? f.findings.map((x) => ({ ...toDiagnostic(x), source: f.source })) : [];
  }

  /** A .go file or go.mod was opened (`first`: check its module once) or saved (check again). */
  async touched(uri: string, first: boolean): Promise<void> {
    if (!GoChecks.concerns(uri)) return;
    const module = moduleRootOf(path.dirname(uriToPath(uri)));
    if (!module || (first && this.checked.has(module))) return;
    const settings = await this.settingsFor(uri);
    if (!settings.go.enabled) return;
    this.checked.add(module);
    const t = this.timers.get(module);
    if (t) clearTimeout(t);
    this.timers.set(
      module,
      setTimeout(() => {
        this.timers.delete(module);
        void this.run(module, settings);
      }, SAVE_DEBOUNCE_MS),
    );
  }

  /** On demand: the module of `uri`, or every module under the folders; resolves when all are done. */
  async checkNow(uri: string | undefined, folders: string[]): Promise<{ modules: number; findings: number }> {
    const modules = uri
      ? [moduleRootOf(path.dirname(uriToPath(uri)))].filter((m): m is string => !!m)
      : findFiles(folders, (f) => path.basename(f) === 'go.mod').files.map((f) => path.dirname(f));
    let findings = 0;
    for (const m of modules) {
      const settings = await this.settingsFor(pathToFileURL(path.join(m, 'go.mod')).href);
      findings += await this.run(m, settings, true);
    }
    if (modules.length === 0)
      void this.connection.window.showInformationMessage('MIPS Port: no go.mod found: no Go code to check');
    return { modules: modules.length, findings };
  }

  private async run(module: string, settings: Settings, onDemand = false): Promise<number> {
    this.running.get(module)?.abort(); // a newer save supersedes the run in flight
    const controller = new AbortController();
    this.running.set(module, controller);
    const where = formatPlatform(settings.target);
    this.connection.console.info(`mips-port: go check of ${module} for ${where}`);
    const r = await checkGoModule({
      moduleDir: module,
      target: settings.target,
      flags: settings.go.flags,
      signal: controller.signal,
    });
    if (this.running.get(module) === controller) this.running.delete(module);
    if (r.cancelled) return 0;
    if (r.problem) {
      // said once per session (go missing) or once per module and problem; the rest of mips-port works on
      const key = r.problem === GO_INSTALL_HINT ? r.problem : `${module} ${r.problem}`;
      if (onDemand || !this.told.has(key)) {
        this.told.add(key);
        void this.connection.window.showWarningMessage(`MIPS Port: Go check not run: ${r.problem}`);
      }
      return 0;
    }
    const source = `mips-port (go, ${where})`;
    const byFile = goFindings(r, module, settings.target, (f) => readTextFile(f));
    const now = new Set<string>();
    let count = 0;
    for (const [file, findings] of byFile) {
      const uri = pathToFileURL(file).href;
      now.add(uri);
      count += findings.length;
      this.findings.set(uri, { findings, source });
      this.publish(uri);
    }
    for (const uri of this.published.get(module) ?? []) {
      if (now.has(uri)) continue;
      this.findings.delete(uri);
      this.publish(uri);
    }
    this.published.set(module, now);
    this.connection.console.info(
      `mips-port: go check of ${module}: ${count} finding(s), ${r.ordinary} ordinary compile error(s) left to gopls`,
    );
    return count;
  }

  private publish(uri: string): void {
    void this.connection.sendDiagnostics({ uri, diagnostics: [...this.others(uri), ...this.diagnosticsFor(uri)] });
  }
}
