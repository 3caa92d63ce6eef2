import { ALL_KINDS, Rule } from './rule';

export const fileNote: Rule = {
  id: 'MP150',
  name: 'chart-values-note',
  defaultSeverity: 'info',
  description: "A Helm chart's images were read from its values: images written only in templates are not seen.",
  kinds: ALL_KINDS,
  check: (ctx) =>
    ctx.note
      ? [
          {
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            message: ctx.note,
            suggestions: [],
          },
        ]
      : [],
};
