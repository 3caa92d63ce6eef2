// Reading platforms out of registry manifests: OCI index / Docker manifest list entries (attestations
// skipped), or the config blob of a single OCI / Docker schema-2 manifest, or a schema-1 manifest.
import { cleanText, isDigest } from './registryText';

export const MEDIA = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerV1Signed: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
  dockerV1: 'application/vnd.docker.distribution.manifest.v1+json',
} as const;

export const ACCEPT = [MEDIA.ociIndex, MEDIA.dockerList, MEDIA.ociManifest, MEDIA.dockerManifest].join(', ');

export interface PlatformEntry {
  os: string;
  architecture: string;
  variant?: string;
}

export type ParsedManifest =
  | { kind: 'index'; mediaType: string; platforms: PlatformEntry[] }
  | { kind: 'manifest'; mediaType: string; configDigest: string }
  | { kind: 'platform'; mediaType: string; platforms: PlatformEntry[] };

export class ManifestError extends Error {}

function str(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const clean = cleanText(v, 64);
  return clean === '' ? undefined : clean;
}

/** An index may list thousands of entries: keep each platform once, at most this many. */
const MAX_PLATFORMS = 256;

export function isAttestation(entry: {
  platform?: { os?: string; architecture?: string };
  annotations?: Record<string, string>;
}): boolean {
  if (entry.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest') return true;
  return entry.platform?.os === 'unknown' && entry.platform?.architecture === 'unknown';
}

export function parseManifest(body: Buffer, contentType: string | undefined): ParsedManifest {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new ManifestError(`the manifest is not JSON (${body.length} bytes${contentType ? `, ${contentType}` : ''})`);
  }
  if (!j || typeof j !== 'object' || Array.isArray(j)) throw new ManifestError('the manifest is not a JSON object');
  const mediaType = str(j.mediaType) ?? str(contentType?.split(';')[0].trim()) ?? '';
  if (Array.isArray(j.manifests) || mediaType === MEDIA.ociIndex || mediaType === MEDIA.dockerList) {
    if (!Array.isArray(j.manifests)) throw new ManifestError('the index has no manifests list');
    const platforms: PlatformEntry[] = [];
    for (const m of j.manifests as { platform?: Record<string, unknown>; annotations?: Record<string, string> }[]) {
      if (!m || typeof m !== 'object' || !m.platform) continue;
      if (isAttestation(m as { platform?: { os?: string; architecture?: string } })) continue;
      const os = str(m.platform.os);
      const architecture = str(m.platform.architecture);
      if (!os || !architecture) continue;
      const entry = { os, architecture, variant: str(m.platform.variant) };
      if (!platforms.some((p) => formatEntry(p) === formatEntry(entry))) platforms.push(entry);
      if (platforms.length >= MAX_PLATFORMS) break;
    }
    return { kind: 'index', mediaType: mediaType || MEDIA.ociIndex, platforms };
  }
  if (j.schemaVersion === 1) {
    const architecture = str(j.architecture);
    if (!architecture) throw new ManifestError('schema-1 manifest without architecture');
    return { kind: 'platform', mediaType: mediaType || MEDIA.dockerV1, platforms: [{ os: 'linux', architecture }] };
  }
  const config = j.config as { digest?: unknown } | undefined;
  const digest = config?.digest;
  if (!isDigest(digest)) throw new ManifestError('the manifest has neither a manifests list nor a config digest');
  return { kind: 'manifest', mediaType: mediaType || MEDIA.ociManifest, configDigest: digest };
}

export function parseConfigBlob(body: Buffer): PlatformEntry {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new ManifestError('the image config is not JSON');
  }
  const os = str(j?.os);
  const architecture = str(j?.architecture);
  if (!os || !architecture) throw new ManifestError('the image config names no os/architecture');
  return { os, architecture, variant: str(j.variant) };
}

export function formatEntry(p: PlatformEntry): string {
  return `${p.os}/${p.architecture}${p.variant ? '/' + p.variant : ''}`;
}
