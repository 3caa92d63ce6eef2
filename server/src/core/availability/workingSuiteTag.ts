// For a stage that runs apt when no replacement's Debian suite has working apt for the target: the tag of
// the same image and variant nearest the original's version whose suite the target's mirrors serve.
import { ImageRef, officialImageName } from '../imageRef';
import { suiteFact, suiteState } from '../packages/suiteState';
import { formatPlatform, Platform, platformLabel } from '../platform';
import { Suggestion } from '../types';
import { KnowledgeSources } from './knowledgeSources';
import { OfficialImage } from './officialImages';
import { availableTags, bestOfLine, describe } from './replacements';
import { compareVersions, flavourOf, isAlpineTag, isSmallVariant, splitTag, versionDistance } from './tagParts';

// per knowledge base: image tag and target -> the answer (php has thousands of tags to look through)
const memo = new WeakMap<KnowledgeSources, Map<string, Suggestion | undefined>>();

export function nearestOnWorkingSuite(ref: ImageRef, target: Platform, kb: KnowledgeSources): Suggestion | undefined {
  const name = officialImageName(ref);
  const img = name ? kb.official.image(name) : undefined;
  const arch = target.arch.debian;
  if (!img || !ref.tag || !arch) return undefined;
  let known = memo.get(kb);
  if (!known) memo.set(kb, (known = new Map()));
  const key = `${formatPlatform(target)}|${img.name}:${ref.tag}`;
  if (!known.has(key)) known.set(key, find(img, ref, ref.tag, target, arch, kb.official.sourceDate));
  return known.get(key);
}

function find(
  img: OfficialImage,
  ref: ImageRef,
  tag: string,
  target: Platform,
  arch: string,
  kbDate: string,
): Suggestion | undefined {
  const orig = splitTag(tag);
  const flavour = flavourOf(orig);
  const small = isSmallVariant(orig);
  const alpine = isAlpineTag(orig);
  const working = availableTags(img, target, kbDate)
    .map((c) => ({ c, p: splitTag(c.tag) }))
    .filter((x) => flavourOf(x.p) === flavour && (alpine || !isAlpineTag(x.p)))
    .map((x) => ({ ...x, fact: suiteFact({ ...ref, tag: x.c.tag, digest: undefined }) }))
    .filter((x) => x.fact !== undefined && suiteState(x.fact.suite, arch) === 'current');
  const v = orig.version;
  let best: (typeof working)[number] | undefined;
  if (v) {
    // the version line (at the original's depth) nearest the original's, then the best tag of that line
    const lines = new Map<string, typeof working>();
    for (const x of working) {
      if (!x.p.version || x.p.version.length < v.length) continue;
      const key = x.p.version.slice(0, v.length).join('.');
      lines.set(key, [...(lines.get(key) ?? []), x]);
    }
    // the same line, else the next line up or down (8.1 for 7.4, not 8.4), nearer first, newer on a tie
    const all = [...lines.entries()]
      .map(([k, xs]) => ({ line: k.split('.').map(Number), xs }))
      .sort((a, b) => compareVersions(a.line, b.line));
    const up = all.find((o) => compareVersions(o.line, v) >= 0);
    const down = all.filter((o) => compareVersions(o.line, v) < 0).pop();
    const nearest = [up, down]
      .filter((o) => o !== undefined)
      .sort((a, b) => versionDistance(a.line, v) - versionDistance(b.line, v) || compareVersions(b.line, a.line))[0];
    const pick =
      nearest &&
      bestOfLine(
        nearest.xs.map((x) => x.c),
        small,
        v.length,
      );
    best = pick && working.find((x) => x.c === pick);
  } else {
    best = working
      .filter((x) => !x.p.version)
      .reduce<(typeof working)[number] | undefined>((m, x) => (!m || x.c.lastSeen > m.c.lastSeen ? x : m), undefined);
  }
  if (!best?.fact) return undefined;
  const version = best.p.version ? `${best.p.version.join('.')} ` : '';
  return {
    image: `docker.io/library/${img.name}:${best.c.tag}`,
    reason:
      `nearest ${version}build on Debian ${best.fact.suite}${best.fact.likely ? ' (likely)' : ''}, whose apt works ` +
      `for ${arch}; serves ${platformLabel(target)} (${describe(best.c)})`,
  };
}
