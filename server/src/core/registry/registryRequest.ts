// One registry request with auth (401 -> Basic or Bearer, also where a redirect led), retries (429 with
// Retry-After, 5xx) and a per-host circuit, so a dead registry costs one timeout; a deadline bounds them all.
import { HttpError, httpGet, HttpResponse } from './http';
import { AddressLookup } from '../net/urlGuard';
import { RegistryError } from './registryError';
import { retryAfterMs, sleep } from './responseHeaders';
import { budgetWarning } from './statusCheck';
import { AuthEndpoint, TokenStore } from './tokenAuth';

export interface Endpoint extends AuthEndpoint {
  viaMirror: boolean;
}

export interface RegistryRequest {
  ep: Endpoint;
  /** The repository the pull scope names. */
  repository: string;
  /** `/v2/<repository>/manifests/<reference>`. */
  path: string;
  accept: string;
  method: 'GET' | 'HEAD';
  /** Default: now plus the client's timeout. */
  deadline?: number;
}

export interface RequestLimits {
  timeoutMs: number;
  connectTimeoutMs: number;
  maxManifestBytes: number;
  retries: number;
  hostDownMs: number;
  onWarning?: (message: string) => void;
  lookup?: AddressLookup;
}

/** How to allow a registry that speaks plain http, for a TLS "wrong version number". */
export const PLAIN_HTTP_HINT = (host: string): string =>
  `if it is a plain-http registry, allow http for it with --insecure ${host} (mips-port build: --insecure), ` +
  'or the mipsPort.insecureRegistries setting in the editor';

export class RegistryTransport {
  private readonly down = new Map<string, { until: number; error: RegistryError }>();
  private warnedBudget = false;

  constructor(
    private readonly o: RequestLimits,
    private readonly auth: TokenStore,
  ) {}

  async request(r: RegistryRequest): Promise<HttpResponse> {
    const { ep, accept, method } = r;
    const deadline = r.deadline ?? Date.now() + this.o.timeoutMs;
    const host = ep.base.host;
    const d = this.down.get(host);
    if (d && d.until > Date.now())
      throw new RegistryError(
        d.error.kind,
        `${d.error.message} (not retried for ${Math.ceil((d.until - Date.now()) / 1000)} s)`,
      );
    let url = new URL(r.path, ep.base).href;
    let authEp = ep;
    const scope = `repository:${r.repository}:pull`;
    let authTried = false;
    const left = (): number => {
      const ms = deadline - Date.now();
      if (ms <= 0)
        throw new RegistryError('timeout', `${host} did not answer within ${Math.round(this.o.timeoutMs / 1000)} s`);
      return ms;
    };
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { accept };
      const auth = await this.auth.authHeader(authEp, scope);
      if (auth) headers.authorization = auth;
      let res: HttpResponse;
      try {
        res = await httpGet({
          url,
          method,
          headers,
          timeoutMs: left(),
          connectTimeoutMs: Math.min(this.o.connectTimeoutMs, left()),
          maxBytes: this.o.maxManifestBytes,
          what: ep.viaMirror ? 'a mirror' : 'a registry',
          lookup: this.o.lookup,
          plainHttpHint: PLAIN_HTTP_HINT,
        });
      } catch (e) {
        if (e instanceof HttpError) {
          const err = new RegistryError(e.kind, e.message);
          if (e.kind === 'timeout' || e.kind === 'connect' || e.kind === 'dns')
            this.down.set(host, { until: Date.now() + this.o.hostDownMs, error: err });
          throw err;
        }
        throw e;
      }
      this.warnBudget(res);
      if (res.status === 401 && !authTried) {
        authTried = true;
        // The challenge can come from where a redirect led (registry.k8s.io -> *.pkg.dev): authenticate
        // there, with that host's credentials only, and ask it directly.
        const answered = new URL(res.url || url);
        if (answered.host !== new URL(url).host) {
          authEp = { ...ep, base: new URL(answered.origin), authKey: answered.host };
          url = answered.href;
        }
        if (await this.auth.authenticate(authEp, scope, res, left())) continue;
        return res;
      }
      if (res.status === 429 && attempt < this.o.retries) {
        const wait = retryAfterMs(res.headers['retry-after']) ?? 500 * 2 ** attempt;
        if (wait > left())
          throw new RegistryError(
            'rate-limited',
            `${host} answered 429 and asks to retry after ${Math.round(wait / 1000)} s`,
            429,
          );
        await sleep(wait);
        continue;
      }
      if (res.status >= 500 && attempt < this.o.retries && 200 * 2 ** attempt < left()) {
        await sleep(200 * 2 ** attempt);
        continue;
      }
      return res;
    }
  }

  /** Docker Hub's pull budget running low is told once. */
  private warnBudget(res: HttpResponse): void {
    if (this.warnedBudget) return;
    const low = budgetWarning(res);
    if (!low) return;
    this.warnedBudget = true;
    this.o.onWarning?.(low);
  }
}
