// Docker image references, parsed and normalised the way `docker pull` does
// (distribution/reference grammar): docker.io default registry, library/ for one-part names,
// implicit :latest when neither tag nor digest is given.

export const DOCKER_HUB = 'docker.io';

export interface ImageRef {
  /** Registry host[:port], normalised (`docker.io` for Docker Hub). */
  registry: string;
  /** Repository path without registry (`library/alpine`, `e2e-test-images/agnhost`). */
  repository: string;
  /** Tag; `latest` when the text had neither tag nor digest. */
  tag?: string;
  digest?: string;
  /** True when `latest` was added because the text named no tag and no digest. */
  implicitTag: boolean;
  /** The text as written. */
  original: string;
}

export type ParseResult = { ok: true; ref: ImageRef } | { ok: false; error: string };

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;
const DOMAIN =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?$|^\[[0-9a-fA-F:]+\](?::[0-9]+)?$/;

const HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

function looksLikeDomain(part: string): boolean {
  return (
    part.includes('.') ||
    part.includes(':') ||
    part === 'localhost' ||
    part.startsWith('[') ||
    part !== part.toLowerCase()
  );
}

export function parseImageRef(text: string): ParseResult {
  const original = text;
  const s = text.trim();
  if (s === '') return { ok: false, error: 'empty image reference' };
  if (/\s/.test(s)) return { ok: false, error: `"${s}" contains whitespace` };
  if (s.length > 1024) return { ok: false, error: 'image reference is longer than 1024 characters' };

  let rest = s;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest))
      return { ok: false, error: `"${digest}" is not a valid digest (expected algorithm:hex, e.g. sha256:…)` };
    if (digest.startsWith('sha256:') && digest.length !== 'sha256:'.length + 64) {
      return { ok: false, error: `sha256 digest must have 64 hex digits, "${digest}" has ${digest.length - 7}` };
    }
  }

  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag))
      return {
        ok: false,
        error: `"${tag}" is not a valid tag (letters, digits, '_', '.', '-'; at most 128; not starting with '.' or '-')`,
      };
  }
  if (rest === '') return { ok: false, error: `"${s}" has no repository name` };

  const parts = rest.split('/');
  let registry = DOCKER_HUB;
  if (parts.length > 1 && looksLikeDomain(parts[0])) {
    const domain = parts.shift() as string;
    if (!DOMAIN.test(domain)) return { ok: false, error: `"${domain}" is not a valid registry host` };
    registry = HUB_ALIASES.has(domain.toLowerCase()) ? DOCKER_HUB : domain.toLowerCase();
  }
  for (const p of parts) {
    if (p !== p.toLowerCase()) return { ok: false, error: `repository name must be lowercase: "${rest}"` };
    if (!COMPONENT.test(p)) return { ok: false, error: `"${p}" is not a valid repository name component in "${s}"` };
  }
  let repository = parts.join('/');
  if (registry === DOCKER_HUB && parts.length === 1) repository = `library/${repository}`;
  if (repository.length > 255) return { ok: false, error: 'repository name is longer than 255 characters' };

  const implicitTag = tag === undefined && digest === undefined;
  if (implicitTag) tag = 'latest';
  return { ok: true, ref: { registry, repository, tag, digest, implicitTag, original } };
}

/** Fully normalised form: `docker.io/library/alpine:3.10`, `host/x@sha256:…`, `host/x:t@sha256:…`. */
export function formatRef(ref: ImageRef): string {
  let out = `${ref.registry}/${ref.repository}`;
  if (ref.tag !== undefined) out += `:${ref.tag}`;
  if (ref.digest !== undefined) out += `@${ref.digest}`;
  return out;
}

/** Short form as Docker prints it: `alpine:3.10`, `quay.io/x/y:t`. */
export function familiarRef(ref: ImageRef): string {
  let name = `${ref.registry}/${ref.repository}`;
  if (ref.registry === DOCKER_HUB) {
    name =
      ref.repository.startsWith('library/') && ref.repository.split('/').length === 2
        ? ref.repository.slice(8)
        : ref.repository;
  }
  if (ref.tag !== undefined) name += `:${ref.tag}`;
  if (ref.digest !== undefined) name += `@${ref.digest}`;
  return name;
}

/** `docker.io/library/<name>` images: the ones the official-images knowledge base covers. */
export function officialImageName(ref: ImageRef): string | undefined {
  if (ref.registry !== DOCKER_HUB) return undefined;
  const m = /^library\/([^/]+)$/.exec(ref.repository);
  return m ? m[1] : undefined;
}

/** `alpine:3.10` for `docker.io/library/alpine:3.10`, `user/app` for `docker.io/user/app`: as people write them. */
export function shortImage(image: string): string {
  return image.replace(/^docker\.io\/library\/([^/]+)$/, '$1').replace(/^docker\.io\//, '');
}

/** An image as written, split into its name and tag without parsing it (placeholders such as
 *  `REGISTRY/agnhost:2.33` included): `reg:5000/a/b:1@sha256:…` -> `reg:5000/a/b`, `1`. */
export function splitWrittenTag(image: string): { name: string; tag?: string } {
  const noDigest = image.split('@')[0];
  const colon = noDigest.lastIndexOf(':');
  return colon > noDigest.lastIndexOf('/')
    ? { name: noDigest.slice(0, colon), tag: noDigest.slice(colon + 1) }
    : { name: noDigest };
}

/** The last path component of an image's name as written: `agnhost` for `REGISTRY/agnhost:2.33`. */
export function writtenBaseName(image: string): string {
  return splitWrittenTag(image).name.split('/').pop() as string;
}
