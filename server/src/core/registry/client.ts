// Registry HTTP API v2 client: which platforms does a reference serve? Handles Docker Hub's
// endpoint and library/ namespace, mirrors, http for insecure registries, Basic and Bearer auth,
// retries (429 with Retry-After, 5xx), a per-host circuit so a dead registry costs one timeout,
// bounded concurrency and shared in-flight requests.
import { ImageRef } from '../imageRef';
import { Credentials, DockerCredentials } from './dockerConfig';
import { AddressLookup } from '../net/urlGuard';
import { RegistryError, RegistryErrorKind } from './registryError';
import { contentDigest, digestHeader, header } from './responseHeaders';
import { isDigest } from './registryText';
import { checkStatus } from './statusCheck';
import { TokenStore } from './tokenAuth';
import { Endpoint, RegistryTransport } from './registryRequest';
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

const HUB_ENDPOINT = 'https://registry-1.docker.io';

export { RegistryError };
export type { RegistryErrorKind };

export class RegistryClient {
  private readonly transport: RegistryTransport;
  private readonly inflight = new Map<string, Promise<ManifestInfo>>();
  private active = 0;
  private readonly queue: (() => void)[] = [];
  private readonly o: Required<Omit<RegistryClientOptions, 'onWarning' | 'credentials' | 'lookup'>> &
    Pick<RegistryClientOptions, 'onWarning' | 'credentials' | 'lookup'>;

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
    this.transport = new RegistryTransport(this.o, new TokenStore(this.o));
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
      const res = await this.manifest(ep, ref, 'GET');
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
    return this.withSlot(async () => {
      const ep = this.endpoint(ref);
      const res = await this.manifest(ep, ref, 'HEAD');
      if (res.status !== 200) return undefined;
      return digestHeader(res);
    });
  }

  /** The manifest (or its digest, with HEAD) of a tag or digest. */
  private manifest(ep: Endpoint, ref: ImageRef, method: 'GET' | 'HEAD', deadline?: number) {
    const reference = ref.digest ?? ref.tag ?? 'latest';
    const path = `/v2/${ref.repository}/manifests/${reference}`;
    return this.transport.request({ ep, repository: ref.repository, path, accept: ACCEPT, method, deadline });
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
    const res = await this.manifest(ep, ref, 'GET', deadline);
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
    const blob = await this.transport.request({
      ep,
      repository: ref.repository,
      path: `/v2/${ref.repository}/blobs/${parsed.configDigest}`,
      accept: '*/*',
      method: 'GET',
      deadline,
    });
    checkStatus(blob, ep.base.host, `config ${parsed.configDigest}`);
    try {
      return { ...base, platforms: [parseConfigBlob(blob.body)] };
    } catch (e) {
      if (e instanceof ManifestError) throw new RegistryError('bad-response', `${ep.base.host}: ${e.message}`);
      throw e;
    }
  }
}
