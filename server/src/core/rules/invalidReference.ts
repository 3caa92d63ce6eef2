import { clip } from '../textPositions';
import { ALL_KINDS, Rule } from './rule';

export const invalidReference: Rule = {
  id: 'MP103',
  name: 'invalid-reference',
  defaultSeverity: 'error',
  description: 'The text is not a valid image reference; docker would refuse it.',
  kinds: ALL_KINDS,
  check: (ctx) =>
    ctx.uses
      .filter((c) => c.refError)
      .map((c) => ({
        range: c.use.range,
        message: `"${clip(c.use.resolved ?? c.use.text)}" is not a valid image reference: ${clip(c.refError ?? '', 200)}.`,
        status: 'unknown' as const,
        suggestions: [],
      })),
};
