// Copies the target platform's image of a reference into PREFIX, digest-exact: the platform manifest's
// bytes are stored unchanged (so its digest is the source's), after every blob it names, and the tag
// is written last, as an index holding that one manifest. An interrupted copy leaves no tag.
import { ImageRef } from '../imageRef';
import { formatPlatform, Platform, platformMatches } from '../platform';
import { RegistryClient } from '../registry/client';
import { formatEntry, isAttestation, MEDIA, PlatformEntry } from '../registry/manifest';
import { RegistryError } from '../registry/registryError';
import { BlobOutcome, Descriptor, RawManifest, RegistryWriter } from '../registry/writer';

export type CopyEvent =
  | { kind: 'manifest'; image: string; digest: string; blobs: number; bytes: number }
  | { kind: 'blob'; image: string; digest: string; size: number; outcome: BlobOutcome }
  | { kind: 'bytes'; image: string; digest: string; sent: number; size: number };

export interface CopyResult {
  /** The platform manifest's digest, the same at the source and under PREFIX. */
  digest: string;
  /** The digest of the index written at the tag. */
  indexDigest?: string;
  blobs: { digest: string; size: number; outcome: BlobOutcome }[];
  /** Layers a registry may not redistribute (foreign URLs): named, not copied. */
  foreign: string[];
}

interface Entry extends Descriptor {
  mediaType: string;
  platform: PlatformEntry;
}

/** Repositories of each destination registry known to hold a blob (for cross-repository mounts). */
export type BlobHolders = Map<string, Set<string>>;

const isIndex = (m: RawManifest) => m.mediaType === MEDIA.ociIndex || m.mediaType === MEDIA.dockerList;

async function targetEntry(
  o: { writer: RegistryWriter; client: RegistryClient; from: ImageRef; target: Platform },
  top: RawManifest,
): Promise<Entry> {
  const want = formatPlatform(o.target);
  if (isIndex(top)) {
    const list = (JSON.parse(top.body.toString('utf8')) as { manifests?: Entry[] }).manifests ?? [];
    const hit = list.find(
      (m) =>
        m?.platform &&
        !isAttestation(m as { platform?: PlatformEntry }) &&
        platformMatches(o.target, m.platform.os, m.platform.architecture, m.platform.variant),
    );
    if (!hit) throw new RegistryError('not-found', `${o.from.original} has no ${want} entry`);
    return hit;
  }
  const info = await o.client.platforms(o.from);
  const p = info.platforms[0];
  if (!p || !platformMatches(o.target, p.os, p.architecture, p.variant))
    throw new RegistryError('not-found', `${o.from.original} is a single image for ${p ? formatEntry(p) : '?'}`);
  return { mediaType: top.mediaType, digest: top.digest, size: top.body.length, platform: p };
}

/** Runs `fn` over the items, at most `n` at a time; the first failure stops new starts and is thrown. */
async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: unknown;
  const worker = async () => {
    while (next < items.length && failed === undefined) {
      const t = items[next++];
      try {
        await fn(t);
      } catch (e) {
        failed ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  if (failed !== undefined) throw failed;
}

export async function copyImage(o: {
  writer: RegistryWriter;
  client: RegistryClient;
  from: ImageRef;
  to: ImageRef;
  target: Platform;
  holders: BlobHolders;
  /** Name shown in progress events. */
  label: string;
  onEvent?: (e: CopyEvent) => void;
  jobs?: number;
}): Promise<CopyResult> {
  const top = await o.writer.manifest(o.from, o.from.digest ?? o.from.tag ?? 'latest');
  const entry = await targetEntry(o, top);
  const platformManifest = entry.digest === top.digest ? top : await o.writer.manifest(o.from, entry.digest);
  const m = JSON.parse(platformManifest.body.toString('utf8')) as {
    schemaVersion?: number;
    config?: Descriptor;
    layers?: (Descriptor & { urls?: string[] })[];
  };
  if (m.schemaVersion !== 2 || !m.config)
    throw new RegistryError('bad-response', `${o.label}: only schema-2 and OCI image manifests are copied`);
  const foreign = (m.layers ?? []).filter((l) => l.urls?.length).map((l) => l.digest);
  const blobs = [m.config, ...(m.layers ?? []).filter((l) => !l.urls?.length)];
  o.onEvent?.({
    kind: 'manifest',
    image: o.label,
    digest: entry.digest,
    blobs: blobs.length,
    bytes: blobs.reduce((n, b) => n + b.size, 0),
  });
  const sameRegistry = o.client.endpoint(o.from).base.host === o.client.endpoint(o.to).base.host;
  const held = (d: string) => {
    const key = `${o.to.registry} ${d}`;
    let s = o.holders.get(key);
    if (!s) o.holders.set(key, (s = new Set()));
    return s;
  };
  const done: CopyResult['blobs'] = [];
  await pool(blobs, o.jobs ?? 3, async (b) => {
    const mountFrom = [...held(b.digest), ...(sameRegistry ? [o.from.repository] : [])];
    let sent = 0;
    const outcome = await o.writer.copyBlob(o.from, o.to, b, mountFrom, (n) => {
      sent += n;
      o.onEvent?.({ kind: 'bytes', image: o.label, digest: b.digest, sent, size: b.size });
    });
    held(b.digest).add(o.to.repository);
    done.push({ digest: b.digest, size: b.size, outcome });
    o.onEvent?.({ kind: 'blob', image: o.label, digest: b.digest, size: b.size, outcome });
  });
  // every blob is there: now the manifest, by digest (no tag yet)
  const stored = await o.writer.putManifest(o.to, entry.digest, platformManifest);
  if (stored !== entry.digest)
    throw new RegistryError('bad-response', `${o.label}: stored as ${stored}, not the source's ${entry.digest}`);
  const tag = o.to.tag;
  if (!tag) return { digest: entry.digest, blobs: done, foreign };
  const docker = entry.mediaType === MEDIA.dockerManifest;
  const index = {
    schemaVersion: 2,
    mediaType: docker ? MEDIA.dockerList : MEDIA.ociIndex,
    manifests: [{ mediaType: entry.mediaType, digest: entry.digest, size: entry.size, platform: entry.platform }],
  };
  const body = Buffer.from(JSON.stringify(index));
  const indexDigest = await o.writer.putManifest(o.to, tag, { body, mediaType: index.mediaType });
  return { digest: entry.digest, indexDigest, blobs: done, foreign };
}
