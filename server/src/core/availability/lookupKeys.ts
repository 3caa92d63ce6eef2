// Keys of the resolver's caches, a mirror template filled for a reference, and how old an answer is.
import { ImageRef } from '../imageRef';
import { formatPlatform, Platform } from '../platform';

/** Fills a mirror naming template for a reference. */
export function applyMirrorTemplate(template: string, ref: ImageRef, platform: Platform): string {
  const repoPath = ref.repository.replace(/^library\//, '');
  return template
    .replace(/\{repository\}/g, repoPath.split('/').pop() ?? repoPath)
    .replace(/\{path\}/g, repoPath)
    .replace(/\{tag\}/g, ref.tag ?? 'latest')
    .replace(/\{registry\}/g, ref.registry)
    .replace(/\{arch\}/g, platform.arch.oci)
    .replace(/\{debianArch\}/g, platform.arch.debian ?? platform.arch.oci);
}

export function cacheKey(ref: ImageRef): string {
  return ref.digest
    ? `${ref.registry}/${ref.repository}@${ref.digest}`
    : `${ref.registry}/${ref.repository}:${ref.tag ?? 'latest'}`;
}

export function ago(ms: number): string {
  const m = Math.round(ms / 60000);
  if (m < 1) return 'just now';
  if (m < 90) return `${m} min ago`;
  return `${Math.round(m / 60)} h ago`;
}

export function resolvedKey(ref: ImageRef, platform: Platform): string {
  return `${cacheKey(ref)} ${formatPlatform(platform)}`;
}
