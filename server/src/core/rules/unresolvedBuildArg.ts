import { Rule } from './rule';

export const unresolvedBuildArg: Rule = {
  id: 'MP104',
  name: 'unresolved-build-arg',
  defaultSeverity: 'info',
  description: 'The image name depends on a build argument with no default; its value comes from --build-arg.',
  check: (ctx) => ctx.uses.filter((c) => c.use.unresolved.length > 0).map((c) => {
    const names = [...new Set(c.use.unresolved)];
    return {
      range: c.use.range,
      message: `${c.use.text} is set by --build-arg ${names.map((n) => `${n}=…`).join(' ')} at build time; it has no default here, so its availability is not checked. Add the value to the mipsPort.buildArgs setting (or --build-arg) to check it.`,
      suggestions: [],
    };
  }),
};
