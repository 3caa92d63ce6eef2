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
const UNTRUSTED =
  'the workspace is not trusted (VS Code: trust the folder; other editors: the initialization option "trusted": true)';

export class GoChecks {
  private readonly running = new Map<string, AbortController>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly findings = new Map<string, { findings: Finding[]; source: string }>();
  private readonly published = new Map<string, Set<string>>();
  private readonly checked = new Set<string>();
  private readonly told = new Set<string>();
  /** Open .go/go.mod documents per module: a module's check ends when its last one closes. */
  private readonly open = new Map<string, Set<string>>();
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
    if (!module) return;
    if (first) this.open.set(module, (this.open.get(module) ?? new Set()).add(uri));
    if (first && this.checked.has(module)) return;
    const settings = await this.settingsFor(uri);
    if (!settings.trusted) {
      this.tellOnce(UNTRUSTED, UNTRUSTED);
      return;
    }
    if (!settings.go.enabled || !this.open.get(module)?.has(uri)) return;
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

  /** A document was closed: when it was its module's last open one, the module's check stops. */
  closed(uri: string): void {
    if (!GoChecks.concerns(uri)) return;
    for (const [module, uris] of this.open) {
      if (!uris.delete(uri) || uris.size > 0) continue;
      this.open.delete(module);
      this.stop(module);
    }
  }

  /** Stops every check, pending or running (shutdown). */
  stopAll(): void {
    for (const module of new Set([...this.timers.keys(), ...this.running.keys()])) this.stop(module);
  }

  /** Forgets which modules were checked (trust was granted: check them on their next open or save). */
  recheckOpen(): void {
    this.checked.clear();
    for (const uris of this.open.values()) for (const uri of uris) void this.touched(uri, false);
  }

  private stop(module: string): void {
    const t = this.timers.get(module);
    if (t) clearTimeout(t);
    this.timers.delete(module);
    this.running.get(module)?.abort();
    this.running.delete(module);
    this.checked.delete(module);
  }

  private tellOnce(key: string, problem: string, always = false): void {
    if (!always && this.told.has(key)) return;
    this.told.add(key);
    void this.connection.window.showWarningMessage(`MIPS Port: Go check not run: ${problem}`);
  }

  /** On demand: the module of `uri`, or every module under the folders; resolves when all are done. */
  async checkNow(uri: string | undefined, folders: string[]): Promise<{ modules: number; findings: number }> {
    const modules = uri
      ? [moduleRootOf(path.dirname(uriToPath(uri)))].filter((m): m is string => !!m)
      : findFiles(folders, (f) => path.basename(f) === 'go.mod').files.map((f) => path.dirname(f));
    let findings = 0;
    for (const m of modules) {
      const settings = await this.settingsFor(pathToFileURL(path.join(m, 'go.mod')).href);
      if (!settings.trusted) {
        this.tellOnce(UNTRUSTED, UNTRUSTED, true);
        break;
      }
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
      offline: settings.offline,
    });
    if (this.running.get(module) === controller) this.running.delete(module);
    if (r.cancelled) return 0;
    if (r.problem) {
      // said once per session (go missing) or once per module and problem; the rest of mips-port works on
      const key = r.problem === GO_INSTALL_HINT ? r.problem : `${module} ${r.problem}`;
      this.tellOnce(key, r.problem, onDemand);
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
