// Applying LSP-style edits to a text, and merging the preferred fixes of a document into one edit.
import { LineIndex, rangesOverlap } from '../textPositions';
import { Finding, TextEdit } from '../types';

export function applyEdits(text: string, edits: TextEdit[]): string {
  const idx = new LineIndex(text);
  const withOffsets = edits.map((e) => ({ e, s: idx.offset(e.range.start), t: idx.offset(e.range.end) }));
  withOffsets.sort((a, b) => b.s - a.s || b.t - a.t);
  let out = text;
  for (const { e, s, t } of withOffsets) out = out.slice(0, s) + e.newText + out.slice(t);
  return out;
}

/** Every preferred fix of the findings, as one set of non-overlapping edits (first come, first kept). */
export function preferredEdits(findings: Finding[]): { edits: TextEdit[]; applied: string[]; skipped: string[] } {
  const kept: TextEdit[] = [];
  const applied: string[] = [];
  const skipped: string[] = [];
  const key = (e: TextEdit) =>
    `${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character}=${e.newText}`;
  const seen = new Set<string>();
  for (const f of findings) {
    const fix = f.fixes?.find((x) => x.isPreferred && x.edits.length > 0);
    if (!fix) continue;
    const fresh = fix.edits.filter((e) => !seen.has(key(e)));
    const clash = fresh.some((e) =>
      kept.some((k) => {
        const empty = (x: TextEdit) =>
          x.range.start.line === x.range.end.line && x.range.start.character === x.range.end.character;
        if (empty(e) && empty(k)) return false;
        return rangesOverlap(e.range, k.range);
      }),
    );
    if (clash) {
      skipped.push(fix.title);
      continue;
    }
    for (const e of fresh) {
      kept.push(e);
      seen.add(key(e));
    }
    applied.push(fix.title);
  }
  return { edits: kept, applied, skipped };
}
