import { CodeAction, CodeActionKind, Diagnostic, Range } from 'vscode-languageserver';
import { DocumentAnalysis } from '../core/analyse';
import { Finding } from '../core/types';
import { toDiagnostic } from './diagnostics';
import { preferredEdits } from '../core/fixes/editText';
import { formatPlatform, Platform } from '../core/platform';

export const PORT_ACTION_KIND = 'source.mipsPort.port';

function overlaps(a: Range, b: Range): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** Quick fixes of the findings in (or touching) the requested range. */
/** "Port this Dockerfile to <platform>": every preferred fix at once. */
export function portAction(uri: string, analysis: DocumentAnalysis, target: Platform): CodeAction | undefined {
  if (analysis.kind !== 'dockerfile') return undefined;
  const { edits, applied } = preferredEdits(analysis.findings);
  if (applied.length === 0) return undefined;
  return { title: `Port this Dockerfile to ${formatPlatform(target)} (${applied.length} fix${applied.length === 1 ? '' : 'es'})`, kind: PORT_ACTION_KIND, edit: { changes: { [uri]: edits } } };
}

export function codeActions(uri: string, analysis: DocumentAnalysis, range: Range, _context: Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  const seen = new Set<string>();
  for (const f of analysis.findings as Finding[]) {
    if (!f.fixes?.length || !overlaps(f.range, range)) continue;
    for (const fix of f.fixes) {
      const key = `${f.ruleId} ${fix.title}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        isPreferred: fix.isPreferred,
        diagnostics: [toDiagnostic(f)],
        edit: { changes: { [uri]: fix.edits } },
      });
    }
  }
  // Nothing in any registry serves it, or it is a distro base: offer to make a Debian base (client command).
  const missing = analysis.findings.find((f) => f.ruleId === 'MP101' && overlaps(f.range, range) && (f.suggestions.length === 0 || /debian:/.test(f.suggestions.map((x) => x.image).join(' '))));
  if (missing) out.push({ title: 'Create a Debian base for the target (mmdebstrap through QEMU)…', kind: CodeActionKind.QuickFix, diagnostics: [toDiagnostic(missing)], command: { title: 'Create a Debian base', command: 'mipsPort.createDebianBase' } });
  return out;
}
