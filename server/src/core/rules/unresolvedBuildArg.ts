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
          message = `${c.use.text} comes from ${c.use.argSource}; its image for ${formatPlatform(ctx.target)} is not known here, so its availability is not checked.`;
        else if (c.use.placeholder)
          message = `FROM ${c.use.text} is the placeholder Kubernetes' image-util.sh replaces with the BASEIMAGE file's line for the architecture; there is no BASEIMAGE file beside this Dockerfile, so its availability is not checked.`;
        else if (c.use.kind === 'baseimage')
          message = `${c.use.text} uses the REGISTRY placeholder that Kubernetes' image-util.sh fills in at build time; its availability is not checked.`;
        else if (c.use.kind === 'yaml')
          message = `${c.use.text} is filled in by a variable at deploy time; its availability is not checked.`;
        else
          message = `${c.use.text} is set by --build-arg ${names.map((n) => `${n}=…`).join(' ')} at build time; it has no default here, so its availability is not checked. Add the value to the mipsPort.buildArgs setting (or --build-arg) to check it.`;
        return { range: c.use.range, message, suggestions: [] };
      }),
};
