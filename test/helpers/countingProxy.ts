// A loopback HTTP proxy in front of a registry that records every request (method, path, query, bytes
// of body received) and can slow request bodies down, so a test can count what reached the registry
// and interrupt a copy in the middle of a blob.
import http from 'node:http';
import { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  status?: number;
  /** Body bytes passed on so far. */
  bytes: number;
}

export interface CountingProxy {
  host: string;
  url: string;
  requests: SeenRequest[];
  /** Bytes per second for request bodies; 0 = as fast as they come. */
  throttle: number;
  /** Blob uploads that finished (PUT …/blobs/uploads/…?digest=… answered 201). */
  blobUploads(): string[];
  /** Cross-repository mounts the registry accepted (201). */
  mounts(): string[];
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const requests: SeenRequest[] = [];
  const proxy: Partial<CountingProxy> = { requests, throttle: 0 };
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', upstream);
    const seen: SeenRequest = { method: req.method ?? 'GET', path: u.pathname, query: u.searchParams, bytes: 0 };
    requests.push(seen);
    const out = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        seen.status = up.statusCode;
        const headers = { ...up.headers };
        // the registry names itself in Location: keep clients talking through the proxy
        if (typeof headers.location === 'string')
          headers.location = headers.location.replace(upstream.host, `${req.headers.host}`);
        res.writeHead(up.statusCode ?? 502, headers);
        up.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    req.on('data', (c: Buffer) => {
      seen.bytes += c.length;
      const rate = proxy.throttle ?? 0;
      if (!out.write(c) || rate > 0) {
        req.pause();
        const wait = rate > 0 ? Math.ceil((c.length / rate) * 1000) : 0;
        const go = () => setTimeout(() => req.resume(), wait);
        if (out.writableNeedDrain) out.once('drain', go);
        else go();
      }
    });
    req.on('end', () => out.end());
    req.on('aborted', () => out.destroy());
    res.on('close', () => {
      if (!res.writableFinished) out.destroy();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(proxy, {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    blobUploads: () =>
      requests
        .filter((r) => r.method === 'PUT' && r.path.includes('/blobs/uploads/') && r.status === 201)
        .map((r) => r.query.get('digest') ?? ''),
    mounts: () =>
      requests
        .filter((r) => r.method === 'POST' && r.query.has('mount') && r.status === 201)
        .map((r) => r.query.get('mount') ?? ''),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  }) as CountingProxy;
}
