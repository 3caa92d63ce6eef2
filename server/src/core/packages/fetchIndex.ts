// Reads a suite's indexes from a Debian mirror as apt does: `dists/<suite>/InRelease` first, accepted
// only when gpgv finds it signed by the archive keyring and it names the suite, then each index file
// (dists/<suite>/main/…), whose SHA256 must be the one InRelease gives. Anything else is refused, with a
// message that says why; the caller keeps the embedded snapshot.
import { httpGet } from '../registry/http';
import { AddressLookup } from '../net/urlGuard';
import { DebianIndexData } from './debianIndex';
import { ContentsReader, PackagesReader } from './indexParsers';
import { streamIndexLines } from './indexStream';
import { IndexDigest, parseRelease, releaseProblem, ReleaseFile } from './releaseFile';
import { debianKeyrings, verifyInRelease } from './releaseSignature';

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
  /** Keyrings InRelease must be signed with; default Debian's archive keyring (or $MIPS_PORT_DEBIAN_KEYRING). */
  keyrings?: string[];
}

/** The suite's InRelease, verified: its signed text parsed, or an error saying what failed. */
async function verifiedRelease(dists: string, o: FetchIndexOptions, timeoutMs: number): Promise<ReleaseFile> {
  const url = `${dists}/InRelease`;
  const res = await httpGet({
    url,
    timeoutMs,
    connectTimeoutMs: Math.min(10000, timeoutMs),
    maxBytes: 4 * 1024 * 1024,
    lookup: o.lookup,
    what: 'a Debian index',
  });
  const where = new URL(url);
  if (res.status !== 200) throw new Error(`${where.host}${where.pathname} answered ${res.status}`);
  const v = await verifyInRelease(res.body, o.keyrings ?? debianKeyrings());
  if (!v.ok) throw new Error(`${where.host}${where.pathname}: ${v.why}`);
  const release = parseRelease(v.text);
  const problem = releaseProblem(release, o.suite);
  if (problem) throw new Error(`${where.host}${where.pathname}: ${problem}`);
  return release;
}

function listed(release: ReleaseFile, file: string): IndexDigest {
  const d = release.sha256.get(file);
  if (!d) throw new Error(`InRelease lists no SHA256 for ${file}`);
  return d;
}

/** Downloads and reads Packages (target and reference arch) and Contents for the suite. */
export async function fetchDebianIndex(o: FetchIndexOptions): Promise<DebianIndexData> {
  const dists = `${o.mirror.replace(/\/+$/, '')}/dists/${o.suite}`;
  const timeoutMs = o.timeoutMs ?? 60000;
  // one deadline for the whole read, on a timer held here (a collectable timeout signal can miss it)
  const stop = new AbortController();
  const deadline = setTimeout(() => stop.abort(new DOMException('deadline', 'TimeoutError')), timeoutMs * 3);
  const cancel = () => stop.abort(o.signal?.reason);
  if (o.signal?.aborted) cancel();
  o.signal?.addEventListener('abort', cancel);
  try {
    const release = await verifiedRelease(dists, o, timeoutMs);
    const own = new PackagesReader();
    const ref = new PackagesReader();
    const contents = new ContentsReader();
    const read = (file: string, onLine: (l: string) => void) =>
      streamIndexLines(`${dists}/${file}`, onLine, {
        timeoutMs,
        signal: stop.signal,
        lookup: o.lookup,
        expected: listed(release, file),
        decompressedSize: release.sha256.get(file.replace(/\.gz$/, ''))?.size,
      });
    await Promise.all([
      read(`main/binary-${o.arch}/Packages.gz`, (l) => own.line(l)),
      o.referenceArch ? read(`main/binary-${o.referenceArch}/Packages.gz`, (l) => ref.line(l)) : undefined,
      read(`main/Contents-${o.arch}.gz`, (l) => contents.line(l)),
    ]);
    return {
      suite: o.suite,
      arch: o.arch,
      source: `${dists}/main (${new Date().toISOString().slice(0, 10)}, InRelease verified)`,
      names: [...own.names].sort(),
      elsewhere: [...ref.names].filter((n) => !own.names.has(n)).sort(),
      paths: [...contents.paths].sort((a, b) => a[0].localeCompare(b[0])),
    };
  } finally {
    clearTimeout(deadline);
    o.signal?.removeEventListener('abort', cancel);
    stop.abort(); // a file still streaming after another failed stops too
  }
}
