import { formatRef, familiarRef, parseImageRef, shortImage } from '../imageRef';
import { formatPlatform, parsePlatform } from '../platform';
import { imageForTarget } from './archNamesInImage';
import { newestDebianBase } from '../availability/replacements';
import { producerBuildFix } from './replacementFixes';
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
    const produced =
      m.producedHere && patterned ? producerLines(m.producedHere, patterned, m.producer?.version, target) : [];
    const repl = produced[0] ?? baseimageReplacement(ctx, m.fromImage);
    const line = ctx.missingTarget.insertLine;
    const key = ctx.missingTarget.key;
    const lines = produced.length ? [...produced, baseimageReplacement(ctx, m.fromImage)] : [repl];
    const build =
      m.producedHere && m.producer ? { folder: m.producedHere, dockerfile: m.producer.dockerfile } : undefined;
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        message:
          `No ${key}= line, so image-util.sh cannot build for ${target}: ${repl ? `add ${key}=${shortImage(repl.image)}` : 'add one naming a base that serves it'}. ${repl ? `${repl.reason}.` : ''}`.trim(),
        image: repl && !m.producedHere ? formatRefSafe(repl.image) : undefined,
        suggestions: repl && !m.producedHere ? [{ image: formatRefSafe(repl.image), reason: repl.reason }] : [],
        fixes: [
          ...lines
            .filter((r): r is { image: string; reason: string } => !!r)
            .map((r, i) => ({
              title: `Add ${key}=${r.image}`,
              isPreferred: i === 0,
              edits: [
                {
                  range: { start: { line, character: 0 }, end: { line, character: 0 } },
                  newText: `${key}=${r.image}\n`,
                },
              ],
            })),
          ...producerBuildFix(build, ctx),
        ],
      },
    ];
  },
};

/** The lines for an image a folder of this workspace builds: the tag its VERSION gives its target build
 *  (what image-util.sh pushes), then the other lines' version in their pattern when that differs. */
function producerLines(
  folder: string,
  patterned: string,
  version: string | undefined,
  target: string,
): { image: string; reason: string }[] {
  const at = patterned.lastIndexOf(':');
  const tag = patterned.slice(at + 1);
  const lead = /^v?\d+(?:\.\d+)*/.exec(tag)?.[0];
  const own =
    version && lead && at > 0 && lead !== version
      ? `${patterned.slice(0, at + 1)}${version}${tag.slice(lead.length)}`
      : undefined;
  // a single `mips-port build` of the image builds its producer first too, when the builder lacks it
  const how = `build that for ${target} first (mips-port build does when the builder lacks it, as build --all does)`;
  if (!own) return [{ image: patterned, reason: `${folder} builds it here: ${how}` }];
  return [
    { image: own, reason: `${folder} builds it here, as version ${version} (its VERSION file): ${how}` },
    { image: patterned, reason: `the other lines' version, which ${folder} (version ${version}) does not build` },
  ];
}

function formatRefSafe(s: string): string {
  const r = parseImageRef(s);
  return r.ok ? formatRef(r.ref) : s;
}
