// Reads a suite's indexes from a Debian mirror (as apt does: dists/<suite>/main/…), streaming and
// decompressing them line by line, with a timeout for the whole download and a size cap.
import http from 'node:http';
import { https, zlib } from '../lazyBuiltins';
import { DebianIndexData } from './debianIndex';
import { ContentsReader, PackagesReader } from './indexParsers';
import { AddressLookup, redirectRefusal, systemLookup } from '../net/urlGuard';

export interface FetchIndexOptions {
  mirror: string;
  suite: string;
  arch: string;
  /** Another architecture whose names tell "Debian has it, not for this one". */
  referenceArch?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** How redirect targets' names are resolved before they are checked (tests observe it). */
  lookup?: AddressLookup;
}

const MAX_COMPRESSED = 64 * 1024 * 1024;

function streamLines(
  url: string,
  onLine: (l: string) => void,
  o: { timeoutMs: number; signal?: AbortSignal; lookup: AddressLookup },
  hops = 0,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return reject(new Error(`${url}: only http(s) mirrors`));
    const get = u.protocol === 'https:' ? https().get : http.get;
    const req = get(u, { timeout: o.timeoutMs, signal: o.signal }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location && hops < 3) {
        res.resume();
        const next = new URL(res.headers.location, u);
        // the same rule as registry redirects: never into metadata, link-local or (from public) private hosts
        redirectRefusal(u, next, o.lookup)
          .then((refusal) => {
            if (refusal) throw new Error(`${u.host}${u.pathname}: ${refusal}`);
            return streamLines(next.href, onLine, o, hops + 1);
          })
          .then(resolve, reject);
        return;
      }
      if (status !== 200) {
        res.resume();
        return reject(new Error(`${u.host}${u.pathname} answered ${status}`));
      }
      let seen = 0;
      let rest = '';
      const gunzip = zlib().createGunzip();
      res.on('data', (c: Buffer) => {
        seen += c.length;
        if (seen > MAX_COMPRESSED)
          req.destroy(new Error(`${u.pathname} is larger than ${MAX_COMPRESSED / 1048576} MB`));
      });
      res.pipe(gunzip);
      gunzip.setEncoding('utf8');
      gunzip.on('data', (chunk: string) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop() ?? '';
        for (const l of lines) onLine(l);
      });
      gunzip.on('end', () => {
        if (rest) onLine(rest);
        resolve();
      });
      gunzip.on('error', (e) => reject(new Error(`${u.pathname}: ${e.message}`)));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${u.host} did not answer within ${o.timeoutMs / 1000} s`)));
    req.on('error', reject);
  });
}

/** Downloads and reads Packages (target and reference arch) and Contents for the suite. */
export async function fetchDebianIndex(o: FetchIndexOptions): Promise<DebianIndexData> {
  const base = `${o.mirror.replace(/\/+$/, '')}/dists/${o.suite}/main`;
  const timing = { timeoutMs: o.timeoutMs ?? 60000, signal: o.signal, lookup: o.lookup ?? systemLookup };
  const deadline = AbortSignal.timeout(timing.timeoutMs * 3);
  const signal = o.signal ? AbortSignal.any([o.signal, deadline]) : deadline;
  const own = new PackagesReader();
  const ref = new PackagesReader();
  const contents = new ContentsReader();
  const t = { ...timing, signal };
  await Promise.all([
    streamLines(`${base}/binary-${o.arch}/Packages.gz`, (l) => own.line(l), t),
    o.referenceArch
      ? streamLines(`${base}/binary-${o.referenceArch}/Packages.gz`, (l) => ref.line(l), t)
      : Promise.resolve(),
    streamLines(`${base}/Contents-${o.arch}.gz`, (l) => contents.line(l), t),
  ]);
  return {
    suite: o.suite,
    arch: o.arch,
    source: `${base} (${new Date().toISOString().slice(0, 10)})`,
    names: [...own.names].sort(),
    elsewhere: [...ref.names].filter((n) => !own.names.has(n)).sort(),
    paths: [...contents.paths].sort((a, b) => a[0].localeCompare(b[0])),
  };
}
