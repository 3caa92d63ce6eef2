// Small readers of a registry response: Retry-After, a header, the manifest digest.
import crypto from 'node:crypto';
import { HttpResponse } from './http';
import { RegistryError } from './registryError';
import { isDigest } from './registryText';

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function retryAfterMs(h: string | string[] | undefined): number | undefined {
  const v = Array.isArray(h) ? h[0] : h;
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - Date.now());
}

export function header(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The Docker-Content-Digest header when it is a well-formed digest; anything else is ignored. */
export function digestHeader(res: HttpResponse): string | undefined {
  const h = header(res, 'docker-content-digest')?.trim();
  return isDigest(h) ? h : undefined;
}

/** The manifest's digest: the hash of what the registry sent, which a sha256 header must match. */
export function contentDigest(res: HttpResponse, host: string): string {
  const computed = `sha256:${crypto.createHash('sha256').update(res.body).digest('hex')}`;
  const said = digestHeader(res);
  if (said?.startsWith('sha256:') && said !== computed)
    throw new RegistryError('bad-response', `${host} sent a manifest that does not match its digest header`);
  return said ?? computed;
}
