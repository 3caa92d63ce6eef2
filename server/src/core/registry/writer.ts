// Reading raw manifests and blobs from a registry and writing them to another (Registry HTTP API v2):
// blob HEAD, cross-repository mount, monolithic upload streamed from the source, manifest PUT. Auth is
// the look-ups' (Basic or Bearer from the docker config, scope pull,push on the destination).
import crypto from 'node:crypto';
import { ImageRef } from '../imageRef';
import { AddressLookup } from '../net/urlGuard';
import { RegistryClient } from './client';
import { Credentials, DockerCredentials } from './dockerConfig';
import { HttpError, HttpResponse } from './http';
import { ACCEPT } from './manifest';
import { RegistryError } from './registryError';
import { header } from './responseHeaders';
import { checkStatus } from './statusCheck';
import { TokenStore } from './tokenAuth';
import { send, sendStreamed, SendRequest, StreamedResponse } from './transfer';

export interface WriterOptions {
  /** Resolves registries to endpoints (mirrors, insecure http) as the look-ups do. */
  client: RegistryClient;
  credentials?: { get(registry: string): Promise<Credentials | undefined> };
  idleMs?: number;
  connectTimeoutMs?: number;
  signal?: AbortSignal;
  /** How names are resolved for the URL guard (tests observe it). */
  lookup?: AddressLookup;
}

export interface RawManifest {
  body: Buffer;
  mediaType: string;
  digest: string;
}

export interface Descriptor {
  digest: string;
  size: number;
  mediaType?: string;
}

export type BlobOutcome = 'present' | 'mounted' | 'sent';

type Verb = SendRequest['method'];
const sha256 = (b: Buffer) => `sha256:${crypto.createHash('sha256').update(b).digest('hex')}`;

export class RegistryWriter {
  private readonly auth: TokenStore;
  private readonly idleMs: number;
  private readonly connectMs: number;

  constructor(private readonly o: WriterOptions) {
    this.idleMs = o.idleMs ?? 30000;
    this.connectMs = o.connectTimeoutMs ?? 5000;
    this.auth = new TokenStore({
      timeoutMs: this.idleMs,
      connectTimeoutMs: this.connectMs,
      credentials: o.credentials ?? new DockerCredentials(),
    });
  }

  /** One authorised exchange: the stored token first, the challenge answered once on 401. */
  private async exchange(
    ref: ImageRef,
    push: boolean,
    method: Verb,
    path: string,
    extra: Partial<SendRequest> = {},
    streamed = false,
  ): Promise<StreamedResponse | HttpResponse> {
    const ep = this.o.client.endpoint(ref);
    const scope = `repository:${ref.repository}:${push ? 'pull,push' : 'pull'}`;
    const url = /^https?:/.test(path) ? path : new URL(path, ep.base).href;
    for (let tried = false; ; tried = true) {
      const headers: Record<string, string> = { ...extra.headers };
      const auth = await this.auth.authHeader(ep, scope);
      if (auth) headers.authorization = auth;
      const req = { url, method, idleMs: this.idleMs, connectTimeoutMs: this.connectMs, signal: this.o.signal };
      const guard = { lookup: this.o.lookup };
      const res = streamed
        ? await sendStreamed({ ...req, ...guard, ...extra, headers })
        : await send({ ...req, ...guard, ...extra, headers });
      if (res.status !== 401 || tried) return res;
      const challenge = 'stream' in res ? { ...res, body: Buffer.alloc(0) } : res;
      if ('stream' in res) res.stream.resume();
      if (!(await this.auth.authenticate(ep, scope, challenge, this.idleMs))) return res;
    }
  }

  private async call(ref: ImageRef, push: boolean, method: Verb, path: string, extra: Partial<SendRequest> = {}) {
    try {
      return (await this.exchange(ref, push, method, path, extra)) as HttpResponse;
    } catch (e) {
      throw e instanceof HttpError ? new RegistryError(e.kind, e.message) : e;
    }
  }

  private host(ref: ImageRef): string {
    return this.o.client.endpoint(ref).base.host;
  }

