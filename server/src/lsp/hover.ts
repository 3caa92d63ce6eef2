import { Hover, MarkupKind, Position } from 'vscode-languageserver';
import { DocumentAnalysis } from '../core/analyse';
import { rangeContains } from '../core/textPositions';
import { CheckedUse } from '../core/types';

/** The use under the cursor described, then the rest of each finding there: its Problems entry is one
 *  sentence, the why (sources, dates, alternatives) is read here. */
export function hoverAt(
  analysis: DocumentAnalysis,
  position: Position,
  describe: (c: CheckedUse) => string,
): Hover | null {
  const c = analysis.uses.find((u) => rangeContains(u.use.range, position));
  const details = analysis.findings
    .filter((f) => f.detail && rangeContains(f.range, position))
    .map((f) => `**${f.ruleId}** ${f.detail}`);
  if (!c && details.length === 0) return null;
  const parts = [...(c ? [describe(c)] : []), ...details];
  const range = c?.use.range ?? analysis.findings.find((f) => f.detail && rangeContains(f.range, position))!.range;
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range };
}
