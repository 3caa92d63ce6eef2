import { ALL_KINDS, Rule } from './rule';

export const fileNote: Rule = {
  id: 'MP150',
  name: 'chart-values-note',
  defaultSeverity: 'info',
  description: "What a Helm chart's values or a kustomization's resources leave unseen (templates, remote bases).",
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
