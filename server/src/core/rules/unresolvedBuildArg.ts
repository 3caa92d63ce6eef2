import { formatPlatform } from '../platform';
import { ALL_KINDS, Rule } from './rule';

export const unresolvedBuildArg: Rule = {
  id: 'MP104',
  name: 'unresolved-build-arg',
  defaultSeverity: 'info',
  description:
    'The image name depends on a value known only at build or deploy time (a build argument without default, a placeholder, a variable).',
  kinds: ALL_KINDS,
  check: (ctx) =>
    ctx.uses
      .filter((c) => c.use.unresolved.length > 0 && !c.use.informational)
      .map((c) => {
        const names = [...new Set(c.use.unresolved)];
        let message: string;
        if (c.use.problem) message = c.use.problem;
        else if (c.use.argSource)
          message = `${c.use.text} has no ${formatPlatform(ctx.target)} value, so it is not checked: add one where it comes from. It comes from ${c.use.argSource}.`;
        else if (c.use.placeholder)
          message = `FROM ${c.use.text} is not checked: add a BASEIMAGE file beside this Dockerfile. Kubernetes' image-util.sh replaces the placeholder with that file's line for the architecture.`;
        else if (c.use.kind === 'baseimage')
          message = `${c.use.text} is not checked: image-util.sh fills in REGISTRY at build time; check the image it builds.`;
        else if (c.use.kind === 'yaml')
          message = `${c.use.text} is not checked: a variable fills it in at deploy time; check the image it becomes.`;
        else
          message = `${c.use.text} not checked: set ${names.join(', ')} in mipsPort.buildArgs (or --build-arg) to check it. It has no default here.`;
        return { range: c.use.range, message, suggestions: [] };
      }),
};
