// Quick fixes for images named as plain values (a BASEIMAGE line, a YAML `image:`): swap in the
// replacement, keeping the quotes the YAML used. Dockerfiles have their own (baseSwap).
import { ParsedDocument } from '../documents/parsedDocument';
import { shortImage } from '../imageRef';
import { samePosition } from '../textPositions';
import { CheckedUse, Finding, Fix } from '../types';

export function valueSwapFixes(f: Finding, doc: ParsedDocument, uses: CheckedUse[]): Fix[] {
  if (f.suggestions.length === 0) return [];
  const use = uses.find(
    (c) =>
      (c.use.kind === 'baseimage' || c.use.kind === 'yaml') && c.ref && samePosition(c.use.range.start, f.range.start),
  );
  if (!use || use.use.range.start.line !== use.use.range.end.line) return [];
  const written = (doc.lines[use.use.range.start.line] ?? '').slice(
    use.use.range.start.character,
    use.use.range.end.character,
  );
  const quote = /^(["'])/.exec(written)?.[1] ?? '';
  return f.suggestions.map((s, i) => {
    const image = shortImage(s.image);
    return {
      title: `Use ${image}`,
      isPreferred: i === 0,
      edits: [{ range: use.use.range, newText: `${quote}${image}${quote}` }],
    };
  });
}
