// Ranks replacement references for an image that is missing for the target, from the knowledge
// base: same version in another variant, nearest version, then a distro swap to Debian.
import { DEBIAN_RELEASES, DebianRelease, debianReleaseIn, RPM_DISTROS } from '../distroReleases';
import { formatRef, ImageRef, officialImageName } from '../imageRef';
import { formatPlatform, Platform, platformLabel } from '../platform';
import { Suggestion } from '../types';
import { KnowledgeSources } from './knowledgeSources';
import { OfficialImage } from './officialImages';
import { tagAvailability } from './tagAvailability';
import {
  commonWords,
  compareVersions,
  flavourOf,
  isAlpineTag,
  isSmallVariant,
  sameVersion,
  splitTag,
  versionDistance,
} from './tagParts';

/** Base images whose usual port is a Debian base (they never had mips64le). */
export const DISTRO_SWAP = new Set(['alpine', 'ubuntu', ...RPM_DISTROS, 'archlinux', 'opensuse', 'busybox']);

const DEBIAN_SKIP = /(unstable|sid|testing|experimental|rc-buggy|backports|oldstable|^stable|oldoldstable)/;

export interface Candidate {
  tag: string;
  frozenSince?: string;
  lastSeen: string;
}

/** Every tag of the image that serves the target, with the date of its last build. */
const availableMemo = new WeakMap<OfficialImage, Map<string, readonly Candidate[]>>();

/** Kept per image, target and knowledge-base date: every replacement look-up of an image starts here. */
export function availableTags(img: OfficialImage, target: Platform, kbDate: string): readonly Candidate[] {
  let memo = availableMemo.get(img);
  if (!memo) availableMemo.set(img, (memo = new Map()));
  const key = `${formatPlatform(target)}|${kbDate}`;
  let tags = memo.get(key);
  if (!tags) memo.set(key, (tags = Object.freeze(listAvailableTags(img, target, kbDate))));
  return tags;
}

