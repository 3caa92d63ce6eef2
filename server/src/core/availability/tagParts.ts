// Splits official-image tags into version and variant words so replacements can keep the
// flavour (`perl`, `fpm`, `glibc`) while swapping the distro (`alpine` -> `bookworm`).
import { DISTRO_CODENAMES } from '../distroReleases';

export interface TagParts {
  readonly version?: readonly number[];
  readonly words: readonly string[];
}

const DISTRO_WORD = new RegExp(
  `^(alpine[\\d.]*|${DISTRO_CODENAMES.join('|')}|slim|windowsservercore.*|nanoserver.*|ltsc\\d+|\\d{4}|\\d{8})$`,
);

// Replacements split the same few thousand tags of an image on every look-up: each tag is split once.
const splitTags = new Map<string, TagParts>();

/** Shared and frozen: callers copy before they change one. */
export function splitTag(tag: string): TagParts {
  let parts = splitTags.get(tag);
  if (parts) return parts;
  const m = /^v?(\d+(?:\.\d+)*)(?:-(.*))?$/.exec(tag);
  parts = m
    ? { version: Object.freeze(m[1].split('.').map(Number)), words: Object.freeze(m[2] ? m[2].split('-') : []) }
    : { words: Object.freeze(tag.split('-')) };
  if (splitTags.size > 200000) splitTags.clear();
  splitTags.set(tag, Object.freeze(parts));
  return parts;
}

export function isDistroWord(w: string): boolean {
  return DISTRO_WORD.test(w);
}

/** Variant words that are not about the base distro: what a replacement must keep. */
const flavours = new WeakMap<TagParts, string>();

export function flavourOf(parts: TagParts): string {
  let f = flavours.get(parts);
  if (f === undefined) {
    f = parts.words
      .filter((w) => !isDistroWord(w) && w !== 'latest')
      .sort()
      .join('-');
    flavours.set(parts, f);
  }
  return f;
}

/** An Alpine-based variant (`alpine`, `alpine3.19`, `3.12-alpine-slim`). */
export function isAlpineTag(parts: TagParts): boolean {
  return parts.words.some((w) => w.startsWith('alpine'));
}

/** The tag asks for a small image (alpine or slim), so prefer `-slim` replacements. */
export function isSmallVariant(parts: TagParts): boolean {
  return parts.words.some((w) => w.startsWith('alpine') || w === 'slim');
}

export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** Distance usable for "nearest version": compares the common prefix depth first. */
export function versionDistance(a: readonly number[], b: readonly number[]): number {
  let d = 0;
  let scale = 1e6;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    d += Math.abs((a[i] ?? 0) - (b[i] ?? 0)) * scale;
    scale /= 1000;
  }
  return d;
}

export function sameVersion(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && compareVersions(a, b) === 0;
}

/** How many variant words two tags share (`bookworm`, `slim`): keeps a replacement close to the original. */
export function commonWords(a: TagParts, b: TagParts): number {
  const set = new Set(a.words);
  return b.words.filter((w) => set.has(w)).length;
}
