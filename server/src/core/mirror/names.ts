// Where an image lives under the user's PREFIX: the source's repository path kept below it
// (`docker.io/library/busybox:1.29` -> `PREFIX/library/busybox:1.29`), which is also what a
// KUBE_TEST_REPO_LIST pointing each registry key at `PREFIX/<its path>` makes manifest.go ask for.
import { formatRef, ImageRef, parseImageRef } from '../imageRef';

export interface Prefix {
  /** As given, without a trailing slash (`registry.example.com/k8s-mips`). */
  text: string;
  registry: string;
}

export type PrefixResult = { ok: true; prefix: Prefix } | { ok: false; error: string };

export function parsePrefix(input: string): PrefixResult {
  const text = input.trim().replace(/\/+$/, '');
  if (/^[a-z]+:\/\//i.test(text))
    return { ok: false, error: `--to takes a registry and path (host[:port]/path), not a URL: "${input}"` };
  const probe = parseImageRef(`${text}/probe:1`);
  const host = text.split('/')[0];
  if (!probe.ok || !(host.includes('.') || host.includes(':') || host === 'localhost') || probe.ref.registry !== host)
    return {
      ok: false,
      error: `--to must name a registry host and a path, e.g. registry.example.com/k8s-mips: "${input}"`,
    };
  return { ok: true, prefix: { text, registry: host } };
}

/** The path part of a registry value from manifest.go (`docker.io/library` -> `library`, `k8s.gcr.io` -> ``). */
export function registryPath(value: string): string {
  const parts = value.replace(/\/+$/, '').split('/');
  const first = parts[0];
  const isHost = first.includes('.') || first.includes(':') || first === 'localhost';
  return (isHost ? parts.slice(1) : parts).join('/');
}

/** A registry value of manifest.go moved under PREFIX. */
export function underPrefix(prefix: Prefix, registryValue: string): string {
  const p = registryPath(registryValue);
  return p ? `${prefix.text}/${p}` : prefix.text;
}

/** The name an image is served under: its repository below PREFIX, same tag (or digest). */
export function servedName(prefix: Prefix, ref: ImageRef): string {
  const at = ref.digest && !ref.tag ? `@${ref.digest}` : `:${ref.tag ?? 'latest'}`;
  return `${prefix.text}/${ref.repository}${at}`;
}

export function normalised(text: string): string | undefined {
  const r = parseImageRef(text);
  return r.ok ? formatRef(r.ref) : undefined;
}
