import { formatRef, familiarRef, parseImageRef, shortImage } from '../imageRef';
import { formatPlatform, parsePlatform } from '../platform';
import { imageForTarget } from './archNamesInImage';
import { newestDebianBase } from '../availability/replacements';
import { Rule, RuleContext } from './rule';

/** The base for the target, chosen from the linux/amd64 line's image. */
export function baseimageReplacement(
  ctx: RuleContext,
  fromImage: string | undefined,
): { image: string; reason: string } | undefined {
  if (fromImage) {
    const r = parseImageRef(fromImage);
    if (r.ok) {
      const v = ctx.lookup(r.ref, ctx.target);
      if (v.status === 'available')
        return {
          image: familiarRef(r.ref),
          reason: `${familiarRef(r.ref)} (the linux/amd64 base) also serves ${formatPlatform(ctx.target)}`,
        };
      if (v.suggestions[0]) return { image: shortImage(v.suggestions[0].image), reason: v.suggestions[0].reason };
    }
  }
  const deb = newestDebianBase(ctx.knowledge, ctx.target, true);
  return deb ? { image: shortImage(deb.image), reason: deb.reason } : undefined;
}

export const baseimageTargetMissing: Rule = {
  id: 'MP109',
  name: 'baseimage-target-missing',
  defaultSeverity: 'warning',
  description: 'A Kubernetes BASEIMAGE file has no line for the target platform, so the image cannot be built for it.',
  kinds: ['baseimage'],
  check: (ctx) => {
    if (!ctx.missingTarget) return [];
    const target = formatPlatform(ctx.target);
    const m = ctx.missingTarget;
    // the other lines name an image this workspace builds: build it for the target and use it, first
    // the target's name in the pattern the other lines follow (`…-linux-amd64` -> `…-linux-mips64le`)
    const fromArch = m.fromPlatform ? parsePlatform(m.fromPlatform) : undefined;
    const patterned =
      m.fromImage && imageForTarget(m.fromImage, fromArch?.ok ? fromArch.platform.arch : undefined, ctx.target.arch);
    const repl =
      m.producedHere && patterned
        ? {
            image: patterned,
            reason: `${m.producedHere} builds it here: build that for ${target} first (mips-port build --all does, in order)`,
          }
        : baseimageReplacement(ctx, m.fromImage);
    const line = ctx.missingTarget.insertLine;
    const key = ctx.missingTarget.key;
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        message:
          `No ${key}= line, so image-util.sh cannot build for ${target}: ${repl ? `add ${key}=${shortImage(repl.image)}` : 'add one naming a base that serves it'}. ${repl ? `${repl.reason}.` : ''}`.trim(),
        image: repl && !m.producedHere ? formatRefSafe(repl.image) : undefined,
        suggestions: repl && !m.producedHere ? [{ image: formatRefSafe(repl.image), reason: repl.reason }] : [],
        fixes: [repl, m.producedHere ? baseimageReplacement(ctx, m.fromImage) : undefined]
          .filter((r): r is { image: string; reason: string } => !!r)
          .map((r, i) => ({
            title: `Add ${key}=${r.image}`,
            isPreferred: i === 0,
            edits: [
              { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${key}=${r.image}\n` },
            ],
          })),
      },
    ];
  },
};

function formatRefSafe(s: string): string {
  const r = parseImageRef(s);
  return r.ok ? formatRef(r.ref) : s;
}
