// Registry HTTP API v2 client: which platforms does a reference serve? Handles Docker Hub's
// endpoint and library/ namespace, mirrors, http for insecure registries, Basic and Bearer auth,
// retries (429 with Retry-After, 5xx), a per-host circuit so a dead registry costs one timeout,
// bounded concurrency and shared in-flight requests.
import { ImageRef } from '../imageRef';
import { Credentials, DockerCredentials } from './dockerConfig';
import { HttpError, httpGet, HttpResponse } from './http';
import { AddressLookup } from '../net/urlGuard';
import { RegistryError, RegistryErrorKind } from './registryError';
import { contentDigest, digestHeader, header, retryAfterMs, sleep } from './responseHeaders';
import { isDigest } from './registryText';
import { budgetWarning, checkStatus } from './statusCheck';
import { TokenStore } from './tokenAuth';
import { ACCEPT, isAttestation, ManifestError, parseConfigBlob, parseManifest, PlatformEntry } from './manifest';

export interface RegistryClientOptions {
  /** registry -> base URL (`docker.io` -> `http://127.0.0.1:5000`). */
  mirrors?: Record<string, string>;
  /** Registries (host[:port]) reachable over plain http. */
  insecure?: string[];
  timeoutMs?: number;
  connectTimeoutMs?: number;
  maxManifestBytes?: number;
  concurrency?: number;
  retries?: number;
  credentials?: { get(registry: string): Promise<Credentials | undefined> };
  /** Warnings a user should see (e.g. Docker Hub pull budget running low). */
  onWarning?: (message: string) => void;
  /** How long a host that timed out or refused is skipped. */
  hostDownMs?: number;
  /** How redirect and token-realm names are resolved before the URL guard checks them (tests observe it). */
  lookup?: AddressLookup;
}

export interface ManifestInfo {
  platforms: PlatformEntry[];
  digest?: string;
  mediaType: string;
  /** The registry host that answered (mirror host when mirrored). */
  answeredBy: string;
  viaMirror: boolean;
}

interface Endpoint {
  base: URL;
  authKey: string;
  viaMirror: boolean;
  /** The registry a mirror stands in for: its credentials never go to the mirror. */
  mirrorOf?: string;
}

const HUB_ENDPOINT = 'https://registry-1.docker.io';

export { RegistryError };
export type { RegistryErrorKind };

export class RegistryClient {
  private readonly auth: TokenStore;
  private readonly inflight = new Map<string, Promise<ManifestInfo>>();
  private readonly down = new Map<string, { until: number; error: RegistryError }>();
  private active = 0;
  private readonly queue: (() => void)[] = [];
  private readonly o: Required<Omit<RegistryClientOptions, 'onWarning' | 'credentials' | 'lookup'>> &
    Pick<RegistryClientOptions, 'onWarning' | 'credentials' | 'lookup'>;
  private warnedBudget = false;

  constructor(options: RegistryClientOptions = {}) {
    this.o = {
      mirrors: options.mirrors ?? {},
      insecure: options.insecure ?? [],
      timeoutMs: options.timeoutMs ?? 10000,
      connectTimeoutMs: options.connectTimeoutMs ?? 3000,
      maxManifestBytes: options.maxManifestBytes ?? 4 * 1024 * 1024,
      concurrency: options.concurrency ?? 8,
      retries: options.retries ?? 2,
      hostDownMs: options.hostDownMs ?? 60000,
      credentials: options.credentials ?? new DockerCredentials(),
      onWarning: options.onWarning,
      lookup: options.lookup,
    };
    this.auth = new TokenStore(this.o);
  }

  endpoint(ref: ImageRef): Endpoint {
    const mirror = this.o.mirrors[ref.registry];
    if (mirror) {
      const base = new URL(
        mirror.includes('://') ? mirror : `${this.o.insecure.includes(mirror) ? 'http' : 'https'}://${mirror}`,
      );
      return { base, authKey: base.host, viaMirror: true, mirrorOf: ref.registry };
    }
    if (ref.registry === 'docker.io') return { base: new URL(HUB_ENDPOINT), authKey: 'docker.io', viaMirror: false };
    const scheme = this.o.insecure.includes(ref.registry) ? 'http' : 'https';
    return { base: new URL(`${scheme}://${ref.registry}`), authKey: ref.registry, viaMirror: false };
  }

  /** Platforms served by the reference (tag or digest). Identical concurrent calls share one request. */
  platforms(ref: ImageRef): Promise<ManifestInfo> {
    const reference = ref.digest ?? ref.tag ?? 'latest';
    const key = `${ref.registry}/${ref.repository}@${reference}`;
    let p = this.inflight.get(key);
    if (!p) {
      p = this.withSlot(() => this.fetchPlatforms(ref, reference)).finally(() => this.inflight.delete(key));
      this.inflight.set(key, p);
    }
    return p;
  }

