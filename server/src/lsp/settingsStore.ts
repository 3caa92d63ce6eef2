// mipsPort.* settings per document: asked of the client (workspace/configuration) once per URI until
// they change, normalised and loaded by the engine, problems shown once.
import { Connection } from 'vscode-languageserver';
import { loadSettings, RawSettings, Settings } from '../core/settings';

export class SettingsStore {
  private readonly byUri = new Map<string, Promise<Settings>>();
  private readonly reported = new Set<string>();
  /** The client answers workspace/configuration (else: initializationOptions and didChangeConfiguration). */
  pull = false;
  fallback: RawSettings | undefined;
  workspaceRoot: string | undefined;
  /** Workspace Trust, from the client (initialization option `trusted`, then mipsPort/didChangeTrust);
   *  an editor that says nothing gets an untrusted workspace: nothing run, no restricted setting used. */
  trusted = false;

  constructor(private readonly connection: Connection) {}

  get(uri: string): Promise<Settings> {
    let s = this.byUri.get(uri);
    if (!s) {
      const raw = this.pull
        ? this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'mipsPort' }).then(
            (r: RawSettings) => r,
            () => this.fallback,
          )
        : Promise.resolve(this.fallback);
      const trusted = this.trusted;
      s = raw.then((r) => {
        const settings = loadSettings({ ...(r ?? {}), trusted }, this.workspaceRoot);
        for (const p of settings.problems) {
          if (this.reported.has(p)) continue;
          this.reported.add(p);
          void this.connection.window.showWarningMessage(`MIPS Port: ${p}`);
        }
        return settings;
      });
      this.byUri.set(uri, s);
    }
    return s;
  }

  forget(uri?: string): void {
    if (uri === undefined) this.byUri.clear();
    else this.byUri.delete(uri);
  }
}
