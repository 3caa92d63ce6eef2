// A verdict when the registry did not give one: a 404 is an answer (its own registry has no such image;
// a mirror only lacks a copy), anything else falls back to the knowledge base and says why.
import { familiarRef, ImageRef } from '../imageRef';
import { formatPlatform, Platform } from '../platform';
import { RegistryError } from '../registry/registryError';
import { Suggestion, Verdict } from '../types';

export interface FallbackContext {
  /** The knowledge base's verdict. */
  kb: Verdict;
  /** The mirror host the reference was asked at, if mirrored. */
  mirrorHost?: string;
  suggestions: () => Suggestion[];
  /** Unreachable registries, told once by the caller: why -> kind. */
  unreachable: Map<string, string>;
}

export function fallbackVerdict(ref: ImageRef, platform: Platform, err: RegistryError, c: FallbackContext): Verdict {
  const kb = c.kb;
  if (err.kind === 'not-found') {
    if (c.mirrorHost)
      return {
        ...kb,
        status: 'unknown',
        source: 'mirror',
        reason: `The mirror ${c.mirrorHost} has no ${familiarRef(ref)} (404). The knowledge base says: ${kb.reason}`,
      };
    return {
      status: 'missing',
      source: 'registry',
      suggestions: c.suggestions(),
      reason: `${err.message}: no ${formatPlatform(platform)} image to pull.`,
    };
  }
  const why = err.message.replace(/ \(not retried for \d+ s\)$/, '');
  if (['dns', 'connect', 'timeout', 'proxy', 'network'].includes(err.kind)) {
    // an unreachable registry is told once (CLI warning, editor notification), not in every verdict;
    // only an answer it leaves open says so, briefly
    c.unreachable.set(why, err.kind);
    return kb.status === 'unknown' ? { ...kb, reason: `${kb.reason} Its registry was not reached (${why}).` } : kb;
  }
  return { ...kb, reason: `Registry look-up failed (${why}); answered from the knowledge base: ${kb.reason}` };
}
