// One reference's answer from the registry, kept in the disk cache (by tag, and by the digest it names).
import { ImageRef } from '../imageRef';
import { RegistryClient } from '../registry/client';
import { CACHE_VERSION, CacheEntry, DiskCache } from './diskCache';

/** Asks the registry (throws its RegistryError); an expired tag it still names by the same digest is
 *  revalidated with HEAD, which Docker Hub does not count as a pull, instead of a manifest GET. */
export async function fetchEntry(
  client: RegistryClient,
  cache: DiskCache | undefined,
  ref: ImageRef,
  key: string,
): Promise<CacheEntry> {
  const revalidated = cache && (await revalidate(client, cache, ref, key));
  if (revalidated) return revalidated;
  const info = await client.platforms(ref);
  const entry: CacheEntry = {
    v: CACHE_VERSION,
    key,
    platforms: info.platforms,
    digest: info.digest,
    mediaType: info.mediaType,
    answeredBy: info.answeredBy,
    viaMirror: info.viaMirror,
    fetchedAt: Date.now(),
  };
  cache?.put(entry);
  if (info.digest && !ref.digest) cache?.put({ ...entry, key: `${ref.registry}/${ref.repository}@${info.digest}` });
  return entry;
}

/** Any doubt (no stale entry, no digest, HEAD failed, digest unknown) falls through to the full look-up. */
async function revalidate(
  client: RegistryClient,
  cache: DiskCache,
  ref: ImageRef,
  key: string,
): Promise<CacheEntry | undefined> {
  if (ref.digest) return undefined;
  const stale = cache.getStale(key);
  if (!stale?.digest) return undefined;
  const digest = await client.headDigest(ref).catch(() => undefined);
  if (!digest) return undefined;
  const known = digest === stale.digest ? stale : cache.get(`${ref.registry}/${ref.repository}@${digest}`);
  if (!known) return undefined;
  const entry: CacheEntry = { ...known, key, digest, fetchedAt: Date.now() };
  cache.put(entry);
  return entry;
}
