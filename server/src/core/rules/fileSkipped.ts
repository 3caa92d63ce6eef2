import { ALL_KINDS, Rule } from './rule';

export const fileSkipped: Rule = {
  id: 'MP110',
  name: 'file-skipped',
  defaultSeverity: 'info',
  description: 'The file is a template or not readable as YAML; its images are not checked.',
  kinds: ALL_KINDS,
  check: (ctx) =>
    ctx.skipped
      ? [
          {
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            message: ctx.skipped,
            suggestions: [],
          },
        ]
      : [],
};
