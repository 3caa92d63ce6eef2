// A verdict from what a registry (or the cache) said about a reference: its platforms, whether the
// target is among them, and the knowledge base's frozen date when the image is official.
import { familiarRef, ImageRef } from '../imageRef';
import { formatPlatform, Platform, platformLabel, platformMatches } from '../platform';
import { formatEntry } from '../registry/manifest';
import { cutList } from '../registry/registryText';
import { Suggestion, Verdict } from '../types';
import { CacheEntry } from './diskCache';
import { ago } from './lookupKeys';

/** What a verdict is made from: the reference and target, the registry's (or cache's) entry and where it
 *  came from, the knowledge base's verdict (official images) and the replacements, asked only when missing. */
export interface EntryVerdictInput {
  ref: ImageRef;
  platform: Platform;
  entry: CacheEntry;
  source: Verdict['source'];
  kb?: Verdict;
  suggestions: () => Suggestion[];
}

export function entryVerdict(o: EntryVerdictInput): Verdict {
  const { ref, platform, entry: e, source, kb, suggestions } = o;
  const label = platformLabel(platform);
  const platforms = e.platforms.map(formatEntry);
  const name = familiarRef(ref);
  const when = source === 'cache' ? ` (cached ${ago(Date.now() - e.fetchedAt)})` : '';
  const by = e.viaMirror ? `mirror ${e.answeredBy}` : e.answeredBy;
  if (platforms.length === 0) {
    return {
      status: 'unknown',
      source,
      platforms,
      suggestions: [],
      reason: `${by} lists no platform for ${name}${when}: only attestations or entries without a platform.`,
    };
  }
  const has = e.platforms.some((p) => platformMatches(platform, p.os, p.architecture, p.variant));
  if (has) {
    const digest = e.digest;
    const frozen = kb?.frozenSince ? ` Official-images history: frozen since ${kb.frozenSince} (no more updates).` : '';
    return {
      status: 'available',
      source,
      platforms,
      frozenSince: kb?.frozenSince,
      digest,
      suggestions: [],
      reason: `${by} serves ${name} for ${formatPlatform(platform)}${when} (${cutList(platforms)}).${frozen}`,
    };
  }
  return {
    status: 'missing',
    source,
    platforms,
    suggestions: suggestions(),
    reason: `${by} serves ${name} only for ${cutList(platforms)}${when}: no ${label}.`,
  };
}
