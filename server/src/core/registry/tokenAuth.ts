// Registry authentication: answers a 401 challenge with Basic credentials or the Bearer token flow,
// and remembers the result per host and scope until it expires. A registry's credentials go only to it
// and to its token realm, over https (or plain http on this machine); a mirror never gets the
// credentials of the registry it mirrors.
import { parseChallenges } from './authChallenge';
import { AddressLookup, mayCarryCredentials } from '../net/urlGuard';
import { Credentials, sameCredentialHost } from './dockerConfig';
import { HttpError, httpGet, HttpResponse } from './http';
import { RegistryError } from './registryError';

export interface AuthEndpoint {
  base: URL;
  authKey: string;
  /** The registry this endpoint mirrors, when it is a mirror. */
  mirrorOf?: string;
}

export class TokenStore {
  private readonly tokens = new Map<string, { token: string; expires: number }>();

  constructor(
    private readonly o: {
      timeoutMs: number;
      connectTimeoutMs: number;
      credentials?: { get(registry: string): Promise<Credentials | undefined> };
      /** How realm names are resolved before the guard checks them (tests observe it). */
      lookup?: AddressLookup;
    },
  ) {}

  private async credentialsFor(ep: AuthEndpoint): Promise<Credentials | undefined> {
    // a mirror named like its registry (index.docker.io for docker.io) would be handed that registry's login
    if (ep.mirrorOf && sameCredentialHost(ep.mirrorOf, ep.authKey)) return undefined;
    return this.o.credentials?.get(ep.authKey);
  }

  /** Why the registry's 401 stands: the user has a login, but not one that may cross plain http. */
  private withheld(ep: AuthEndpoint, to: URL): string {
    return `your credentials for ${ep.authKey} are not sent to ${to.host} over plain http; use https`;
  }

  private tokenKey(ep: AuthEndpoint, scope: string): string {
    return `${ep.base.host} ${scope}`;
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
    const creds = await this.credentialsFor(ep);
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    if (bearer?.params.realm) {
      let realm: URL;
      try {
        realm = new URL(bearer.params.realm);
      } catch {
        throw new RegistryError('bad-response', `${ep.base.host} named a token service that is not a URL`);
      }
      if (bearer.params.service) realm.searchParams.set('service', bearer.params.service);
      realm.searchParams.set('scope', bearer.params.scope ?? scope);
      const headers: Record<string, string> = { accept: 'application/json' };
      const kept = creds && !mayCarryCredentials(realm) ? this.withheld(ep, realm) : undefined;
      if (creds && !kept)
        headers.authorization = 'Basic ' + Buffer.from(`${creds.username}:${creds.secret}`).toString('base64');
      let tr: HttpResponse;
      try {
        tr = await httpGet({
          url: realm.href,
          headers,
          timeoutMs,
          connectTimeoutMs: Math.min(this.o.connectTimeoutMs, timeoutMs),
          maxBytes: 1024 * 1024,
          what: 'a token realm',
          from: new URL(res.url || ep.base.href),
          lookup: this.o.lookup,
        });
      } catch (e) {
        throw new RegistryError(
          e instanceof HttpError ? e.kind : 'network',
          `token service ${realm.host}: ${(e as Error).message}`,
        );
      }
      if (tr.status !== 200) {
        const hint = kept ?? (creds ? 'check your docker login' : `no credentials found for ${ep.authKey}`);
        throw new RegistryError(
          'unauthorized',
          `token service ${realm.host} answered ${tr.status} (${hint})`,
          tr.status,
        );
      }
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
    if (challenges.some((c) => c.scheme === 'basic') && creds && !mayCarryCredentials(ep.base))
      throw new RegistryError('unauthorized', `${ep.base.host} answered 401: ${this.withheld(ep, ep.base)}`, 401);
    if (challenges.some((c) => c.scheme === 'basic') && creds) {
      this.tokens.set(this.tokenKey(ep, scope), {
        token: 'Basic ' + Buffer.from(`${creds.username}:${creds.secret}`).toString('base64'),
        expires: Number.MAX_SAFE_INTEGER,
      });
      return true;
    }
    return false;
  }
}
