// Code actions: each finding's fixes (edits, or an editor command), and the source action that
// applies every preferred fix of a Dockerfile at once.
import { CodeAction, CodeActionKind, Range } from 'vscode-languageserver';
import { DocumentAnalysis } from '../core/analyse';
import { preferredEdits } from '../core/fixes/editText';
import { formatPlatform, Platform } from '../core/platform';
import { rangesTouch } from '../core/textPositions';
import { Finding } from '../core/types';
import { toDiagnostic } from './diagnostics';

export const PORT_ACTION_KIND = 'source.mipsPort.port';

/** "Port this Dockerfile to <platform>": every preferred fix at once. */
export function portAction(uri: string, analysis: DocumentAnalysis, target: Platform): CodeAction | undefined {
  if (analysis.kind !== 'dockerfile') return undefined;
  const { edits, applied } = preferredEdits(analysis.findings);
  if (applied.length === 0) return undefined;
  const title = `Port this Dockerfile to ${formatPlatform(target)} (${applied.length} fix${applied.length === 1 ? '' : 'es'})`;
  return { title, kind: PORT_ACTION_KIND, edit: { changes: { [uri]: edits } } };
}

/** Quick fixes of the findings in (or touching) the requested range. */
export function codeActions(uri: string, findings: Finding[], range: Range): CodeAction[] {
  const out: CodeAction[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (!f.fixes?.length || !rangesTouch(f.range, range)) continue;
    for (const fix of f.fixes) {
      const key = `${f.ruleId} ${fix.title}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const action: CodeAction = {
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        isPreferred: fix.isPreferred,
        diagnostics: [toDiagnostic(f)],
      };
      if (fix.edits.length) action.edit = { changes: { [uri]: fix.edits } };
      if (fix.command) action.command = fix.command;
      out.push(action);
    }
  }
  return out;
}
