import { formatRef } from '../imageRef';
import { samePosition } from '../textPositions';
import { ALL_KINDS, Rule } from './rule';
import { label, suggestionText, useName } from './describe';
import { createBaseFix, replacementFixes } from './replacementFixes';

export const imageMissing: Rule = {
  id: 'MP101',
  name: 'image-missing',
  defaultSeverity: 'error',
  description:
    'The image does not exist for the target platform; the build would fail or run under the wrong architecture.',
  kinds: ALL_KINDS,
  check: (ctx) =>
    ctx.uses
      .filter((c) => c.ref && c.verdict?.status === 'missing' && !c.use.nativeStage && !c.use.informational)
      .map((c) => {
        const v = c.verdict!;
        const todo = v.suggestions.length
          ? suggestionText(v.suggestions)
          : ` No replacement is known: rebuild ${useName(c)} for ${label(c)}, point a mirror at one, or make a Debian base (mips-port base create).`;
        return {
          range: c.use.range,
          message: `${useName(c)}${c.use.argSource ? ` (from ${c.use.argSource})` : ''} is not available for ${label(c)}. ${v.reason}${todo}${c.use.argSource ? ' Change it there.' : ''}`,
          image: formatRef(c.ref!),
          status: 'missing' as const,
          source: v.source,
          suggestions: v.suggestions,
        };
      }),
  fixes: (f, ctx) => {
    const use = ctx.uses.find((c) => samePosition(c.use.range.start, f.range.start));
    // a value from a BASEIMAGE file is fixed there (MP109 and this rule on that file)
    return use?.use.argSource ? [] : [...replacementFixes(f, ctx), ...createBaseFix(f)];
  },
};
