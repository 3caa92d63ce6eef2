// Ranks replacement references for an image that is missing for the target, from the knowledge
// base: same version in another variant, nearest version, then a distro swap to Debian.
import { RPM_DISTROS } from '../distroReleases';
import { formatRef, ImageRef, officialImageName } from '../imageRef';
import { Platform, platformLabel } from '../platform';
import { Suggestion } from '../types';
import { KnowledgeSources } from './knowledgeSources';
import { OfficialImage } from './officialImages';
import { tagAvailability } from './tagAvailability';
import {
  commonWords,
  compareVersions,
  flavourOf,
  isSmallVariant,
  sameVersion,
  splitTag,
  versionDistance,
} from './tagParts';

/** Base images whose usual port is a Debian base (they never had mips64le). */
export const DISTRO_SWAP = new Set(['alpine', 'ubuntu', ...RPM_DISTROS, 'archlinux', 'opensuse', 'busybox']);

const DEBIAN_SKIP = /(unstable|sid|testing|experimental|rc-buggy|backports|oldstable|^stable|oldoldstable)/;

interface Candidate {
  tag: string;
  frozenSince?: string;
  lastSeen: string;
}

/** Every tag of the image that serves the target, with the date of its last build. */
export function availableTags(img: OfficialImage, target: Platform, kbDate: string): Candidate[] {
  const out = new Map<string, Candidate>();
  for (const tag of img.current.keys()) {
    const a = tagAvailability(img, tag, target, kbDate);
    if (a.status === 'available') out.set(tag, { tag, lastSeen: kbDate });
  }
  for (const [tag, h] of img.mips64le) {
    if (out.has(tag)) continue;
    const a = tagAvailability(img, tag, target, kbDate);
    if (a.status === 'available') out.set(tag, { tag, frozenSince: a.frozenSince, lastSeen: h.lastSeen });
  }
  return [...out.values()];
}

function describe(c: Candidate): string {
  return c.frozenSince ? `frozen since ${c.frozenSince}` : 'listed today';
}

function sameImageCandidates(img: OfficialImage, tag: string, target: Platform, kbDate: string): Suggestion[] {
  const label = platformLabel(target);
  const orig = splitTag(tag);
  const flavour = flavourOf(orig);
  const small = isSmallVariant(orig);
  const pool = availableTags(img, target, kbDate).filter((c) => flavourOf(splitTag(c.tag)) === flavour);
  const slimBonus = (c: Candidate) => (small === splitTag(c.tag).words.includes('slim') ? 0 : 1);
  const out: Suggestion[] = [];
  const ref = (t: string) => `docker.io/library/${img.name}:${t}`;

  if (orig.version) {
    const v = orig.version;
    const same = pool
      .filter((c) => {
        const p = splitTag(c.tag);
        return p.version && sameVersion(p.version, v);
      })
      .sort((a, b) => slimBonus(a) - slimBonus(b) || b.lastSeen.localeCompare(a.lastSeen));
    if (same[0])
      out.push({
        image: ref(same[0].tag),
        reason: `same version ${v.join('.')} in a variant that serves ${label} (${describe(same[0])})`,
      });
    const others = pool.filter((c) => {
      const p = splitTag(c.tag);
      return p.version && p.version.length === v.length && !sameVersion(p.version, v);
    });
    const newer = others.filter((c) => compareVersions(splitTag(c.tag).version as number[], v) > 0);
    const older = others.filter((c) => compareVersions(splitTag(c.tag).version as number[], v) < 0);
    const byDistance = (a: Candidate, b: Candidate) =>
      versionDistance(splitTag(a.tag).version as number[], v) -
        versionDistance(splitTag(b.tag).version as number[], v) ||
      (a.frozenSince ? 0 : 1) - (b.frozenSince ? 0 : 1) ||
      slimBonus(a) - slimBonus(b);
    newer.sort(byDistance);
    older.sort(byDistance);
    if (newer[0])
      out.push({
        image: ref(newer[0].tag),
        reason: `nearest newer version that serves ${label} (${describe(newer[0])})`,
      });
    if (older[0])
      out.push({
        image: ref(older[0].tag),
        reason: `nearest older version that serves ${label} (${describe(older[0])})`,
      });
  } else {
    // A moving tag (`latest`, `alpine`, `bookworm`): the newest build that still serves the arch.
    const byNewest = [...pool].sort((a, b) => {
      const va = splitTag(a.tag).version;
      const vb = splitTag(b.tag).version;
      return (
        commonWords(orig, splitTag(b.tag)) - commonWords(orig, splitTag(a.tag)) ||
        b.lastSeen.localeCompare(a.lastSeen) ||
        slimBonus(a) - slimBonus(b) ||
        (va && vb ? compareVersions(vb, va) : va ? -1 : vb ? 1 : 0)
      );
    });
    const versioned = byNewest.find((c) => splitTag(c.tag).version);
    const moving = byNewest.find((c) => !splitTag(c.tag).version);
    const v = versioned && {
      image: ref(versioned.tag),
      reason: `newest pinned version that serves ${label} (${describe(versioned)})`,
    };
    const m = moving && {
      image: ref(moving.tag),
      reason: `newest ${moving.tag} build that serves ${label} (${describe(moving)})`,
    };
    // `bookworm-slim` is best replaced by a dated `bookworm-…-slim`; `latest` by a pinned version.
    const movingFirst = moving !== undefined && commonWords(orig, splitTag(moving.tag)) > 0;
    for (const x of movingFirst ? [m, v] : [v, m]) if (x) out.push(x);
  }
  return out;
}

/** The newest Debian release tag that serves the target, preferring `-slim` when asked. */
export function newestDebianBase(kb: KnowledgeSources, target: Platform, preferSlim: boolean): Suggestion | undefined {
  const deb = kb.official.image('debian');
  if (!deb) return undefined;
  const pool = availableTags(deb, target, kb.official.sourceDate).filter((c) => !DEBIAN_SKIP.test(c.tag));
  pool.sort(
    (a, b) =>
      b.lastSeen.localeCompare(a.lastSeen) ||
      (preferSlim === b.tag.endsWith('-slim') ? 1 : 0) - (preferSlim === a.tag.endsWith('-slim') ? 1 : 0) ||
      (/\d{8}/.test(b.tag) ? 1 : 0) - (/\d{8}/.test(a.tag) ? 1 : 0),
  );
  const best = pool[0];
  if (!best) return undefined;
  return {
    image: `docker.io/library/debian:${best.tag}`,
    reason: `newest Debian base that serves ${platformLabel(target)} (${describe(best)}); package commands need porting to apt-get`,
  };
}

export function suggestReplacements(ref: ImageRef, target: Platform, kb: KnowledgeSources, max = 3): Suggestion[] {
  const name = officialImageName(ref);
  if (!name) return [];
  const img = kb.official.image(name);
  const out: Suggestion[] = [];
  if (img && ref.tag) out.push(...sameImageCandidates(img, ref.tag, target, kb.official.sourceDate));
  if (DISTRO_SWAP.has(name)) {
    const deb = newestDebianBase(
      kb,
      target,
      name === 'alpine' || name === 'busybox' || (ref.tag ? isSmallVariant(splitTag(ref.tag)) : false),
    );
    if (deb) out.push(deb);
  }
  const seen = new Set<string>([formatRef(ref)]);
  return out.filter((s) => (seen.has(s.image) ? false : (seen.add(s.image), true))).slice(0, max);
}
