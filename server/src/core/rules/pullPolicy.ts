import { Rule, RuleContext } from './rule';
import { formatRef } from '../imageRef';

export const pullPolicy: Rule = {
  id: 'MP111',
  name: 'pull-policy-always',
  defaultSeverity: 'hint',
  description:
    'An image rebuilt locally for the target is pulled with imagePullPolicy Always, which replaces it with the registry copy (or fails).',
  kinds: ['yaml'],
  check: (ctx) => {
    const out = [];
    for (const c of ctx.uses) {
      if (c.use.kind !== 'yaml' || !c.ref || !c.use.yamlPath || c.use.yamlPath.startsWith('services.')) continue;
      const name = formatRef(c.ref);
      const local = ctx.localImagePrefixes.some((p) => c.use.resolved!.startsWith(p) || name.startsWith(p));
      if (!local) continue;
      const policy = c.use.pullPolicy?.value;
      const implicitAlways = policy === undefined && c.ref.tag === 'latest' && !c.ref.digest;
      if (policy !== 'Always' && !implicitAlways) continue;
      const edits = c.use.pullPolicy
        ? [{ range: c.use.pullPolicy.range, newText: 'IfNotPresent' }]
        : [
            {
              range: {
                start: { line: c.use.range.start.line + 1, character: 0 },
                end: { line: c.use.range.start.line + 1, character: 0 },
              },
              newText: `${' '.repeat(indentOfKey(ctx, c.use.range.start.line, c.use.range.start.character))}imagePullPolicy: IfNotPresent\n`,
            },
          ];
      out.push({
        range: c.use.pullPolicy?.range ?? c.use.range,
        message: `${policy ? 'imagePullPolicy: Always' : 'The default pull policy of :latest'} pulls your local ${ctx.target.arch.oci} build away: use imagePullPolicy: IfNotPresent. ${c.use.resolved} is one of your locally built images (mipsPort.localImagePrefixes), but ${policy ? 'imagePullPolicy: Always' : 'the default policy for :latest (Always)'} makes the kubelet pull it from the registry instead of using the ${ctx.target.arch.oci} build on the node.`,
        image: name,
        suggestions: [],
        fixes: [{ title: 'Set imagePullPolicy: IfNotPresent', isPreferred: true, edits }],
      });
    }
    return out;
  },
};

/** Indent of the `image:` key on its line (after a `- ` list marker, when the item starts there). */
function indentOfKey(ctx: RuleContext, line: number, valueChar: number): number {
  const lead = ctx.document.indentOf(line);
  // "    - image: x" -> keys of that item are indented past "- "; "      image: x" -> the key's own indent
  return Math.min(valueChar - 'image: '.length, Math.max(lead, valueChar - 'image: '.length));
}
