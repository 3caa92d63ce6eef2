// One publisher for every document's diagnostics: each source of findings for a URI (the document's
// analysis, the Go check) hands its own here, and the document gets one merged list. No source
// publishes by itself, so none overwrites another's.
import { Connection, Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { Finding } from '../core/types';
import { toDiagnostic } from './diagnostics';

export type FindingSource = 'analysis' | 'go';

/** Problems one file shows in the editor (the LSP sample's maxNumberOfProblems default); past it the most
 *  severe are kept and one more problem says how many are not shown. No real file has this many; a
 *  generated one with tens of thousands would make megabytes of JSON per publish and a useless panel. */
export const MAX_PROBLEMS_PER_FILE = 1000;

interface Part {
  findings: Finding[];
  /** The diagnostics' `source` when it is not plain `mips-port` (`mips-port (go, linux/mips64le)`). */
  label?: string;
}

export class DiagnosticsPublisher {
  private readonly parts = new Map<string, Map<FindingSource, Part>>();

  constructor(private readonly connection: Connection) {}

  /** Replaces one source's findings for a document and publishes the document's merged diagnostics. */
  set(
    uri: string,
    source: FindingSource,
    findings: Finding[],
    o: { label?: string; version?: number } = {},
  ): Promise<void> {
    const parts = this.parts.get(uri) ?? new Map<FindingSource, Part>();
    if (findings.length) parts.set(source, { findings, label: o.label });
    else parts.delete(source);
    if (parts.size) this.parts.set(uri, parts);
    else this.parts.delete(uri);
    return this.connection
      .sendDiagnostics({ uri, version: o.version, diagnostics: this.diagnostics(uri) })
      .catch(() => undefined);
  }

  /** One source's findings for a document (the Go check's, for its quick fixes). */
  findings(uri: string, source: FindingSource): Finding[] {
    return this.parts.get(uri)?.get(source)?.findings ?? [];
  }

  /** Every source's diagnostics for a document, analysis first; at most MAX_PROBLEMS_PER_FILE of them. */
  diagnostics(uri: string): Diagnostic[] {
    return capped(this.allDiagnostics(uri));
  }

  private allDiagnostics(uri: string): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const source of ['analysis', 'go'] as const) {
      const part = this.parts.get(uri)?.get(source);
      for (const f of part?.findings ?? []) {
        const d = toDiagnostic(f);
        out.push(part?.label ? { ...d, source: part.label } : d);
      }
    }
    return out;
  }
}

/** The most severe MAX_PROBLEMS_PER_FILE in their order, and one saying how many more the file has. */
function capped(all: Diagnostic[]): Diagnostic[] {
  if (all.length <= MAX_PROBLEMS_PER_FILE) return all;
  const rank = (d: Diagnostic) => d.severity ?? DiagnosticSeverity.Error;
  const keep = all
    .map((d, at) => ({ d, at }))
    .sort((a, b) => rank(a.d) - rank(b.d) || a.at - b.at)
    .slice(0, MAX_PROBLEMS_PER_FILE)
    .sort((a, b) => a.at - b.at)
    .map((x) => x.d);
  const more = all.length - keep.length;
  const zero = { line: 0, character: 0 };
  keep.push({
    range: { start: zero, end: zero },
    severity: DiagnosticSeverity.Information,
    source: 'mips-port',
    message: `${more.toLocaleString('en-US')} more problems in this file are not shown (the editor shows the first ${MAX_PROBLEMS_PER_FILE.toLocaleString('en-US')}, the most severe first): \`mips-port scan\` on the file lists all ${all.length.toLocaleString('en-US')}.`,
  });
  return keep;
}
