import { formatRef } from '../imageRef';
import { ALL_KINDS, Rule } from './rule';
import { label, useName } from './describe';

export const imageAvailable: Rule = {
  id: 'MP100',
  name: 'image-available',
  defaultSeverity: 'hint',
  description: 'The image exists for the target platform.',
  kinds: ALL_KINDS,
  check: (ctx) =>
    ctx.uses
      .filter((c) => c.ref && c.verdict?.status === 'available' && !c.use.nativeStage && !c.use.informational)
      .map((c) => ({
        range: c.use.range,
        message: `${useName(c)} is available for ${label(c)}. ${c.verdict?.reason ?? ''}`.trim(),
        image: formatRef(c.ref!),
        status: 'available' as const,
        source: c.verdict!.source,
        suggestions: [],
      })),
};
