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
  if (!c) {
    // findings about something other than an image (a build script's platform list) carry their own hover
    const f = analysis.findings.find((x) => x.detail && rangeContains(x.range, position));
    return f?.detail ? { contents: { kind: MarkupKind.Markdown, value: f.detail }, range: f.range } : null;
  }
  return { contents: { kind: MarkupKind.Markdown, value: describe(c) }, range: c.use.range };
}
