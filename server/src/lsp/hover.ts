import { Hover, MarkupKind, Position } from 'vscode-languageserver';
import { DocumentAnalysis } from '../core/analyse';
import { rangeContains } from '../core/textPositions';
import { CheckedUse } from '../core/types';

export function hoverAt(
  analysis: DocumentAnalysis,
  position: Position,
  describe: (c: CheckedUse) => string,
): Hover | null {
  const c = analysis.uses.find((u) => rangeContains(u.use.range, position));
  if (!c) return null;
  return { contents: { kind: MarkupKind.Markdown, value: describe(c) }, range: c.use.range };
}
