import { formatRef } from '../imageRef';
import { Rule } from './rule';
import { label, suggestionText, useName } from './describe';

export const imageUnknown: Rule = {
  id: 'MP102',
  name: 'image-unknown',
  defaultSeverity: 'warning',
  description: 'Whether the image exists for the target platform could not be determined.',
  check: (ctx) => ctx.uses.filter((c) => c.ref && c.verdict?.status === 'unknown' && !c.use.nativeStage && !c.use.informational).map((c) => ({
    range: c.use.range,
    message: `Cannot tell whether ${useName(c)} exists for ${label(c)}. ${c.verdict!.reason}${suggestionText(c.verdict!.suggestions)}`,
    image: formatRef(c.ref!),
    status: 'unknown' as const,
    source: c.verdict!.source,
    suggestions: c.verdict!.suggestions,
  })),
};
