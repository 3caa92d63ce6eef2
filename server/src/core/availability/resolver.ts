// One verdict per reference: cache -> registry -> knowledge base. Each verdict says its source,
// and a registry failure says what failed and which fallback answered.
import { familiarRef, formatRef, ImageRef, officialImageName, parseImageRef } from '../imageRef';
import { formatPlatform, Platform } from '../platform';
import { RegistryClient, RegistryError } from '../registry/client';
import { cutList } from '../registry/registryText';
import { Suggestion, Verdict } from '../types';
import { suggestReplacements } from './replacements';
import { CacheEntry, DiskCache } from './diskCache';
import { entryVerdict } from './entryVerdict';
import { fetchEntry } from './registryEntry';
import { applyMirrorTemplate, cacheKey, resolvedKey } from './lookupKeys';
import type { Lookup, CheckedUse } from '../types';
import { KnowledgeSources } from './knowledgeSources';
import { knowledgeLookup } from './knowledgeLookup';

export interface ResolverOptions {
  kb: KnowledgeSources;
  offline: boolean;
  client?: RegistryClient;
  cache?: DiskCache;
  /** How long registry answers stay authoritative in memory (the tag TTL). */
  recentTtlMs?: number;
  /** Naming templates of the user's own mirror (`registry.example.com/cke/{repository}-mips64el:{tag}`). */
  mirrorTemplates?: string[];
}

export class AvailabilityResolver {
  private readonly inflight = new Map<string, Promise<CacheEntry | RegistryError>>();
  private readonly failures = new Map<string, { error: RegistryError; at: number }>();
  /** Verdicts fresh from the registry in this process, so they keep their `registry` source. */
  private readonly recent = new Map<string, { verdict: Verdict; at: number }>();
  private readonly failureTtlMs = 60000;
  private readonly recentKeys = new Set<string>();
  private readonly unreachable = new Map<string, string>();

  /** Knowledge-base verdicts and replacements are pure functions of the reference: computed once each. */
  private readonly kbVerdict: Lookup;
  private readonly kbSuggestions = new Map<string, Suggestion[]>();

  /** The offline knowledge base behind the local answers. */
  get knowledge(): KnowledgeSources {
    return this.o.kb;
  }

  constructor(private readonly o: ResolverOptions) {
    this.kbVerdict = knowledgeLookup(o.kb);
  }

  private suggestionsFor(ref: ImageRef, platform: Platform): Suggestion[] {
    const key = resolvedKey(ref, platform);
    let s = this.kbSuggestions.get(key);
    if (!s) {
      s = suggestReplacements(ref, platform, this.o.kb);
      if (this.kbSuggestions.size > 5000) this.kbSuggestions.clear();
      this.kbSuggestions.set(key, s);
    }
    return s;
  }

  get offline(): boolean {
    return this.o.offline || !this.o.client;
  }

  /** What is known without the network: a fresh cache entry, else the knowledge base. */
  local(ref: ImageRef, platform: Platform): Verdict {
    return this.withMirrors(ref, platform, this.localOnly(ref, platform));
  }

  private localOnly(ref: ImageRef, platform: Platform): Verdict {
    const r = this.recent.get(resolvedKey(ref, platform));
    if (r && Date.now() - r.at < (this.o.recentTtlMs ?? 24 * 3600 * 1000)) return r.verdict;
    const e = this.o.cache?.get(cacheKey(ref));
    if (e) return this.fromEntry(ref, platform, e, 'cache');
    const failure = this.failure(cacheKey(ref));
    if (failure) return this.fallback(ref, platform, failure);
    return this.kbVerdict(ref, platform);
  }

