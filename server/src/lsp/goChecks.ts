// The Go cross-check in the editor: one run per module on open (first time) and on save, debounced,
// a newer save cancelling the run in flight; its findings handed to the document's publisher on their
// .go files and cleared when fixed. A check that cannot run (no go) is said once per server start in a
// window notice, and on each open file of the module as MP143: never a silent skip.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Connection } from 'vscode-languageserver';
import { checkGoModule, moduleRootOf } from '../core/go/goCheck';
import { goFindings, goNotRunFinding } from '../core/go/goFindings';
import { GO_INSTALL_HINT } from '../core/go/goToolchain';
import { findFiles } from '../core/fs/walk';
import { readTextFile } from '../core/fs/readText';
import { formatPlatform } from '../core/platform';
import { Settings } from '../core/settings';
import { Finding } from '../core/types';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { uriToPath } from './uri';

const SAVE_DEBOUNCE_MS = 400;
const UNTRUSTED =
  'the workspace is not trusted (VS Code: trust the folder; other editors: the initialization option "trusted": true)';

export interface GoChecksOptions {
  connection: Connection;
  publisher: DiagnosticsPublisher;
  settingsFor: (uri: string) => Promise<Settings>;
}

export class GoChecks {
  private readonly running = new Map<string, AbortController>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly published = new Map<string, Set<string>>();
  private readonly checked = new Set<string>();
  private readonly told = new Set<string>();
  /** Open .go/go.mod documents per module: a module's check ends when its last one closes. */
  private readonly open = new Map<string, Set<string>>();
  /** Modules whose last check could not run: the MP143 note their open files carry. */
  private readonly notRun = new Map<string, { note?: Finding; label: string }>();
  private readonly connection: Connection;
  private readonly settingsFor: (uri: string) => Promise<Settings>;

  constructor(private readonly o: GoChecksOptions) {
    this.connection = o.connection;
    this.settingsFor = o.settingsFor;
  }

  static concerns(uri: string): boolean {
    return uri.startsWith('file:') && (uri.endsWith('.go') || uri.endsWith('/go.mod'));
  }

  findingsFor(uri: string): Finding[] {
    return this.o.publisher.findings(uri, 'go');
  }

  /** A .go file or go.mod was opened (`first`: check its module once) or saved (check again). */
  async touched(uri: string, first: boolean): Promise<void> {
    if (!GoChecks.concerns(uri)) return;
    const module = moduleRootOf(path.dirname(uriToPath(uri)));
    if (!module) return;
    if (first) this.open.set(module, (this.open.get(module) ?? new Set()).add(uri));
    if (first && this.checked.has(module)) {
      this.showNotRun(module); // a check that did not run says so on every file opened since
      return;
    }
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
    const r = await checkGoModule({
      moduleDir: module,
      target: settings.target,
      flags: settings.go.flags,
      go: settings.go.path,
      signal: controller.signal,
      offline: settings.offline,
    });
    if (this.running.get(module) === controller) this.running.delete(module);
    if (r.cancelled) return 0;
    if (r.problem) {
      this.connection.console.info(`mips-port: go check of ${module} for ${where} did not run: ${r.problem}`);
      // said once per server start (go missing) or once per module and problem; the rest of mips-port works on
      const key = r.problem === GO_INSTALL_HINT ? r.problem : `${module} ${r.problem}`;
      const said = r.problem === GO_INSTALL_HINT ? `${r.problem} Or set mipsPort.go.path to the go binary.` : r.problem;
      this.tellOnce(key, said, onDemand);
      const note = goNotRunFinding(r.problem, { severities: settings.severities });
      this.notRun.set(module, { note, label: `mips-port (go, ${where})` });
      this.showNotRun(module);
      return 0;
    }
    this.notRun.delete(module);
    const byFile = goFindings(r, {
      moduleDir: module,
      target: settings.target,
      read: (f) => readTextFile(f),
      severities: settings.severities,
    });
    const count = this.show(module, byFile, `mips-port (go, ${where})`);
    this.connection.console.info(
      `mips-port: go check of ${module} for ${where}: ${count} finding(s), ${r.ordinary} ordinary compile error(s) left to gopls`,
    );
    return count;
  }

  private showNotRun(module: string): void {
    const n = this.notRun.get(module);
    if (!n) return;
    const files = [...(this.open.get(module) ?? [])].map(uriToPath);
    this.show(module, new Map(files.map((f) => [f, n.note ? [n.note] : []])), n.label);
  }

  /** Hands a module's findings per file to the publisher; files that had some and have none are cleared. */
  private show(module: string, byFile: Map<string, Finding[]>, label: string): number {
    const now = new Set<string>();
    let count = 0;
    for (const [file, findings] of byFile) {
      if (findings.length === 0) continue;
      const uri = pathToFileURL(file).href;
      now.add(uri);
      count += findings.length;
      void this.o.publisher.set(uri, 'go', findings, { label });
    }
    for (const uri of this.published.get(module) ?? []) if (!now.has(uri)) void this.o.publisher.set(uri, 'go', []);
    this.published.set(module, now);
    return count;
  }
}
