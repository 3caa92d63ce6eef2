// HTTP for writing to a registry (and streaming blobs out of one): any method, a request body from a
// buffer or a stream, an answer buffered under a cap or handed over as a stream. Connect and idle
// timeouts (a layer of a gigabyte has no sensible total), GET redirects through the same guard as
// look-ups, credentials never sent to another host, an AbortSignal that stops everything at once;
// HTTPS_PROXY/HTTP_PROXY/NO_PROXY as every fetch (net/proxyRoute).
import http, { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { https } from '../lazyBuiltins';
import { HttpError, HttpResponse, plainHttpAnswer } from './http';
import { PLAIN_HTTP_HINT } from './registryRequest';
import { routeTo } from '../net/proxyRoute';
import { AddressLookup, CONFIGURED_REACH, reachFrom, redirectRefusal } from '../net/urlGuard';

export interface SendRequest {
  url: string;
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: Buffer | (() => Readable);
  /** How long the connection may stay silent (connect, headers, each chunk). */
  idleMs: number;
  connectTimeoutMs: number;
  /** Cap on a buffered answer; a streamed one is the caller's to bound. */
  maxBytes?: number;
  signal?: AbortSignal;
  /** How names are resolved for the URL guard (tests observe it). */
  lookup?: AddressLookup;
}

export interface StreamedResponse {
  status: number;
  headers: IncomingHttpHeaders;
  url: string;
  stream: IncomingMessage;
}

const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 16 }),
  https: undefined as http.Agent | undefined,
};

async function open(req: SendRequest, url: URL, reach: number): Promise<IncomingMessage> {
  const isHttps = url.protocol === 'https:';
  const lib = isHttps ? https() : http;
  const agent = isHttps ? (agents.https ??= new (https().Agent)({ keepAlive: true, maxSockets: 16 })) : agents.http;
  if (req.signal?.aborted) throw new HttpError('network', 'cancelled');
  const headers: Record<string, string> = { ...req.headers };
  if (Buffer.isBuffer(req.body)) headers['content-length'] = String(req.body.length);
  const route = await routeTo(url, { reach, connectTimeoutMs: req.connectTimeoutMs, headers, lookup: req.lookup });
  return new Promise((resolve, reject) => {
    if (req.signal?.aborted) return reject(new HttpError('network', 'cancelled'));
    const options = { ...route.options, method: req.method, agent: route.pooled ? agent : false, signal: req.signal };
    const r = lib.request(options, resolve);
    r.setTimeout(req.idleMs, () =>
      r.destroy(new HttpError('timeout', `timeout: ${url.host} was silent for ${Math.round(req.idleMs / 1000)} s`)),
    );
    r.on('socket', (s) => {
      if (!s.connecting) return;
      const ct = setTimeout(
        () => r.destroy(new HttpError('timeout', `timeout: could not connect to ${url.host}`)),
        req.connectTimeoutMs,
      );
      s.once('connect', () => clearTimeout(ct));
      s.once('close', () => clearTimeout(ct));
    });
    r.on('error', (e: NodeJS.ErrnoException) => {
      if (e instanceof HttpError) return reject(e);
      if (e.name === 'AbortError') return reject(new HttpError('network', 'cancelled'));
      if (e.code === 'ECONNREFUSED') return reject(new HttpError('connect', `connection refused by ${url.host}`));
      if (e.code === 'ENOTFOUND') return reject(new HttpError('dns', `DNS: cannot resolve ${url.host}`));
      reject(plainHttpAnswer(e, url.host, PLAIN_HTTP_HINT) ?? new HttpError('network', `${url.host}: ${e.message}`));
    });
    if (req.body === undefined || Buffer.isBuffer(req.body)) r.end(req.body);
    else {
      const body = req.body();
      body.on('error', (e) => r.destroy(e));
      body.pipe(r);
    }
  });
}

/** Sends the request; GET and HEAD follow redirects (guarded, without credentials to another host). */
export async function sendStreamed(req: SendRequest): Promise<StreamedResponse> {
  let url = new URL(req.url);
  const origin = url.host;
  let reach = CONFIGURED_REACH;
  for (let hop = 0; ; hop++) {
    const headers = { ...req.headers };
    if (url.host !== origin) delete headers.authorization;
    const res = await open({ ...req, headers }, url, reach);
    const status = res.statusCode ?? 0;
    const follow = (req.method === 'GET' || req.method === 'HEAD') && status >= 300 && status < 400;
    if (!follow || !res.headers.location) return { status, headers: res.headers, url: url.href, stream: res };
    res.resume();
    if (hop >= 5) throw new HttpError('redirects', `more than 5 redirects from ${origin}`);
    const next = new URL(res.headers.location, url);
    const refusal = await redirectRefusal(url, next, req.lookup);
    if (refusal) throw new HttpError('redirects', refusal);
    reach = await reachFrom(url, req.lookup);
    url = next;
  }
}

/** Reads a streamed answer into memory under the cap. */
export function readBody(res: StreamedResponse, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.stream.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        res.stream.destroy();
        reject(new HttpError('too-large', `answer from ${new URL(res.url).host} exceeds ${maxBytes} bytes`));
        return;
      }
      chunks.push(c);
    });
    res.stream.on('end', () => resolve(Buffer.concat(chunks)));
    res.stream.on('error', (e) => reject(e instanceof HttpError ? e : new HttpError('network', e.message)));
    res.stream.on('aborted', () => reject(new HttpError('network', 'connection closed mid-answer')));
  });
}

/** The whole exchange with the answer buffered (manifests, upload sessions, errors). */
export async function send(req: SendRequest): Promise<HttpResponse> {
  const res = await sendStreamed(req);
  // a HEAD answer is read to its end too: only then does its socket go back to the pool (unreferenced)
  const body = await readBody(res, req.method === 'HEAD' ? 0 : (req.maxBytes ?? 4 * 1024 * 1024));
  return { status: res.status, headers: res.headers, body, url: res.url };
}
