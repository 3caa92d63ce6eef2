// The user's own mirror (mipsPort.mirrorTemplates): which references its naming templates give for a
// missing image and its replacements, and how the ones the registry confirmed go first.
import { formatRef, ImageRef, officialImageName, parseImageRef } from '../imageRef';
import { formatPlatform, Platform } from '../platform';
import { RegistryError } from '../registry/registryError';
import { cutList } from '../registry/registryText';
import { Suggestion, Verdict } from '../types';
import { applyMirrorTemplate, cacheKey } from './lookupKeys';

/** References the templates give for a missing image and for its replacements. */
export function mirrorCandidates(templates: string[], ref: ImageRef, platform: Platform, v: Verdict): ImageRef[] {
  if (templates.length === 0 || v.status === 'available') return [];
  const sources: ImageRef[] = [ref];
  for (const s of v.suggestions) {
    const r = parseImageRef(s.image);
    if (!r.ok) continue;
    sources.push(r.ref);
    // a dated Debian tag (bookworm-20260713-slim) also stands for the suite a home-made base is tagged with
    const m = /^([a-z]+)-\d{8}(-slim)?$/.exec(r.ref.tag ?? '');
    if (officialImageName(r.ref) === 'debian' && m)
      sources.push({ ...r.ref, tag: m[1] }, { ...r.ref, tag: `${m[1]}-slim` });
  }
  const out = new Map<string, ImageRef>();
  for (const t of templates) {
    for (const src of sources) {
      const p = parseImageRef(applyMirrorTemplate(t, src, platform));
      if (p.ok) out.set(cacheKey(p.ref), p.ref);
    }
  }
  out.delete(cacheKey(ref));
  return [...out.values()];
}

/** What the resolver knows of a candidate without the network. */
export interface CandidateAnswers {
  offline: boolean;
  local(ref: ImageRef, platform: Platform): Verdict;
  /** The registry's refusal of it, if it refused. */
  failure(ref: ImageRef): RegistryError | undefined;
}

/** Puts mirror candidates the registry confirmed first; unverifiable ones last, saying so. */
export function withMirrorSuggestions(
  candidates: ImageRef[],
  platform: Platform,
  v: Verdict,
  answers: CandidateAnswers,
): Verdict {
  if (candidates.length === 0) return v;
  const verified: Suggestion[] = [];
  const unverified: Suggestion[] = [];
  for (const c of candidates) {
    const cv = answers.local(c, platform);
    if (cv.status === 'available' && cv.source !== 'knowledge-base')
      verified.push({
        image: formatRef(c),
        reason: `your mirror (mipsPort.mirrorTemplates) serves it for ${formatPlatform(platform)} (${cv.source})`,
      });
    else if (cv.status === 'unknown' && answers.offline)
      unverified.push({ image: formatRef(c), reason: 'from mipsPort.mirrorTemplates; not verified (offline)' });
  }
  if (verified.length + unverified.length === 0) {
    // say what the templates asked and what each answered, so a wrong template does not fail silently
    const asked = candidates.slice(0, 4).map((c) => `${formatRef(c)} (${mirrorAnswer(c, platform, answers)})`);
    const more = candidates.length > 4 ? ` and ${candidates.length - 4} more` : '';
    return {
      ...v,
      reason: `${v.reason} Your mirror templates gave no ${formatPlatform(platform)} image: asked ${asked.join(', ')}${more}.`,
    };
  }
  return { ...v, suggestions: [...verified, ...v.suggestions, ...unverified.slice(0, 1)] };
}

/** What the registry said of a mirror candidate, in a few words. */
function mirrorAnswer(c: ImageRef, platform: Platform, answers: CandidateAnswers): string {
  const err = answers.failure(c);
  if (err) return err.kind === 'not-found' ? 'not found' : err.kind;
  const cv = answers.local(c, platform);
  if (cv.source === 'knowledge-base') return answers.offline ? 'not asked: offline' : 'not asked yet';
  return cv.status === 'missing' ? `only ${cutList(cv.platforms ?? [], 4)}` : cv.status;
}
