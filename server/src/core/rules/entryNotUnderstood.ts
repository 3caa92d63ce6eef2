import { Rule } from './rule';

export const entryNotUnderstood: Rule = {
  id: 'MP108',
  name: 'entry-not-understood',
  defaultSeverity: 'info',
  description: 'A manifest.go image entry has a shape mips-port cannot resolve (its registry or version is computed).',
  kinds: ['manifest-go'],
  check: (ctx) =>
    ctx.uses
      .filter((c) => c.use.problem)
      .map((c) => ({
        range: c.use.range,
        message: `${c.use.problem} Its availability is not checked.`,
        suggestions: [],
      })),
};
