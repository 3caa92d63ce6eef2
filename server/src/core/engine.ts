// Wires settings to a resolver (knowledge base, disk cache, registry client): shared by the
// language server and the CLI so both give the same verdicts.
import { DiskCache, defaultCacheDir } from './availability/diskCache';
import { defaultKnowledge, KnowledgeSources } from './availability/knowledgeSources';
import { AvailabilityResolver } from './availability/resolver';
import { RegistryClient } from './registry/client';
import { Settings } from './settings';

export interface EngineOptions {
  settings: Settings;
  /** Cache location; default `$XDG_CACHE_HOME/mips-port`. */
  cacheDir?: string;
  noCache?: boolean;
  onWarning?: (message: string) => void;
}

export function createResolver(o: EngineOptions): AvailabilityResolver {
  const s = o.settings;
  const ttlMs = s.cacheTtlHours * 3600 * 1000;
  const cache = o.noCache ? undefined : new DiskCache(o.cacheDir ?? defaultCacheDir(), ttlMs);
  const client = s.offline ? undefined : new RegistryClient({
    mirrors: s.registryMirrors,
    insecure: s.insecureRegistries,
    timeoutMs: s.registryTimeoutSeconds * 1000,
    connectTimeoutMs: Math.min(3000, s.registryTimeoutSeconds * 1000),
    onWarning: o.onWarning,
  });
  return new AvailabilityResolver({ kb: lazyKnowledge(), offline: s.offline, client, cache, recentTtlMs: ttlMs, mirrorTemplates: s.mirrorTemplates });
}

/** The knowledge base is loaded on first use: scans answered by the registry may never need it. */
function lazyKnowledge(): KnowledgeSources {
  let kb: KnowledgeSources | undefined;
  const get = () => (kb ??= defaultKnowledge());
  return { get official() { return get().official; }, get other() { return get().other; } };
}
