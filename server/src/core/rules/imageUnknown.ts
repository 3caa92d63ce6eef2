import { formatRef } from '../imageRef';
import { ALL_KINDS, Rule } from './rule';
import { label, suggestionText, useName } from './describe';
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
        message: `Cannot tell whether ${useName(c)} exists for ${label(c)}. ${c.verdict!.reason}${suggestionText(c.verdict!.suggestions)}`,
        image: formatRef(c.ref!),
        status: 'unknown' as const,
        source: c.verdict!.source,
        suggestions: c.verdict!.suggestions,
      })),
  fixes: replacementFixes,
};
