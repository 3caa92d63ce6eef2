// One gzip'd index file from a Debian mirror, read line by line as it arrives, with everything bounded:
// the compressed bytes (by the size InRelease gives), the decompressed bytes, the length of one line, the
// time, and its SHA256 checked against InRelease's before the caller may use what it read. Aborting
// stops the download and the decompression at once. Every URL passes the URL guard.
import crypto from 'node:crypto';
import http from 'node:http';
import { https, zlib } from '../lazyBuiltins';
import { Route, routeTo } from '../net/proxyRoute';
import { AddressLookup, CONFIGURED_REACH, reachFrom, urlRefusal } from '../net/urlGuard';
import { IndexDigest } from './releaseFile';

export interface StreamLimits {
  timeoutMs: number;
  signal: AbortSignal;
  lookup?: AddressLookup;
  /** What InRelease says the compressed file is. */
  expected: IndexDigest;
  /** The decompressed size InRelease gives, when it lists the uncompressed file too. */
  decompressedSize?: number;
}

/** No Debian index decompresses to more (Contents-amd64 of trixie: about 1 GB would be absurd). */
export const MAX_DECOMPRESSED = 512 * 1024 * 1024;
/** No line of Packages or Contents comes near this. */
export const MAX_LINE = 256 * 1024;
const MAX_HOPS = 3;

const size = (n: number) => (n >= 1048576 ? `${Math.round(n / 1048576)} MB` : `${n} bytes`);

/** Reads `url` and hands each line to `onLine`; rejects with a message a user can act on. */
export function streamIndexLines(url: string, onLine: (l: string) => void, o: StreamLimits): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanups: (() => void)[] = [];
    let settled = false;
    const settle = (e?: Error) => {
      if (settled) return;
      settled = true;
      o.signal.removeEventListener('abort', onAbort);
      for (const c of cleanups) c();
      if (e) reject(e);
      else resolve();
    };
    const onAbort = () => settle(new Error(`${new URL(url).pathname}: stopped (${abortReason(o.signal)})`));
    if (o.signal.aborted) return onAbort();
    o.signal.addEventListener('abort', onAbort);

    const get = (u: URL, hops: number, reach: number): void => {
      // through HTTPS_PROXY/HTTP_PROXY unless NO_PROXY says otherwise, as every fetch (net/proxyRoute)
      routeTo(u, { reach, connectTimeoutMs: o.timeoutMs, headers: {}, lookup: o.lookup }).then(
        (route) => !settled && request(u, hops, route),
        (e: Error) => settle(e),
      );
    };
    const request = (u: URL, hops: number, route: Route): void => {
      const agent = route.pooled ? undefined : false;
      const req = (u.protocol === 'https:' ? https() : http).get({ ...route.options, agent }, (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location && hops < MAX_HOPS) {
          res.resume();
          const next = new URL(res.headers.location, u);
          Promise.all([
            urlRefusal(next, { what: 'a redirect', from: u, lookup: o.lookup }),
            reachFrom(u, o.lookup),
          ]).then(([refusal, reach]) => {
            if (refusal) settle(new Error(`${u.host}${u.pathname}: ${refusal}`));
            else if (!settled) get(next, hops + 1, reach);
          }, settle);
          return;
        }
        if (status !== 200) {
          res.resume();
          return settle(new Error(`${u.host}${u.pathname} answered ${status}`));
        }
        read(u, res);
      });
      req.setTimeout(o.timeoutMs, () =>
        req.destroy(new Error(`${u.host} did not answer within ${o.timeoutMs / 1000} s`)),
      );
      req.on('error', (e) => settle(e));
      cleanups.push(() => req.destroy());
    };

    const read = (u: URL, res: http.IncomingMessage) => {
      const name = u.pathname.split('/').slice(-2).join('/');
      const hash = crypto.createHash('sha256');
      const gunzip = zlib().createGunzip();
      cleanups.push(() => gunzip.destroy());
      const maxOut = Math.min(o.decompressedSize ?? MAX_DECOMPRESSED, MAX_DECOMPRESSED);
      let compressed = 0;
      let decompressed = 0;
      let pending: Buffer[] = [];
      let pendingLength = 0;
      res.on('data', (c: Buffer) => {
        if (settled) return;
        compressed += c.length;
        if (compressed > o.expected.size)
          return settle(new Error(`${name} is larger than the ${o.expected.size} bytes InRelease gives`));
        hash.update(c);
        gunzip.write(c);
      });
      res.on('end', () => gunzip.end());
      res.on('error', (e) => settle(e));
      gunzip.on('data', (chunk: Buffer) => {
        if (settled) return;
        decompressed += chunk.length;
        if (decompressed > maxOut)
          return settle(new Error(`${name} decompresses to more than ${size(maxOut)}: not a Debian index`));
        // only the new chunk is searched for line ends: a line split over many chunks costs its length once
        let start = 0;
        for (let nl = chunk.indexOf(10); nl >= 0 && !settled; nl = chunk.indexOf(10, start)) {
          const piece = chunk.subarray(start, nl);
          const line = pendingLength ? Buffer.concat([...pending, piece]).toString('utf8') : piece.toString('utf8');
          pending = [];
          pendingLength = 0;
          start = nl + 1;
          onLine(line);
        }
        if (start < chunk.length) {
          pending.push(chunk.subarray(start));
          pendingLength += chunk.length - start;
          if (pendingLength > MAX_LINE)
            settle(new Error(`${name} has a line longer than ${MAX_LINE / 1024} KB: not a Debian index`));
        }
      });
      gunzip.on('end', () => {
        if (settled) return;
        if (pendingLength) onLine(Buffer.concat(pending).toString('utf8'));
        if (compressed !== o.expected.size || hash.digest('hex') !== o.expected.sha256)
          return settle(new Error(`${name} does not match the SHA256 in InRelease (changed on the way?)`));
        settle();
      });
      gunzip.on('error', (e) => settle(new Error(`${name}: ${e.message}`)));
    };

    urlRefusal(new URL(url), { what: 'a Debian index', lookup: o.lookup }).then((refusal) => {
      if (refusal) settle(new Error(refusal));
      else if (!settled) get(new URL(url), 0, CONFIGURED_REACH);
    }, settle);
  });
}

function abortReason(signal: AbortSignal): string {
  const r: unknown = signal.reason;
  return r instanceof Error && r.name === 'TimeoutError' ? 'took too long' : 'cancelled';
}
