// Small readers of a registry response: Retry-After, a header, the manifest digest.
import crypto from 'node:crypto';
import { HttpResponse } from './http';

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

/** The manifest's digest: what the registry says, else the hash of what it sent. */
export function contentDigest(res: HttpResponse): string {
  return header(res, 'docker-content-digest') ?? `sha256:${crypto.createHash('sha256').update(res.body).digest('hex')}`;
}
