import { formatRef, shortImage } from '../imageRef';
import { ALL_KINDS, Rule } from './rule';
import { label, useName } from './describe';
import { MESSAGE_MAX } from './problemMessage';
import { createBaseFix, mirrorFix, producerBuildFix, replacementFixes } from './replacementFixes';
import { usesStartingAt } from '../useIndex';

export const imageMissing: Rule = {
  id: 'MP101',
  name: 'image-missing',
  defaultSeverity: 'error',
  description:
    'The image does not exist for the target platform; the build would fail or run under the wrong architecture.',
  kinds: ALL_KINDS,
  check: (ctx) =>
    ctx.uses
      .filter((c) => c.ref && c.verdict?.status === 'missing' && !c.use.nativeStage && !c.use.informational)
      .map((c) => {
        const v = c.verdict!;
        const here = c.use.producedHere;
        // the first sentence says what is wrong and what to do (it is what the Problems panel shows);
        // the verdict's reason follows as detail. Built in this workspace: that build, for the target, is
        // the port, and replacements come after
        const from = c.use.argSource ? ` (from ${c.use.argSource})` : '';
        const s = v.suggestions.map((x) => shortImage(x.image));
        const message = here
          ? `${useName(c)} has no ${label(c)} image: ${here.folder} builds it here, build that first. mips-port build of this Dockerfile does when the builder lacks it, as build --all does.`
          : s.length
            ? withSource(
                c.use.argSource,
                (f) => useFirst(`${useName(c)}${f} has no ${label(c)} image — use `, s, f ? ' there' : ''),
                v.reason,
              )
            : `${useName(c)}${from} has no ${label(c)} image: rebuild it or set a mirror. No known replacement: rebuild it for ${label(c)}, point a mirror at one, or make a Debian base (mips-port base create). ${v.reason}`;
        return {
          range: c.use.range,
          message,
          image: formatRef(c.ref!),
          status: 'missing' as const,
          source: v.source,
          suggestions: v.suggestions,
          ...(here ? { builtHere: here.folder } : {}),
        };
      }),
  fixes: function* (f, ctx) {
    const use = usesStartingAt(ctx.uses, f.range.start)[0];
    // a value from a BASEIMAGE file is fixed there (MP109 and this rule on that file)
    if (use?.use.argSource) return [];
    const here = use?.use.producedHere;
    // a swap away from the workspace's own image is a fallback then, never the preferred fix
    const swaps = (yield* replacementFixes(f, ctx)).map((x) => (here ? { ...x, isPreferred: false } : x));
    return [...producerBuildFix(here, ctx), ...swaps, ...mirrorFix(f), ...createBaseFix(f)];
  },
};

/** "… — use A or B." when it fits the Problems budget, else "… — use A." (the rest are in the hover). */
function useFirst(head: string, s: string[], tail: string): string {
  const two = s[1] ? `${head}${s[0]} or ${s[1]}${tail}.` : '';
  return two && two.length <= MESSAGE_MAX ? two : `${head}${s[0]}${tail}.`;
}

/** The first sentence names where the value comes from when it fits the budget; else the detail does. */
function withSource(argSource: string | undefined, first: (from: string) => string, reason: string): string {
  const brief = argSource?.replace(
    /^the (\S+) line of the BASEIMAGE file beside this Dockerfile$/,
    "BASEIMAGE's $1 line",
  );
  const full = brief ? first(` (from ${brief})`) : '';
  if (full && full.length <= MESSAGE_MAX) return `${full} ${reason}`;
  return argSource ? `${first('')} It comes from ${argSource}. ${reason}` : `${first('')} ${reason}`;
}
