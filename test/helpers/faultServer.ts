// A loopback HTTP server that misbehaves like broken registries do, one repository per fault.
import crypto from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { freePort } from './registry';

export interface FaultServer {
  host: string;
  url: string;
  /** Requests per repository (its last path segment), and per `METHOD repository`. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

const INDEX = JSON.stringify({
  schemaVersion: 2,
  mediaType: 'application/vnd.oci.image.index.v1+json',
  manifests: [
    {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: 'sha256:' + 'c'.repeat(64),
      size: 10,
      platform: { os: 'linux', architecture: 'mips64le' },
    },
  ],
});

const INDEX_DIGEST = 'sha256:' + crypto.createHash('sha256').update(INDEX).digest('hex');

export async function startFaultServer(): Promise<FaultServer> {
  const port = await freePort();
  const hits = new Map<string, number>();
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    const m = /^\/v2\/(?:.*\/)?([^/]+)\/manifests\//.exec(req.url ?? '');
    if (req.url === '/v2/') {
      res.writeHead(200);
      res.end('{}');
      return;
    }
    const fault = m?.[1] ?? 'none';
    const n = (hits.get(fault) ?? 0) + 1;
    hits.set(fault, n);
    hits.set(`${req.method} ${fault}`, (hits.get(`${req.method} ${fault}`) ?? 0) + 1);
    const ok = () => {
      res.writeHead(200, {
        'content-type': 'application/vnd.oci.image.index.v1+json',
        'docker-content-digest': INDEX_DIGEST,
      });
      res.end(INDEX);
    };
    switch (fault) {
      case 'timeout':
        return; // never answers
      case 'slowbody':
        res.writeHead(200, { 'content-type': 'application/vnd.oci.image.index.v1+json' });
        res.write('{"schemaVersion":2,'); // …and never finishes
        return;
      case 'unauthorized':
        res.writeHead(401);
        res.end('{"errors":[{"code":"UNAUTHORIZED"}]}');
        return;
      case 'notfound':
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
        return;
      case 'ratelimited':
        res.writeHead(429, { 'retry-after': '1' });
        res.end('slow down');
        return;
      case 'ratelimitedlong':
        res.writeHead(429, { 'retry-after': '3600' });
        res.end('slow down');
        return;
      case 'flaky':
        if (n === 1) {
          res.writeHead(500);
          res.end('oops');
          return;
        }
        return ok();
      case 'down':
        res.writeHead(503);
        res.end('down');
        return;
      case 'garbage':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"schemaVersion": 2, "manifests": [tru');
        return;
      case 'huge': {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent < 20 && res.write(chunk)) sent++;
          if (sent >= 20) res.end();
          else
            res.once('drain', () => {
              sent++;
              pump();
            });
        };
        pump();
        return;
      }
      case 'loop':
        res.writeHead(302, { location: req.url });
        res.end();
        return;
      case 'slowdown':
        // every answer is a slow 503: retries must stop at the look-up's one deadline
        setTimeout(() => {
          res.writeHead(503);
          res.end('down');
        }, 800);
        return;
      case 'baddigest':
        res.writeHead(200, {
          'content-type': 'application/vnd.oci.image.index.v1+json',
          'docker-content-digest': 'sha256:' + 'd'.repeat(64),
        });
        res.end(INDEX);
        return;
      case 'hostile': {
        // 10,000 platforms, some carrying terminal escape sequences and bidi overrides
        const manifests = Array.from({ length: 10000 }, (_, i) => ({
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: 'sha256:' + crypto.createHash('sha256').update(String(i)).digest('hex'),
          size: 10,
          platform: { os: 'linux', architecture: i === 0 ? 'arm64\u001b]0;pwned\u0007\u202e' : `arch${i}` },
        }));
        res.writeHead(200, { 'content-type': 'application/vnd.oci.image.index.v1+json' });
        res.end(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests }));
        return;
      }
      case 'budget':
        res.setHeader('ratelimit-limit', '100;w=21600');
        res.setHeader('ratelimit-remaining', '3;w=21600');
        return ok();
      default:
        return ok();
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
