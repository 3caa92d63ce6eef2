// Availability of one tag of an official image for the target, from official-images history only.
import { formatPlatform, officialArchName, officialToOci, Platform, platformLabel } from '../platform';
import { OfficialImage } from './officialImages';

/** Availability of one tag of an official image for the target, from history only. */
export interface TagAvailability {
  status: 'available' | 'missing' | 'unknown';
  reason: string;
  frozenSince?: string;
  platforms?: string[];
}

/** Has this image ever had the target arch in the data we hold? */
export function imageEverHadArch(img: OfficialImage, arch: string): boolean {
  if (arch === 'mips64le' && img.mips64le.size > 0) return true;
  for (const arches of img.current.values()) if (arches.includes(arch)) return true;
  for (const h of img.mips64le.values()) if (h.lastArchitectures.includes(arch)) return true;
  return false;
}

/** Did this tag ever serve the arch, as far as the data tells? */
function tagEverServed(img: OfficialImage, tag: string, arch: string): boolean {
  if (img.current.get(tag)?.includes(arch)) return true;
  const h = img.mips64le.get(tag);
  return h !== undefined && (arch === 'mips64le' || h.lastArchitectures.includes(arch));
}

export function tagAvailability(
  img: OfficialImage,
  tag: string,
  target: Platform,
  kbDate: string,
  listedTodayAnywhere: (arch: string) => boolean = () => true,
): TagAvailability {
  const arch = officialArchName(target);
  const label = platformLabel(target);
  const name = `${img.name}:${tag}`;
  if (!arch) {
    // loong64: docker-library never took it up, so no official tag has ever listed it
    const reason = `No official image is built for ${formatPlatform(target)}: official-images history (to ${kbDate}) never lists it.`;
    return { status: 'missing', reason };
  }
  const current = img.current.get(tag);
  // a tag that ever had mips64le: its architectures at its last listing hold for every target
  const history = img.mips64le.get(tag);
  const mips = arch === 'mips64le';
  if (current) {
    const platforms = current.map(officialToOci);
    if (current.includes(arch))
      return { status: 'available', reason: `${name} is listed today (${kbDate}) with ${label}.`, platforms };
    if (!imageEverHadArch(img, arch)) {
      return {
        status: 'missing',
        platforms,
        reason: `${name} is listed today without ${label}: the official ${img.name} image has never been built for ${label}.`,
      };
    }
    if (history && mips) {
      return {
        status: 'missing',
        platforms,
        reason: `${name} had ${label} from ${history.mipsFirst} to ${history.mipsLast}; it is still listed but is rebuilt without ${label}, so the registry no longer serves it.`,
      };
    }
    return {
      status: 'missing',
      platforms,
      reason: `${name} is listed today (${kbDate}) without ${label} (${current.join(', ')}).`,
    };
  }
  if (history) {
    const platforms = history.lastArchitectures.map(officialToOci);
    if (history.lastArchitectures.includes(arch)) {
      return {
        status: 'available',
        frozenSince: history.lastSeen,
        platforms,
        reason: `${name} is frozen since ${history.lastSeen}: no longer listed, its last build (with ${label}) stays in the registry but gets no updates.`,
      };
    }
    const lost = mips ? `${name} lost ${label} after ${history.mipsLast} and` : name;
    return {
      status: 'missing',
      platforms,
      reason: `${lost} was unlisted on ${history.lastSeen}; its frozen build has no ${label} (${history.lastArchitectures.join(', ')}).`,
    };
  }
  const gone = img.unlisted(tag);
  const platforms = gone?.architectures.map(officialToOci);
  const lastListed = gone ? ` ${name} was last listed on ${gone.lastSeen}.` : '';
  if (!imageEverHadArch(img, arch)) {
    const removed = img.removed ? ` (the image was removed from official images on ${img.removed})` : '';
    const reason = `The official ${img.name} image has never been built for ${label}${removed}.${lastListed}`;
    return { status: 'missing', platforms, reason };
  }
  const alpine = /(^|-)alpine[\d.]*($|-)/.test(tag) && img.name !== 'alpine';
  if (
    alpine &&
    ![...img.mips64le.keys(), ...img.current.keys()].some((t) => /alpine/.test(t) && tagEverServed(img, t, arch))
  ) {
    return {
      status: 'missing',
      platforms,
      reason: `${name} is built on Alpine, and no Alpine-based ${img.name} tag has ever served ${label} (Alpine itself never had ${label}).${lastListed}`,
    };
  }
  if (gone) {
    if (gone.architectures.includes(arch)) {
      return {
        status: 'available',
        frozenSince: gone.lastSeen,
        platforms,
        reason: `${name} is frozen since ${gone.lastSeen}: no longer listed, its last build stays in the registry but gets no updates.`,
      };
    }
    return {
      status: 'missing',
      platforms,
      reason: `${name} was last listed on ${gone.lastSeen}, never with ${label}: the build the registry keeps has no ${label}.`,
    };
  }
  // in neither history file: never an official tag (a typo, or a tag made after the history ends)
  const never = `${name} was never an official tag: official-images history (to ${kbDate}) never listed it; check the tag.`;
  if (!listedTodayAnywhere(arch)) {
    return { status: 'missing', reason: `${never} No official tag listed since then has ${label} either.` };
  }
  return {
    status: 'unknown',
    reason: `${never} A tag made after ${kbDate} may have ${label}: only the registry can tell.`,
  };
}