  /** The manifest's bytes as stored; a digest reference is checked against what arrived. */
  async manifest(ref: ImageRef, reference: string): Promise<RawManifest> {
    const res = await this.call(ref, false, 'GET', `/v2/${ref.repository}/manifests/${reference}`, {
      headers: { accept: ACCEPT },
    });
    checkStatus(res, this.host(ref), `${ref.repository}@${reference}`);
    const digest = sha256(res.body);
    if (reference.startsWith('sha256:') && reference !== digest)
      throw new RegistryError('bad-response', `${this.host(ref)} sent a manifest that is not ${reference}`);
    let mediaType = header(res, 'content-type')?.split(';')[0].trim() ?? '';
    try {
      mediaType = (JSON.parse(res.body.toString('utf8')) as { mediaType?: string }).mediaType ?? mediaType;
    } catch {
      throw new RegistryError('bad-response', `${this.host(ref)} sent a manifest that is not JSON`);
    }
    return { body: res.body, mediaType, digest };
  }

  /** Does the repository hold this blob? */
  async hasBlob(ref: ImageRef, digest: string): Promise<boolean> {
    const res = await this.call(ref, true, 'HEAD', `/v2/${ref.repository}/blobs/${digest}`);
    return res.status === 200;
  }

  /** Copies one blob unless the destination has it: HEAD, then a mount from `mountFrom` repositories of
   *  the destination registry, then a monolithic upload streamed from the source. */
  async copyBlob(
    from: ImageRef,
    to: ImageRef,
    blob: Descriptor,
    mountFrom: string[],
    onBytes?: (n: number) => void,
  ): Promise<BlobOutcome> {
    if (await this.hasBlob(to, blob.digest)) return 'present';
    const uploads = `/v2/${to.repository}/blobs/uploads/`;
    let location: string | undefined;
    for (const repo of mountFrom.filter((r) => r !== to.repository)) {
      const q = `?mount=${encodeURIComponent(blob.digest)}&from=${encodeURIComponent(repo)}`;
      const res = await this.call(to, true, 'POST', uploads + q, { headers: { 'content-length': '0' } });
      if (res.status === 201) return 'mounted';
      if (res.status === 202) {
        location = header(res, 'location');
        break;
      }
    }
    if (!location) {
      const res = await this.call(to, true, 'POST', uploads, { headers: { 'content-length': '0' } });
      if (res.status !== 202) this.refused(res, to, `upload of ${blob.digest}`);
      location = header(res, 'location');
    }
    if (!location) throw new RegistryError('bad-response', `${this.host(to)} started an upload without a Location`);
    const put = new URL(location, this.o.client.endpoint(to).base);
    put.searchParams.set('digest', blob.digest);
    let src: StreamedResponse;
    try {
      src = (await this.exchange(
        from,
        false,
        'GET',
        `/v2/${from.repository}/blobs/${blob.digest}`,
        {},
        true,
      )) as StreamedResponse;
    } catch (e) {
      throw e instanceof HttpError ? new RegistryError(e.kind, e.message) : e;
    }
    if (src.status !== 200) {
      src.stream.resume();
      checkStatus({ ...src, body: Buffer.alloc(0) }, this.host(from), `blob ${blob.digest}`);
    }
    src.stream.on('data', (c: Buffer) => onBytes?.(c.length));
    let res: HttpResponse;
    try {
      res = await this.call(to, true, 'PUT', put.href, {
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(blob.size) },
        body: () => src.stream,
      });
    } finally {
      // a refused or broken upload leaves the source unread: close it rather than hold its socket
      if (!src.stream.readableEnded) src.stream.destroy();
    }
    if (res.status !== 201) this.refused(res, to, `blob ${blob.digest}`);
    return 'sent';
  }

  /** Puts a manifest by tag or digest; returns the digest the registry stored it under. */
  async putManifest(to: ImageRef, reference: string, m: { body: Buffer; mediaType: string }): Promise<string> {
    const res = await this.call(to, true, 'PUT', `/v2/${to.repository}/manifests/${reference}`, {
      headers: { 'content-type': m.mediaType },
      body: m.body,
    });
    if (res.status !== 201) this.refused(res, to, `manifest ${reference}`);
    return header(res, 'docker-content-digest') ?? sha256(m.body);
  }

  private refused(res: HttpResponse, to: ImageRef, what: string): never {
    const host = this.host(to);
    const text = res.body.toString('utf8').slice(0, 200).replace(/\s+/g, ' ');
    if (res.status === 401 || res.status === 403)
      throw new RegistryError(
        'unauthorized',
        `${host} refused to store ${what} (${res.status}; docker login ${host}?)`,
      );
    throw new RegistryError('bad-response', `${host} answered ${res.status} storing ${what}: ${text}`, res.status);
  }
}