  /** The entries of an index (digest and platform each), or the one manifest a tag names; undefined for 404. */
  async entries(ref: ImageRef): Promise<{ digest: string; mediaType: string; platform?: PlatformEntry }[] | undefined> {
    const reference = ref.digest ?? ref.tag ?? 'latest';
    return this.withSlot(async () => {
      const ep = this.endpoint(ref);
      const res = await this.request(ep, ref.repository, `/v2/${ref.repository}/manifests/${reference}`, ACCEPT, 'GET');
      if (res.status === 404) return undefined;
      checkStatus(res, ep.base.host, `${ref.repository}:${reference}`);
      let j: {
        mediaType?: string;
        manifests?: {
          digest: string;
          mediaType: string;
          platform?: PlatformEntry;
          annotations?: Record<string, string>;
        }[];
      };
      try {
        j = JSON.parse(res.body.toString('utf8'));
      } catch {
        throw new RegistryError('bad-response', `${ep.base.host} sent an unreadable manifest`);
      }
      const digest = contentDigest(res, ep.base.host);
      const mediaType = j.mediaType ?? header(res, 'content-type') ?? '';
      if (Array.isArray(j.manifests)) {
        const entries = j.manifests.filter((m) => m && typeof m === 'object' && !isAttestation(m));
        // digests go into the manifest a build pushes: a malformed one is refused, not copied
        const bad = entries.find((m) => !isDigest(m.digest));
        if (bad) throw new RegistryError('bad-response', `${ep.base.host} listed an entry with a malformed digest`);
        return entries.map((m) => ({ digest: m.digest, mediaType: m.mediaType, platform: m.platform }));
      }
      return [{ digest, mediaType }];
    });
  }

  /** Digest of a tag via HEAD (does not count as a pull on Docker Hub). */
  headDigest(ref: ImageRef): Promise<string | undefined> {
    const reference = ref.digest ?? ref.tag ?? 'latest';
    return this.withSlot(async () => {
      const ep = this.endpoint(ref);
      const res = await this.request(
        ep,
        ref.repository,
        `/v2/${ref.repository}/manifests/${reference}`,
        ACCEPT,
        'HEAD',
      );
      if (res.status !== 200) return undefined;
      return digestHeader(res);
    });
  }

  private async withSlot<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.o.concurrency) await new Promise<void>((r) => this.queue.push(r));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }

  private async fetchPlatforms(ref: ImageRef, reference: string): Promise<ManifestInfo> {
    const ep = this.endpoint(ref);
    const deadline = Date.now() + this.o.timeoutMs;
    const res = await this.request(
      ep,
      ref.repository,
      `/v2/${ref.repository}/manifests/${reference}`,
      ACCEPT,
      'GET',
      deadline,
    );
    checkStatus(res, ep.base.host, `${ref.repository}:${reference}`);
    let parsed;
    try {
      parsed = parseManifest(res.body, header(res, 'content-type'));
    } catch (e) {
      throw new RegistryError('bad-response', `${ep.base.host} sent an unreadable manifest: ${(e as Error).message}`);
    }
    const digest = contentDigest(res, ep.base.host);
    const base = { digest, mediaType: parsed.mediaType, answeredBy: ep.base.host, viaMirror: ep.viaMirror };
    if (parsed.kind !== 'manifest') return { ...base, platforms: parsed.platforms };
    const blob = await this.request(
      ep,
      ref.repository,
      `/v2/${ref.repository}/blobs/${parsed.configDigest}`,
      '*/*',
      'GET',
      deadline,
    );
    checkStatus(blob, ep.base.host, `config ${parsed.configDigest}`);
    try {
      return { ...base, platforms: [parseConfigBlob(blob.body)] };
    } catch (e) {
      if (e instanceof ManifestError) throw new RegistryError('bad-response', `${ep.base.host}: ${e.message}`);
      throw e;
    }
  }

  /** One registry request with auth, retries and the per-host circuit; the deadline bounds them all. */
  private async request(
    ep: Endpoint,
    repository: string,
    path: string,
    accept: string,
    method: 'GET' | 'HEAD',
    deadline = Date.now() + this.o.timeoutMs,
  ): Promise<HttpResponse> {
    const host = ep.base.host;
    const d = this.down.get(host);
    if (d && d.until > Date.now())
      throw new RegistryError(
        d.error.kind,
        `${d.error.message} (not retried for ${Math.ceil((d.until - Date.now()) / 1000)} s)`,
      );
    let url = new URL(path, ep.base).href;
    let authEp = ep;
    const scope = `repository:${repository}:pull`;
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
      if (!this.warnedBudget) {
        const low = budgetWarning(res);
        if (low) {
          this.warnedBudget = true;
          this.o.onWarning?.(low);
        }
      }
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
}
