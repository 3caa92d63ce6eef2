import { formatRef, shortImage } from '../imageRef';
import { ALL_KINDS, Rule } from './rule';
import { CheckedUse } from '../types';
import { label, suggestionText, useName } from './describe';
import { MESSAGE_MAX } from './problemMessage';
import { replacementFixes } from './replacementFixes';

export const imageUnknown: Rule = {
  id: 'MP102',
  name: 'image-unknown',
  defaultSeverity: 'warning',
  description: 'Whether the image exists for the target platform could not be determined.',
  kinds: ALL_KINDS,
  check: (ctx) =>
    ctx.uses
      .filter((c) => c.ref && c.verdict?.status === 'unknown' && !c.use.nativeStage && !c.use.informational)
      .map((c) => ({
        range: c.use.range,
        message: `${unknownFirst(c)} ${c.verdict!.reason}${suggestionText(c.verdict!.suggestions)}`,
        image: formatRef(c.ref!),
        status: 'unknown' as const,
        source: c.verdict!.source,
        suggestions: c.verdict!.suggestions,
      })),
  fixes: replacementFixes,
};

/** What is unknown and what settles it, naming the first replacement when the sentence has room. */
function unknownFirst(c: CheckedUse): string {
  const what = `Cannot tell whether ${useName(c)} exists for ${label(c)}: check its registry`;
  const s = c.verdict!.suggestions[0];
  const withUse = s ? `${what} or use ${shortImage(s.image)}.` : '';
  return withUse && withUse.length <= MESSAGE_MAX ? withUse : `${what}.`;
}
