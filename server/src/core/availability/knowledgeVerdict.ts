// Verdicts from the embedded knowledge base alone: official images from official-images history,
// a few non-official images from the hand-kept table. No network.
import { formatRef, ImageRef, officialImageName } from '../imageRef';
import { formatPlatform, officialArchName, Platform, platformLabel, platformMatches } from '../platform';
import { Verdict } from '../types';
import { KnowledgeSources } from './knowledgeSources';
import { archInNameVerdict } from './archInName';
import { findOtherImageFact, OtherImageFact } from './otherImages';
import { releaseWithoutPort, suggestReplacements } from './replacements';
import { imageEverHadArch, tagAvailability } from './tagAvailability';

export function knowledgeVerdict(ref: ImageRef, target: Platform, kb: KnowledgeSources): Verdict {
  const official = officialImageName(ref);
  const label = platformLabel(target);
  if (official !== undefined) {
    const img = kb.official.image(official);
    if (!img) {
      return {
        status: 'unknown',
        source: 'knowledge-base',
        suggestions: [],
        reason: `${official} is not an official Docker image known to the knowledge base (official-images ${kb.official.sourceDate}).`,
      };
    }
    if (ref.tag === undefined) {
      // Digest only: the knowledge base knows tags, not digests.
      const arch = officialArchName(target);
      if (arch && !imageEverHadArch(img, arch)) {
        return {
          status: 'missing',
          source: 'knowledge-base',
          suggestions: suggestReplacements(ref, target, kb),
          reason: `The official ${official} image has never been built for ${label}, so no digest of it serves ${label}.`,
        };
      }
      return {
        status: 'unknown',
        source: 'knowledge-base',
        suggestions: [],
        reason: `${formatRef(ref)} is pinned by digest only; the knowledge base knows tags, not digests. Only the registry can tell (look-ups are off or failed).`,
      };
    }
    const t = tagAvailability(img, ref.tag, target, kb.official.sourceDate, (a) => kb.official.listedTodayAnywhere(a));
    let reason = t.reason;
    const noPort = t.status !== 'available' ? releaseWithoutPort(img, ref.tag, target) : undefined;
    if (noPort) reason += ` ${noPort}: no build of it will serve ${label}.`;
    if (ref.digest) reason += ' The digest pin is not checked against the knowledge base.';
    const v: Verdict = {
      status: t.status,
      source: 'knowledge-base',
      reason,
      platforms: t.platforms,
      frozenSince: t.frozenSince,
      suggestions: [],
    };
    if (t.status !== 'available') v.suggestions = suggestReplacements(ref, target, kb);
    return v;
  }
  const fact = findOtherImageFact(ref, kb.other);
  if (fact) return otherImageVerdict(`${ref.registry}/${ref.repository}`, fact, target);
  const byName = archInNameVerdict(ref, target);
  if (byName) return byName;
  return {
    status: 'unknown',
    source: 'knowledge-base',
    suggestions: [],
    reason: `${ref.registry}/${ref.repository} is not in the offline knowledge base; only its registry can tell.`,
  };
}

/** A non-official image's verdict from its table row, worded from the row itself. */
export function otherImageVerdict(name: string, fact: OtherImageFact, target: Platform): Verdict {
  const matches = (list: string[] = []) =>
    list.some((p) => {
      const [os, arch, variant] = p.split('/');
      return platformMatches(target, os, arch, variant);
    });
  const platforms = fact.platforms.length ? fact.platforms : undefined;
  const t = formatPlatform(target);
  const base = { source: 'knowledge-base' as const, platforms, suggestions: [] };
  if (matches(fact.platforms))
    return { ...base, status: 'available', reason: `${name} is built for ${t} (${fact.source}).` };
  if (matches(fact.sometimes)) {
    return {
      ...base,
      status: 'unknown',
      reason: `${name} is built for ${t} only in some versions or images (${fact.source}): only its registry can tell.`,
    };
  }
  const built = [...fact.platforms, ...(fact.sometimes ?? [])].join(', ');
  return {
    ...base,
    status: 'missing',
    reason: `${name} is never built for ${t}: only for ${built} (${fact.source}). Rebuild it for ${t} or use a mirror that has it.`,
  };
}
