// Quick fixes for images named as plain values (a BASEIMAGE line, a YAML `image:`): swap in the
// replacement, keeping the quotes the YAML used. Dockerfiles have their own (stage porting).
import { CheckedUse, Finding } from '../types';
import { shortImage } from '../imageRef';
import { samePosition } from '../textPositions';

export function imageSwapFixes(text: string, uses: CheckedUse[], findings: Finding[]): void {
  const lines = text.split('\n');
  for (const f of findings) {
    if ((f.ruleId !== 'MP101' && f.ruleId !== 'MP102') || f.suggestions.length === 0 || f.fixes?.length) continue;
    const use = uses.find((c) => (c.use.kind === 'baseimage' || c.use.kind === 'yaml') && c.ref && samePosition(c.use.range.start, f.range.start));
    if (!use || use.use.range.start.line !== use.use.range.end.line) continue;
    const written = (lines[use.use.range.start.line] ?? '').slice(use.use.range.start.character, use.use.range.end.character);
    const quote = /^(["'])/.exec(written)?.[1] ?? '';
    f.fixes = f.suggestions.map((s, i) => {
      const image = shortImage(s.image);
      return { title: `Use ${image}`, isPreferred: i === 0, edits: [{ range: use.use.range, newText: `${quote}${image}${quote}` }] };
    });
  }
}
