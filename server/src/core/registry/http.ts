// HTTP GET for registry traffic on node:http/https: connect and total timeouts, a response size cap,
// redirects with a hop limit (credentials never follow to another origin, nor over plain http off this
// machine), every URL and every hop through the URL guard, HTTPS_PROXY/NO_PROXY.
import http, { IncomingHttpHeaders } from 'node:http';
import type { RequestOptions } from 'node:https';
import { https } from '../lazyBuiltins';
import { routeTo } from '../net/proxyRoute';
import { AddressLookup, mayCarryCredentials, reachFrom, urlRefusal } from '../net/urlGuard';
import { HttpError } from '../net/httpError';

export { HttpError };
export type { HttpErrorKind } from '../net/httpError';

export interface HttpRequest {
  url: string;
  headers?: Record<string, string>;
  method?: 'GET' | 'HEAD';
  timeoutMs: number;
  connectTimeoutMs: number;
  maxBytes: number;
  maxRedirects?: number;
  /** Custom CA bundle (PEM) for registries with their own certificates. */
  ca?: string | Buffer;
  /** How redirect targets' names are resolved before they are checked (tests observe it). */
  lookup?: AddressLookup;
  /** What the URL is, for the guard's messages (`a token realm`); default `a request`. */
  what?: string;
  /** The URL this one was derived from (a realm's registry); none: the user configured it. */
  from?: URL;
  /** What to do when an https URL answers in plain http (TLS "wrong version number"). */
  plainHttpHint?: (host: string) => string;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** URL after redirects. */
  url: string;
}

/** An https request answered in plain http: OpenSSL's "wrong version number" (EPROTO). */
export function plainHttpAnswer(
  e: NodeJS.ErrnoException,
  host: string,
  hint?: (host: string) => string,
): HttpError | undefined {
  if (!/wrong version number|packet length too long|http request/i.test(e.message)) return undefined;
  if (e.code !== 'EPROTO' && !e.code?.startsWith('ERR_SSL')) return undefined;
  return new HttpError(
    'network',
    `${host} answered an https request in plain http (TLS: wrong version number)${hint ? `: ${hint(host)}` : ''}`,
  );
}

function describeSocketError(e: NodeJS.ErrnoException, host: string, plainHint?: (h: string) => string): HttpError {
  if (e instanceof HttpError) return e;
  const plain = plainHttpAnswer(e, host, plainHint);
  if (plain) return plain;
  if (e.code === 'EGUARD') return new HttpError('refused', e.message);
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return new HttpError('dns', `DNS: cannot resolve ${host}`);
  if (e.code === 'ECONNREFUSED') return new HttpError('connect', `connection refused by ${host}`);
  if (e.code === 'ECONNRESET') return new HttpError('network', `connection to ${host} reset`);
  if (
    e.code === 'CERT_HAS_EXPIRED' ||
    e.code?.startsWith('ERR_TLS') ||
    e.code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ||
    e.code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
    e.code === 'SELF_SIGNED_CERT_IN_CHAIN'
  ) {
    return new HttpError('network', `TLS error with ${host}: ${e.message}`);
  }
  return new HttpError('network', `${host}: ${e.message}`);
}

// Keep-alive: a scan asks the same few hosts many times. Idle sockets do not hold the process open.
const AGENT_OPTIONS = { keepAlive: true, maxSockets: 16, scheduling: 'lifo' } as const;
let httpAgent: http.Agent | undefined;
let httpsAgent: http.Agent | undefined;
const agentFor = (isHttps: boolean): http.Agent =>
  isHttps ? (httpsAgent ??= new (https().Agent)(AGENT_OPTIONS)) : (httpAgent ??= new http.Agent(AGENT_OPTIONS));

