// How one request reaches its target, for every fetch of the program (registry look-ups, the mirror's
// copy, Debian indexes): directly, with the guarded socket look-up; or through the proxy HTTPS_PROXY /
// HTTP_PROXY name (NO_PROXY and loopback go direct, see proxy.ts): an https target through a CONNECT
// tunnel, so the proxy sees neither the request nor its credentials; an http target as an absolute-URL
// request to the proxy. The proxy's own login (user:password in its URL) goes to the proxy only, as
// Proxy-Authorization. The target is still guarded: the name as it resolves here must lead where the
// request may go.
import http from 'node:http';
import type { RequestOptions } from 'node:https';
import net from 'node:net';
import { tls } from '../lazyBuiltins';
import { HttpError } from './httpError';
import { proxyFor } from './proxy';
import { AddressLookup, proxiedTargetRefusal, socketLookupWithin } from './urlGuard';

export interface RouteOptions {
  /** How far inside the machine the target may be (see urlGuard's reachFrom). */
  reach: number;
  connectTimeoutMs: number;
  headers: Record<string, string>;
  /** Custom CA bundle (PEM) for registries with their own certificates. */
  ca?: string | Buffer;
  /** How names are resolved for the guard when a proxy connects for us (tests observe it). */
  lookup?: AddressLookup;
}

export interface Route {
  /** host, port, path, headers and how to connect; the caller adds method, signal, and an agent when
   *  `pooled` (a tunnel is one connection, never pooled). */
  options: RequestOptions;
  pooled: boolean;
}

function proxyAuthorization(proxy: URL): Record<string, string> {
  if (!proxy.username) return {};
  const user = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'proxy-authorization': 'Basic ' + Buffer.from(user).toString('base64') };
}

/** Opens a CONNECT tunnel through an HTTP proxy for an https target. */
function tunnel(proxy: URL, host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const target = `${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
    const req = http.request({
      host: proxy.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: Number(proxy.port || 80),
      method: 'CONNECT',
      path: target,
      headers: { host: target, ...proxyAuthorization(proxy) },
      timeout: timeoutMs,
    });
    req.on('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        reject(new HttpError('proxy', `proxy ${proxy.host} refused CONNECT to ${target} (${res.statusCode})`));
        return;
      }
      resolve(socket);
    });
    req.on('timeout', () => {
      req.destroy(new HttpError('timeout', `timeout: proxy ${proxy.host} did not answer within ${timeoutMs} ms`));
    });
    req.on('error', (e) =>
      reject(e instanceof HttpError ? e : new HttpError('proxy', `proxy ${proxy.host}: ${e.message}`)),
    );
    req.end();
  });
}

export async function routeTo(url: URL, o: RouteOptions): Promise<Route> {
  const isHttps = url.protocol === 'https:';
  const port = Number(url.port || (isHttps ? 443 : 80));
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const options: RequestOptions = {
    host,
    port,
    path: url.pathname + url.search,
    headers: { 'user-agent': 'mips-port', ...o.headers, host: url.host },
    ca: o.ca,
  };
  const proxy = proxyFor(url);
  if (!proxy) return { options: { ...options, lookup: socketLookupWithin(o.reach) }, pooled: true };
  const refused = await proxiedTargetRefusal(url, o.reach, o.lookup);
  if (refused) throw new HttpError('refused', refused);
  if (isHttps) {
    const socket = await tunnel(proxy, host, port, o.connectTimeoutMs);
    const servername = net.isIP(host) ? undefined : host;
    return {
      options: { ...options, createConnection: () => tls().connect({ socket, servername, ca: o.ca }) },
      pooled: false,
    };
  }
  // plain http: the proxy reads the request as any hop of a plain-http path does; what may travel that
  // way was decided before (never a password off this machine: only an insecure registry's own token)
  return {
    options: {
      ...options,
      host: proxy.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: Number(proxy.port || 80),
      path: url.href,
      headers: { ...(options.headers as Record<string, string>), ...proxyAuthorization(proxy) },
    },
    pooled: true,
  };
}
