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
        message: `${c.use.problem!.replace(/\.$/, '').replace('image entry not understood: ', '')}: ${todo(c.use.problem!)}`,
        suggestions: [],
      })),
};

/** What makes such an entry checkable; its availability is not checked until then. */
function todo(problem: string): string {
  if (/registry .* has no value/.test(problem))
    return 'set mipsPort.kubeTestRepoList. The entry is not understood, so it is not checked.';
  return 'check it by hand. The entry is not understood, so it is not checked.';
}
