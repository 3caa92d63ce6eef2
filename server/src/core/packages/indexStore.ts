// Package indexes by suite and architecture: in memory, then the disk cache, then the embedded
// snapshot (bookworm/mips64el); a suite none of them has is read from the Debian mirror, once, when
// the network is allowed. Analysis asks synchronously (what is loaded); `ensure` loads in the background.
import fs from 'node:fs';
import path from 'node:path';
import { zlib } from '../lazyBuiltins';
import { findDataFile } from '../data';
import { DebianIndex, parseIndex, serialiseIndex } from './debianIndex';
import { fetchDebianIndex } from './fetchIndex';

// https where it works; over http (a mirror of your choice) InRelease's signature is what makes it safe
export const DEFAULT_DEBIAN_MIRROR = 'https://deb.debian.org/debian';
const FRESH_MS = 7 * 24 * 3600 * 1000;

export interface IndexStoreOptions {
  mirror: string;
  /** Where fetched indexes are kept; none: memory only. */
  cacheDir?: string;
  offline: boolean;
  timeoutMs: number;
  onWarning?: (message: string) => void;
}

export class PackageIndexStore {
  private readonly loaded = new Map<string, DebianIndex | null>();
  private readonly loading = new Map<string, Promise<DebianIndex | undefined>>();
  private readonly failed = new Set<string>();
  /** Suites asked for that nothing local had: `ensureMissed` reads them from the mirror. */
  private readonly missed = new Set<string>();
  /** Suites `peek` was asked for before they were loaded: `ensureMissed` reads them from disk. */
  private readonly wanted = new Set<string>();

  constructor(private readonly o: IndexStoreOptions) {}

  private cacheFile(suite: string, arch: string): string | undefined {
    if (!this.o.cacheDir) return undefined;
    // every Debian mirror serves the same suite: one copy whichever mirror it came from
    return path.join(this.o.cacheDir, 'debian-index', `${suite}-${arch}.txt.gz`);
  }

  private read(file: string): DebianIndex | undefined {
    try {
      return new DebianIndex(parseIndex(zlib().gunzipSync(fs.readFileSync(file)).toString('utf8')));
    } catch {
      return undefined;
    }
  }

  /** What is known now, without waiting: memory, a fresh disk copy, or the embedded snapshot. */
  get(suite: string, arch: string): DebianIndex | undefined {
    const key = `${suite}/${arch}`;
    const hit = this.loaded.get(key);
    if (hit !== undefined) return hit ?? undefined;
    let index: DebianIndex | undefined;
    const cached = this.cacheFile(suite, arch);
    if (cached && fs.existsSync(cached)) {
      const age = Date.now() - fs.statSync(cached).mtimeMs;
      if (age < FRESH_MS || this.o.offline) index = this.read(cached);
    }
    if (!index) {
      try {
        index = this.read(findDataFile(`debian-${suite}-${arch}.txt.gz`));
      } catch {
        index = undefined; // no snapshot for this suite
      }
    }
    if (index) this.loaded.set(key, index);
    else if (!this.failed.has(key)) this.missed.add(key);
    return index;
  }

  /** Only what is already in memory: a first analysis is not held up by reading an index (160 ms for
   *  bookworm); what it wanted is read by `ensureMissed`, after its diagnostics are out. */
  peek(suite: string, arch: string): DebianIndex | undefined {
    const key = `${suite}/${arch}`;
    const hit = this.loaded.get(key);
    if (hit !== undefined) return hit ?? undefined;
    this.wanted.add(key);
    return undefined;
  }

  /** Loads what analyses asked for and did not find; resolves to how many indexes came. */
  async ensureMissed(): Promise<number> {
    let local = 0;
    if (this.wanted.size) {
      await new Promise((r) => setImmediate(r)); // let what was published go out first
      for (const k of [...this.wanted]) if (this.get(k.split('/')[0], k.split('/')[1])) local++;
      this.wanted.clear();
    }
    const keys = [...this.missed];
    this.missed.clear();
    if (this.o.offline || keys.length === 0) return local;
    const got = await Promise.all(keys.map((k) => this.ensure(k.split('/')[0], k.split('/')[1])));
    return local + got.filter((x) => x !== undefined).length;
  }

  /** Loads the index, reading the mirror when nothing local has it (and the network is allowed). */
  ensure(suite: string, arch: string): Promise<DebianIndex | undefined> {
    const now = this.get(suite, arch);
    const key = `${suite}/${arch}`;
    if (now || this.o.offline || this.failed.has(key)) return Promise.resolve(now);
    let p = this.loading.get(key);
    if (!p) {
      p = fetchDebianIndex({ mirror: this.o.mirror, suite, arch, referenceArch: 'amd64', timeoutMs: this.o.timeoutMs })
        .then((data) => {
          const index = new DebianIndex(data);
          this.loaded.set(key, index);
          const file = this.cacheFile(suite, arch);
          if (file) {
            fs.mkdirSync(path.dirname(file), { recursive: true });
            const tmp = `${file}.${process.pid}.tmp`;
            fs.writeFileSync(tmp, zlib().gzipSync(serialiseIndex(data)));
            fs.renameSync(tmp, file);
          }
          return index;
        })
        .catch((e: unknown) => {
          this.failed.add(key);
          this.o.onWarning?.(
            `Debian package index for ${suite}/${arch} could not be read from ${this.o.mirror}: ${(e as Error).message}; package names are not checked for that suite.`,
          );
          return undefined;
        })
        .finally(() => this.loading.delete(key));
      this.loading.set(key, p);
    }
    return p;
  }
}
