// One verdict per reference: cache -> registry -> knowledge base. Each verdict says its source,
// and a registry failure says what failed and which fallback answered.
import { ImageRef, officialImageName, parseImageRef } from '../imageRef';
import { Platform } from '../platform';
import { RegistryClient, RegistryError } from '../registry/client';
import { Suggestion, Verdict } from '../types';
import { suggestReplacements } from './replacements';
import { CacheEntry, DiskCache } from './diskCache';
import { entryVerdict } from './entryVerdict';
import { fetchEntry } from './registryEntry';
import { cacheKey, resolvedKey } from './lookupKeys';
import { CandidateAnswers, mirrorCandidates, withMirrorSuggestions } from './mirrorSuggestions';
import { fallbackVerdict } from './registryFallback';
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
  /** Registry answers of this process (by reference, for every platform), so they keep their source even
   *  with no disk cache: a BASEIMAGE line asked for its own platform is judged for the target from it. */
  private readonly fetched = new Map<string, { entry: CacheEntry; source: Verdict['source']; at: number }>();
  /** Verdicts computed from `fetched`, by reference and platform. */
  private readonly recent = new Map<string, Verdict>();
  private readonly failureTtlMs = 60000;
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
    const fresh = this.freshAnswer(ref, platform);
    if (fresh) return fresh;
    const e = this.o.cache?.get(cacheKey(ref));
    if (e) return this.fromEntry(ref, platform, e, 'cache');
    const failure = this.failure(cacheKey(ref));
    if (failure) return this.fallback(ref, platform, failure);
    return this.kbVerdict(ref, platform);
  }

  /** A registry answer of this process for the reference, judged for the platform. */
  private freshAnswer(ref: ImageRef, platform: Platform): Verdict | undefined {
    const key = cacheKey(ref);
    const f = this.fetched.get(key);
    if (!f || Date.now() - f.at >= (this.o.recentTtlMs ?? 24 * 3600 * 1000)) return undefined;
    const rk = resolvedKey(ref, platform);
    let v = this.recent.get(rk);
    if (!v) {
      v = this.fromEntry(ref, platform, f.entry, f.source);
      if (this.recent.size > 10000) this.recent.clear();
      this.recent.set(rk, v);
    }
    return v;
  }

  /** References the user's mirror templates give for a missing image and for its replacements. */
  mirrorCandidates(ref: ImageRef, platform: Platform, v: Verdict): ImageRef[] {
    return mirrorCandidates(this.o.mirrorTemplates ?? [], ref, platform, v);
  }

  private withMirrors(ref: ImageRef, platform: Platform, v: Verdict): Verdict {
    const answers: CandidateAnswers = {
      offline: this.offline,
      local: (c, p) => this.localOnly(c, p),
      failure: (c) => this.failure(cacheKey(c)) ?? this.failures.get(cacheKey(c))?.error,
    };
    return withMirrorSuggestions(this.mirrorCandidates(ref, platform, v), platform, v, answers);
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
    if (this.fetched.has(key)) return false;
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
    if (this.fetched.size > 10000) this.fetched.clear();
    this.fetched.set(key, { entry: r, source: r.viaMirror ? 'mirror' : 'registry', at: Date.now() });
    return this.freshAnswer(ref, platform) ?? this.fromEntry(ref, platform, r, r.viaMirror ? 'mirror' : 'registry');
  }

  /** Asks the registry for every use whose local answer it can improve; resolves when all have answered.
   *  `target`: a BASEIMAGE line of another platform is also asked for the target (with the mirror
   *  templates' candidates), because the target line's fix is chosen from it. */
  async resolvePending(uses: CheckedUse[], target?: Platform): Promise<number> {
    const asks = uses.flatMap((c) =>
      target && c.use.kind === 'baseimage' && c.use.informational ? [c, { ...c, platform: target }] : [c],
    );
    const pending = asks.filter((c) => c.ref && !c.use.nativeStage && this.needsNetwork(c.ref, c.platform));
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
    this.fetched.clear();
    this.recent.clear();
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
    return entryVerdict({ ref, platform, entry: e, source, kb, suggestions: () => this.suggestionsFor(ref, platform) });
  }

  private fallback(ref: ImageRef, platform: Platform, err: RegistryError): Verdict {
    const ep = this.o.client?.endpoint(ref);
    return fallbackVerdict(ref, platform, err, {
      kb: this.kbVerdict(ref, platform),
      mirrorHost: ep?.viaMirror ? ep.base.host : undefined,
      suggestions: () => this.suggestionsFor(ref, platform),
      unreachable: this.unreachable,
    });
  }

  /** Registries that could not be reached at all in this run, with why (one line each for a CLI). */
  unreachableRegistries(): string[] {
    return [...this.unreachable.keys()];
  }
}
