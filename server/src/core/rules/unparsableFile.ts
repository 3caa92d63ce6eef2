import { ALL_KINDS, Rule } from './rule';

export const unparsableFile: Rule = {
  id: 'MP107',
  name: 'unparsable-file',
  defaultSeverity: 'error',
  description: 'The file could not be read or parsed.',
  kinds: ALL_KINDS,
  check: (ctx) =>
    ctx.parseError
      ? [
          {
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            message: `The file could not be analysed: ${ctx.parseError}`,
            suggestions: [],
          },
        ]
      : [],
};
