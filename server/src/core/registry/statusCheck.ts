// What a registry's status line and rate-limit headers mean for a look-up.
import { HttpResponse } from './http';
import { RegistryError } from './registryError';
import { header } from './responseHeaders';

/** Throws the RegistryError a non-200 answer means (404, 401/403, 429, 5xx, anything else). */
export function checkStatus(res: HttpResponse, host: string, what: string): void {
  if (res.status === 200) return;
  if (res.status === 404) throw new RegistryError('not-found', `${host} answered 404: ${what} does not exist`, 404);
  if (res.status === 401 || res.status === 403)
    throw new RegistryError(
      'unauthorized',
      `${host} answered ${res.status}: not authorised to pull ${what} (docker login ${host}?)`,
      res.status,
    );
  if (res.status === 429) throw new RegistryError('rate-limited', `${host} answered 429: too many requests`, 429);
  if (res.status >= 500) throw new RegistryError('server', `${host} answered ${res.status}`, res.status);
  throw new RegistryError('bad-response', `${host} answered ${res.status} for ${what}`, res.status);
}

/** A warning when Docker Hub's pull budget (RateLimit-Remaining) is nearly spent. */
export function budgetWarning(res: HttpResponse): string | undefined {
  const rem = header(res, 'ratelimit-remaining');
  const lim = header(res, 'ratelimit-limit');
  if (!rem) return undefined;
  const remaining = Number(rem.split(';')[0]);
  const limit = lim ? Number(lim.split(';')[0]) : undefined;
  const window = /w=(\d+)/.exec(rem)?.[1];
  if (!Number.isFinite(remaining) || !(remaining < 10 || (limit && remaining < limit * 0.1))) return undefined;
  const per = window ? ` per ${Math.round(Number(window) / 3600)} h` : '';
  return `Docker Hub pull budget is low: ${remaining}${limit ? ` of ${limit}` : ''} left${per}. Log in (docker login) or use a mirror.`;
}
