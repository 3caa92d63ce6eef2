// Verdicts from the embedded knowledge base alone: official images from official-images history,
// a few non-official images from the hand-kept table. No network.
import { formatRef, ImageRef, officialImageName } from '../imageRef';
import { formatPlatform, officialArchName, Platform, platformLabel, platformMatches } from '../platform';
import { Verdict } from '../types';
import { KnowledgeSources } from './knowledgeSources';
import { findOtherImageFact } from './otherImages';
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
  if (fact) {
    const has = fact.platforms.some((p) => {
      const [os, arch, variant] = p.split('/');
      return platformMatches(target, os, arch, variant);
    });
    return {
      status: has ? 'available' : 'missing',
      source: 'knowledge-base',
      platforms: fact.platforms,
      suggestions: [],
      reason: has
        ? `${ref.registry}/${ref.repository} is published for ${formatPlatform(target)} according to ${fact.source}.`
        : `${ref.registry}/${ref.repository} is published for ${fact.platforms.join(', ')} only, according to ${fact.source}; rebuild it for ${label} or use a mirror that has it.`,
    };
  }
  return {
    status: 'unknown',
    source: 'knowledge-base',
    suggestions: [],
    reason: `${ref.registry}/${ref.repository} is not in the offline knowledge base; only its registry can tell.`,
  };
}
