// A BASEIMAGE line for the target whose image names another architecture (`linux/mips64le=
// REGISTRY/agnhost:2.25-linux-amd64`): image-util.sh builds the target's image on that architecture's base,
// which cannot run there. The fix names the target in the same naming.
import { formatPlatform } from '../platform';
import { otherArchInImage } from './archNamesInImage';
import { Rule, RuleFinding } from './rule';

export const baseimageOtherArch: Rule = {
  id: 'MP127',
  name: 'baseimage-target-other-arch',
  defaultSeverity: 'error',
  description: "A BASEIMAGE line for the target names another architecture's image.",
  kinds: ['baseimage'],
  check: (ctx) => {
    const want = formatPlatform(ctx.target);
    const out: RuleFinding[] = [];
    for (const c of ctx.uses) {
      const u = c.use;
      if (u.kind !== 'baseimage' || u.informational || u.platform !== want) continue;
      const o = otherArchInImage(u.text, ctx.target.arch);
      if (!o) continue;
      const start = { line: u.range.start.line, character: u.range.start.character + o.index };
      const range = { start, end: { line: start.line, character: start.character + o.name.length } };
      out.push({
        range,
        message:
          `The ${want} line names ${o.arch.oci}'s image (${o.name}): the image would be built on a base that ` +
          `cannot run on ${ctx.target.arch.oci}. Use ${o.replacement} there, in the same naming.`,
        suggestions: [],
        fixes: [{ title: `Use ${o.replacement}`, isPreferred: true, edits: [{ range, newText: o.replacement }] }],
      });
    }
    return out;
  },
};
