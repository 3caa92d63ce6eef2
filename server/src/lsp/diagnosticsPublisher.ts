// One publisher for every document's diagnostics: each source of findings for a URI (the document's
// analysis, the Go check) hands its own here, and the document gets one merged list. No source
// publishes by itself, so none overwrites another's.
import { Connection, Diagnostic } from 'vscode-languageserver';
import { Finding } from '../core/types';
import { toDiagnostic } from './diagnostics';

export type FindingSource = 'analysis' | 'go';

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

  /** Every source's diagnostics for a document, analysis first. */
  diagnostics(uri: string): Diagnostic[] {
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
