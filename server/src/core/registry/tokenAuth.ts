// Registry authentication: answers a 401 challenge with Basic credentials or the Bearer token flow,
// and remembers the result per host and scope until it expires.
import { parseChallenges } from './authChallenge';
import { Credentials } from './dockerConfig';
import { HttpError, httpGet, HttpResponse } from './http';
import { RegistryError } from './registryError';

export interface AuthEndpoint {
  base: URL;
  authKey: string;
}

export class TokenStore {
  private readonly tokens = new Map<string, { token: string; expires: number }>();

  constructor(
    private readonly o: {
      timeoutMs: number;
      connectTimeoutMs: number;
      credentials?: { get(registry: string): Promise<Credentials | undefined> };
      /** Hosts the user allows plain http for: the only http token services that get credentials. */
      insecure?: string[];
    },
  ) {}

  private tokenKey(ep: AuthEndpoint, scope: string): string {
    return `${ep.base.host} ${scope}`;
  }

  /** Plain http to a host the user did not list as insecure (and not this machine): no credentials. */
  private plainHttp(url: URL): boolean {
    return (
      url.protocol === 'http:' && !this.o.insecure?.includes(url.host) && !/^(localhost|127\.|\[::1\])/.test(url.host)
    );
  }

  async authHeader(ep: AuthEndpoint, scope: string): Promise<string | undefined> {
    const t = this.tokens.get(this.tokenKey(ep, scope));
    if (t && t.expires > Date.now()) return t.token;
    return undefined;
  }

  /** Answers a 401 challenge: Basic with the user's credentials, or the Bearer token flow. */
  async authenticate(
    ep: AuthEndpoint,
    scope: string,
    res: HttpResponse,
    timeoutMs = this.o.timeoutMs,
  ): Promise<boolean> {
    const challenges = parseChallenges(res.headers['www-authenticate']);
    const creds = await this.o.credentials?.get(ep.authKey);
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    if (bearer?.params.realm) {
      const realm = new URL(bearer.params.realm);
      if (bearer.params.service) realm.searchParams.set('service', bearer.params.service);
      realm.searchParams.set('scope', bearer.params.scope ?? scope);
      const headers: Record<string, string> = { accept: 'application/json' };
      // credentials cross plain http only to a host the user listed as insecure (or this machine)
      if (creds && !this.plainHttp(realm))
        headers.authorization = 'Basic ' + Buffer.from(`${creds.username}:${creds.secret}`).toString('base64');
      let tr: HttpResponse;
      try {
        tr = await httpGet({
          url: realm.href,
          headers,
          timeoutMs,
          connectTimeoutMs: Math.min(this.o.connectTimeoutMs, timeoutMs),
          maxBytes: 1024 * 1024,
        });
      } catch (e) {
        throw new RegistryError(
          e instanceof HttpError ? e.kind : 'network',
          `token service ${realm.host}: ${(e as Error).message}`,
        );
      }
      if (tr.status !== 200)
        throw new RegistryError(
          'unauthorized',
          `token service ${realm.host} answered ${tr.status}${creds ? ' (check your docker login)' : ' (no credentials found for ' + ep.authKey + ')'}`,
          tr.status,
        );
      let j: { token?: string; access_token?: string; expires_in?: number };
      try {
        j = JSON.parse(tr.body.toString('utf8'));
      } catch {
        throw new RegistryError('bad-response', `token service ${realm.host} sent no JSON`);
      }
      const token = j.token ?? j.access_token;
      if (!token) throw new RegistryError('bad-response', `token service ${realm.host} sent no token`);
      const ttl = Math.max(30, (j.expires_in ?? 60) - 10) * 1000;
      this.tokens.set(this.tokenKey(ep, scope), { token: `Bearer ${token}`, expires: Date.now() + ttl });
      return true;
    }
    if (challenges.some((c) => c.scheme === 'basic') && creds && !this.plainHttp(ep.base)) {
      this.tokens.set(this.tokenKey(ep, scope), {
        token: 'Basic ' + Buffer.from(`${creds.username}:${creds.secret}`).toString('base64'),
        expires: Number.MAX_SAFE_INTEGER,
      });
      return true;
    }
    return false;
  }
}