function listAvailableTags(img: OfficialImage, target: Platform, kbDate: string): Candidate[] {
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

export function describe(c: Candidate): string {
  return c.frozenSince ? `frozen since ${c.frozenSince}` : 'listed today';
}

/** A tag that names a Debian release with no port for the target's architecture (trixie for mips64el). */
export function debianReleaseWithoutPort(tag: string, target: Platform): DebianRelease | undefined {
  const r = debianReleaseIn(tag);
  const arch = target.arch.debian;
  return r && arch && r.noPortFor.includes(arch) ? r : undefined;
}

/** Debian's numbered tags (`13`, `13.1`) name a release too. */
function debianNumberWithoutPort(img: OfficialImage, tag: string, target: Platform): DebianRelease | undefined {
  const major = img.name === 'debian' ? /^(\d+)(\.|$|-)/.exec(tag)?.[1] : undefined;
  const r = major ? DEBIAN_RELEASES.find((x) => x.version === Number(major)) : undefined;
  return r && target.arch.debian && r.noPortFor.includes(target.arch.debian) ? r : undefined;
}

/** Among tags of one version line, the best: the line's own tag, else its newest patch; slim when asked. */
export function bestOfLine(line: Candidate[], small: boolean, depth: number): Candidate {
  const keyed = line.map((c) => {
    const p = splitTag(c.tag);
    return { c, slim: small === p.words.includes('slim') ? 0 : 1, own: p.version?.length === depth ? 0 : 1, p };
  });
  type Keyed = (typeof keyed)[number];
  const order = (a: Keyed, b: Keyed) =>
    a.slim - b.slim ||
    a.own - b.own ||
    compareVersions(b.p.version ?? [], a.p.version ?? []) ||
    a.c.tag.length - b.c.tag.length;
  return keyed.reduce((m, x) => (order(x, m) < 0 ? x : m)).c;
}

function sameImageCandidates(img: OfficialImage, tag: string, target: Platform, kbDate: string): Suggestion[] {
  const label = platformLabel(target);
  const orig = splitTag(tag);
  const flavour = flavourOf(orig);
  const small = isSmallVariant(orig);
  // never a release the target has no port of (a pre-release trixie snapshot for mips64el), and never an
  // Alpine variant for a tag that is not one: its stage's apt-get commands would stop with "not found"
  const alpine = isAlpineTag(orig);
  const pool = availableTags(img, target, kbDate).filter(
    (c) =>
      flavourOf(splitTag(c.tag)) === flavour &&
      !debianReleaseWithoutPort(c.tag, target) &&
      (alpine || !isAlpineTag(splitTag(c.tag))),
  );
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
      .sort((a, b) => slimBonus(a) - slimBonus(b) || (b.lastSeen > a.lastSeen ? 1 : b.lastSeen < a.lastSeen ? -1 : 0));
    if (same[0])
      out.push({
        image: ref(same[0].tag),
        reason: `same version ${v.join('.')}, in a variant that serves ${label} (${describe(same[0])})`,
      });
    // version lines at the original's depth: `7.2` for 7.2.14, so a frozen patch of the same line comes first
    const lines = new Map<string, Candidate[]>();
    for (const c of pool) {
      const p = splitTag(c.tag).version;
      if (!p || p.length < v.length || (p.length === v.length && sameVersion(p, v))) continue;
      const key = p.slice(0, v.length).join('.');
      if (!lines.has(key)) lines.set(key, []);
      lines.get(key)!.push(c);
    }
    const own = lines.get(v.join('.'));
    if (own && !same[0]) {
      const best = bestOfLine(own, small, v.length);
      out.push({
        image: ref(best.tag),
        reason: `newest ${v.join('.')} release that serves ${label} (${describe(best)}): same version line`,
      });
    }
    // nearest = the next line down and the next line up (12.14 before 12.1 for 13.1), nearer first
    const all = [...lines.entries()]
      .filter(([k]) => k !== v.join('.'))
      .map(([k, cs]) => ({ line: k.split('.').map(Number), best: bestOfLine(cs, small, v.length) }))
      .sort((a, b) => compareVersions(a.line, b.line));
    const older = all.filter((o) => compareVersions(o.line, v) < 0).reverse();
    const newer = all.filter((o) => compareVersions(o.line, v) > 0);
    const firstTwo = [older[0], newer[0]]
      .filter((o) => o !== undefined)
      .sort((a, b) => versionDistance(a.line, v) - versionDistance(b.line, v) || compareVersions(b.line, a.line));
    const others = [...firstTwo, ...[older[1], newer[1]].filter((o) => o !== undefined)];
    for (const o of others.slice(0, 2)) {
      const dir = compareVersions(o.line, v) > 0 ? 'newer' : 'older';
      const rank = o === others[0] ? 'nearest' : 'next nearest';
      out.push({
        image: ref(o.best.tag),
        reason: `${rank} ${dir} version that serves ${label}: ${o.line.join('.')} (${describe(o.best)})`,
      });
    }
  } else {
    // A moving tag (`latest`, `alpine`, `bookworm`): the newest build that still serves the arch. The
    // first of each kind in that order, with each candidate's keys computed once (thousands of tags).
    const keyed = pool.map((c) => {
      const p = splitTag(c.tag);
      return { c, version: p.version, common: commonWords(orig, p), slim: slimBonus(c) };
    });
    type Keyed = (typeof keyed)[number];
    const order = (a: Keyed, b: Keyed) =>
      b.common - a.common ||
      (b.c.lastSeen > a.c.lastSeen ? 1 : b.c.lastSeen < a.c.lastSeen ? -1 : 0) ||
      a.slim - b.slim ||
      (a.version && b.version ? compareVersions(b.version, a.version) : 0);
    const first = (xs: Keyed[]) => xs.reduce<Keyed | undefined>((m, x) => (!m || order(x, m) < 0 ? x : m), undefined);
    const versioned = first(keyed.filter((k) => k.version))?.c;
    const moving = first(keyed.filter((k) => !k.version))?.c;
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

const newestDebian = new WeakMap<KnowledgeSources, Map<string, Suggestion | undefined>>();

/** The newest Debian release tag that serves the target, preferring `-slim` when asked. Every missing
 *  Alpine base asks for it: found in one pass and kept per knowledge base, target and slimness. */
export function newestDebianBase(kb: KnowledgeSources, target: Platform, preferSlim: boolean): Suggestion | undefined {
  const key = `${formatPlatform(target)}|${preferSlim}`;
  let memo = newestDebian.get(kb);
  if (!memo) newestDebian.set(kb, (memo = new Map()));
  if (memo.has(key)) return memo.get(key);
  const deb = kb.official.image('debian');
  if (!deb) return undefined;
  const pool = availableTags(deb, target, kb.official.sourceDate).filter(
    (c) =>
      !DEBIAN_SKIP.test(c.tag) &&
      !debianReleaseWithoutPort(c.tag, target) &&
      !debianNumberWithoutPort(deb, c.tag, target),
  );
  const slim = (t: string) => (preferSlim === t.endsWith('-slim') ? 1 : 0);
  const dated = (t: string) => (/\d{8}/.test(t) ? 1 : 0);
  // newest last listing first, then the slimness asked for, then a dated (frozen) tag
  const better = (a: (typeof pool)[number], b: (typeof pool)[number]) =>
    // ISO dates: plain comparison orders them (localeCompare costs ~10 ms over Debian's tags)
    (a.lastSeen > b.lastSeen ? 1 : a.lastSeen < b.lastSeen ? -1 : 0) ||
    slim(a.tag) - slim(b.tag) ||
    dated(a.tag) - dated(b.tag);
  const best = pool.reduce<(typeof pool)[number] | undefined>((m, c) => (!m || better(c, m) > 0 ? c : m), undefined);
  const out = best && {
    image: `docker.io/library/debian:${best.tag}`,
    reason: `newest Debian base that serves ${platformLabel(target)} (${describe(best)}); package commands need porting to apt-get`,
  };
  memo.set(key, out);
  return out;
}

export function suggestReplacements(ref: ImageRef, target: Platform, kb: KnowledgeSources, max = 3): Suggestion[] {
  const name = officialImageName(ref);
  if (!name) return [];
  const img = kb.official.image(name);
  const out: Suggestion[] = [];
  const noPort = img && ref.tag ? releaseWithoutPort(img, ref.tag, target) : undefined;
  if (noPort && name === 'debian') {
    const deb = newestDebianBase(kb, target, /slim/.test(ref.tag ?? ''));
    if (deb) out.push({ image: deb.image, reason: `${noPort}; ${deb.reason.replace(/; package commands.*$/, '')}` });
  }
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

/** "Debian 13 (trixie) has no mips64el port", when the tag names such a release. */
export function releaseWithoutPort(img: OfficialImage, tag: string, target: Platform): string | undefined {
  const r = debianReleaseWithoutPort(tag, target) ?? debianNumberWithoutPort(img, tag, target);
  return r ? `Debian ${r.version} (${r.codename}) has no ${target.arch.debian} port` : undefined;
}
