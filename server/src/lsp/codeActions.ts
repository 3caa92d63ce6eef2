import { CodeAction, CodeActionKind, Diagnostic, Range } from 'vscode-languageserver';
import { DocumentAnalysis } from '../core/analyze';
import { Finding } from '../core/types';
import { toDiagnostic } from './diagnostics';

function overlaps(a: Range, b: Range): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** Quick fixes of the findings in (or touching) the requested range. */
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
  return out;
}
