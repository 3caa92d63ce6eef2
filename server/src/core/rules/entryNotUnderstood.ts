import { ALL_KINDS, Rule } from './rule';

export const entryNotUnderstood: Rule = {
  id: 'MP108',
  name: 'entry-not-understood',
  defaultSeverity: 'info',
  description:
    'An image entry mips-port cannot read: a manifest.go entry whose registry or version is computed, a YAML container or service whose image is missing or not a string.',
  kinds: ALL_KINDS,
  check: (ctx) =>
    ctx.uses
      .filter((c) => c.use.problem)
      .map((c) => ({
        range: c.use.range,
        message: `${c.use.problem} Its availability is not checked.`,
        suggestions: [],
      })),
};