async function once(req: HttpRequest, url: URL, deadline: number, reach: number): Promise<HttpResponse> {
  const isHttps = url.protocol === 'https:';
  const remaining = () => Math.max(1, deadline - Date.now());
  const route = await routeTo(url, {
    reach,
    connectTimeoutMs: Math.min(req.connectTimeoutMs, remaining()),
    headers: req.headers ?? {},
    ca: req.ca,
    lookup: req.lookup,
  });
  // a name that now resolves somewhere refused is refused at connect (the route's socket look-up)
  const options: RequestOptions = {
    ...route.options,
    method: req.method ?? 'GET',
    agent: route.pooled ? agentFor(isHttps) : false,
  };
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const fail = (e: Error) => {
      if (!settled) {
        settled = true;
        clearTimeout(total);
        reject(e);
      }
    };
    const r = (isHttps ? https() : http).request(options, (res) => {
      const len = Number(res.headers['content-length'] ?? 0);
      if (len > req.maxBytes) {
        r.destroy();
        fail(
          new HttpError(
            'too-large',
            `response of ${len} bytes from ${url.host} exceeds the ${req.maxBytes}-byte limit`,
          ),
        );
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > req.maxBytes) {
          r.destroy();
          fail(new HttpError('too-large', `response from ${url.host} exceeds the ${req.maxBytes}-byte limit`));
          return;
        }
        chunks.push(c);
      });
      res.on('end', () => {
        if (!settled) {
          settled = true;
          clearTimeout(total);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), url: url.href });
        }
      });
      res.on('error', (e) => fail(describeSocketError(e, url.host, req.plainHttpHint)));
      res.on('aborted', () => fail(new HttpError('network', `connection to ${url.host} closed mid-response`)));
    });
    const total = setTimeout(() => {
      r.destroy();
      fail(new HttpError('timeout', `timeout: no complete answer from ${url.host} within ${req.timeoutMs} ms`));
    }, remaining());
    r.on('socket', (s) => {
      if (s.connecting) {
        const ct = setTimeout(() => {
          r.destroy();
          fail(new HttpError('timeout', `timeout: could not connect to ${url.host} within ${req.connectTimeoutMs} ms`));
        }, req.connectTimeoutMs);
        s.once('connect', () => clearTimeout(ct));
        s.once('close', () => clearTimeout(ct));
      }
    });
    r.on('error', (e) => fail(describeSocketError(e, url.host, req.plainHttpHint)));
    r.end();
  });
}

/** Drops credentials the hop must not carry: another origin than the first, or plain http off this machine. */
function headersFor(req: HttpRequest, first: URL, url: URL): Record<string, string> {
  const headers = { ...req.headers };
  const auth = headers.authorization;
  // a bearer token for an insecure registry the user named may go to it; a password never goes over http
  if (auth && (url.origin !== first.origin || (!mayCarryCredentials(url) && /^basic /i.test(auth))))
    delete headers.authorization;
  return headers;
}

export async function httpGet(req: HttpRequest): Promise<HttpResponse> {
  const deadline = Date.now() + req.timeoutMs;
  let url = new URL(req.url);
  const first = url;
  const origin = url.host;
  const maxRedirects = req.maxRedirects ?? 5;
  const refused = await urlRefusal(url, { what: req.what ?? 'a request', from: req.from, lookup: req.lookup });
  if (refused) throw new HttpError('refused', refused);
  let reach = await reachFrom(req.from, req.lookup);
  for (let hop = 0; ; hop++) {
    const res = await once({ ...req, headers: headersFor(req, first, url) }, url, deadline, reach);
    if (res.status >= 300 && res.status < 400 && res.headers.location) {
      if (hop >= maxRedirects) throw new HttpError('redirects', `more than ${maxRedirects} redirects from ${origin}`);
      const next = new URL(res.headers.location, url);
      const refusal = await urlRefusal(next, { what: 'a redirect', from: url, lookup: req.lookup });
      if (refusal) throw new HttpError('redirects', refusal);
      reach = await reachFrom(url, req.lookup);
      url = next;
      continue;
    }
    return res;
  }
}