  /** References the user's mirror templates give for a missing image and for its replacements. */
  mirrorCandidates(ref: ImageRef, platform: Platform, v: Verdict): ImageRef[] {
    const templates = this.o.mirrorTemplates ?? [];
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

  /** Puts mirror candidates the registry confirmed first; unverifiable ones last, saying so. */
  private withMirrors(ref: ImageRef, platform: Platform, v: Verdict): Verdict {
    const candidates = this.mirrorCandidates(ref, platform, v);
    if (candidates.length === 0) return v;
    const verified: Suggestion[] = [];
    const unverified: Suggestion[] = [];
    for (const c of candidates) {
      const cv = this.localOnly(c, platform);
      if (cv.status === 'available' && cv.source !== 'knowledge-base')
        verified.push({
          image: formatRef(c),
          reason: `your mirror (mipsPort.mirrorTemplates) serves it for ${formatPlatform(platform)} (${cv.source})`,
        });
      else if (cv.status === 'unknown' && this.offline)
        unverified.push({ image: formatRef(c), reason: 'from mipsPort.mirrorTemplates; not verified (offline)' });
    }
    if (verified.length + unverified.length === 0) {
      // say what the templates asked and what each answered, so a wrong template does not fail silently
      const asked = candidates.slice(0, 4).map((c) => `${formatRef(c)} (${this.mirrorAnswer(c, platform)})`);
      const more = candidates.length > 4 ? ` and ${candidates.length - 4} more` : '';
      return {
        ...v,
        reason: `${v.reason} Your mirror templates gave no ${formatPlatform(platform)} image: asked ${asked.join(', ')}${more}.`,
      };
    }
    return { ...v, suggestions: [...verified, ...v.suggestions, ...unverified.slice(0, 1)] };
  }

  /** What the registry said of a mirror candidate, in a few words. */
  private mirrorAnswer(c: ImageRef, platform: Platform): string {
    const err = this.failure(cacheKey(c)) ?? this.failures.get(cacheKey(c))?.error;
    if (err) return err.kind === 'not-found' ? 'not found' : err.kind;
    const cv = this.localOnly(c, platform);
    if (cv.source === 'knowledge-base') return this.offline ? 'not asked: offline' : 'not asked yet';
    return cv.status === 'missing' ? `only ${cutList(cv.platforms ?? [], 4)}` : cv.status;
  }

  private failure(key: string): RegistryError | undefined {
    const f = this.failures.get(key);
    if (!f) return undefined;
    if (Date.now() - f.at > this.failureTtlMs) {
      this.failures.delete(key);
      return undefined;
    }
    return f.error;
  }

  /** True when resolve() would ask the registry (for the reference or its mirror candidates). */
  needsNetwork(ref: ImageRef, platform?: Platform): boolean {
    if (this.offline) return false;
    if (platform && this.o.mirrorTemplates?.length) {
      const v = this.localOnly(ref, platform);
      if (this.mirrorCandidates(ref, platform, v).some((c) => this.needsNetwork(c))) return true;
    }
    const key = cacheKey(ref);
    if (this.recentKeys.has(key)) return false;
    return !this.o.cache?.get(key) && !this.failure(key);
  }

  /** The registry's verdict (cache, mirror candidates included); its answers are on disk when it resolves. */
  async resolve(ref: ImageRef, platform: Platform): Promise<Verdict> {
    try {
      return await this.resolveUnwritten(ref, platform);
    } finally {
      await this.o.cache?.flush();
    }
  }

  private async resolveUnwritten(ref: ImageRef, platform: Platform): Promise<Verdict> {
    const v = await this.resolveOne(ref, platform);
    const candidates = this.mirrorCandidates(ref, platform, v);
    // a digest-pinned image keeps a pin: learn the replacements' digests while the registry is there
    if (ref.digest && v.status !== 'available') {
      for (const s of v.suggestions) {
        const r = parseImageRef(s.image);
        if (r.ok) candidates.push(r.ref);
      }
    }
    if (candidates.length && !this.offline) await Promise.all(candidates.map((c) => this.resolveOne(c, platform)));
    return this.withMirrors(ref, platform, v);
  }

  private async resolveOne(ref: ImageRef, platform: Platform): Promise<Verdict> {
    const key = cacheKey(ref);
    const cached = this.o.cache?.get(key);
    if (cached) return this.fromEntry(ref, platform, cached, 'cache');
    if (this.offline) return this.kbVerdict(ref, platform);
    let p = this.inflight.get(key);
    if (!p) {
      p = this.fetch(ref, key).finally(() => this.inflight.delete(key));
      this.inflight.set(key, p);
    }
    const r = await p;
    if (r instanceof RegistryError) return this.fallback(ref, platform, r);
    const v = this.fromEntry(ref, platform, r, r.viaMirror ? 'mirror' : 'registry');
    if (this.recent.size > 10000) this.recent.clear();
    this.recent.set(resolvedKey(ref, platform), { verdict: v, at: Date.now() });
    this.recentKeys.add(key);
    return v;
  }

  /** Asks the registry for every use whose local answer it can improve; resolves when all have answered. */
  async resolvePending(uses: CheckedUse[]): Promise<number> {
    const pending = uses.filter((c) => c.ref && !c.use.nativeStage && this.needsNetwork(c.ref, c.platform));
    await Promise.all(pending.map((c) => this.resolveUnwritten(c.ref!, c.platform).catch(() => undefined)));
    await this.o.cache?.flush(); // one pack for the whole batch
    return pending.length;
  }

  /** Empties the disk cache; returns how many entries went. */
  clearCache(): number {
    return this.o.cache?.clear() ?? 0;
  }

  /** Forgets remembered failures and answers (e.g. after the user fixed a login or a mirror). */
  forget(): void {
    this.failures.clear();
    this.recent.clear();
    this.recentKeys.clear();
  }

  private async fetch(ref: ImageRef, key: string): Promise<CacheEntry | RegistryError> {
    try {
      const entry = await fetchEntry(this.o.client as RegistryClient, this.o.cache, ref, key);
      this.failures.delete(key);
      return entry;
    } catch (e) {
      const err =
        e instanceof RegistryError ? e : new RegistryError('network', e instanceof Error ? e.message : String(e));
      this.failures.set(key, { error: err, at: Date.now() });
      return err;
    }
  }

  private fromEntry(ref: ImageRef, platform: Platform, e: CacheEntry, source: Verdict['source']): Verdict {
    const kb = officialImageName(ref) !== undefined ? this.kbVerdict(ref, platform) : undefined;
    return entryVerdict(ref, platform, e, source, kb, () => this.suggestionsFor(ref, platform));
  }

  private fallback(ref: ImageRef, platform: Platform, err: RegistryError): Verdict {
    const kb = this.kbVerdict(ref, platform);
    if (err.kind === 'not-found') return this.notFound(ref, platform, err, kb);
    const why = err.message.replace(/ \(not retried for \d+ s\)$/, '');
    if (['dns', 'connect', 'timeout', 'proxy', 'network'].includes(err.kind)) {
      // an unreachable registry is told once (CLI warning, editor notification), not in every verdict;
      // only an answer it leaves open says so, briefly
      this.unreachable.set(why, err.kind);
      return kb.status === 'unknown' ? { ...kb, reason: `${kb.reason} Its registry was not reached (${why}).` } : kb;
    }
    return { ...kb, reason: `Registry look-up failed (${why}); answered from the knowledge base: ${kb.reason}` };
  }

  /** A 404 is an answer: the image's own registry has no such image; a mirror only lacks a copy. */
  private notFound(ref: ImageRef, platform: Platform, err: RegistryError, kb: Verdict): Verdict {
    const ep = this.o.client?.endpoint(ref);
    if (ep?.viaMirror)
      return {
        ...kb,
        status: 'unknown',
        source: 'mirror',
        reason: `The mirror ${ep.base.host} has no ${familiarRef(ref)} (404). The knowledge base says: ${kb.reason}`,
      };
    return {
      status: 'missing',
      source: 'registry',
      suggestions: this.suggestionsFor(ref, platform),
      reason: `${err.message}: no ${formatPlatform(platform)} image to pull.`,
    };
  }

  /** Registries that could not be reached at all in this run, with why (one line each for a CLI). */
  unreachableRegistries(): string[] {
    return [...this.unreachable.keys()];
  }
}
