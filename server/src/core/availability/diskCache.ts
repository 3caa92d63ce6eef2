// Registry answers on disk, shared by the editor and CLI runs. A run's answers are written together as
// one pack file (temp file + rename, so a reader never sees half of one): small files cost far more to
// create than to fill, and a cold scan of 60 images made 120 of them. A reader loads the packs it has
// not seen yet; many packs are merged into one. Tag entries expire; digest entries never do. A corrupt
// or foreign-version pack is ignored and goes at the next merge.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PlatformEntry } from '../registry/manifest';

export const CACHE_VERSION = 2;

export interface CacheEntry {
  v: number;
  key: string;
  platforms: PlatformEntry[];
  digest?: string;
  mediaType: string;
  answeredBy: string;
  viaMirror: boolean;
  fetchedAt: number;
}

export function defaultCacheDir(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache'), 'mips-port');
}

/** How long this process trusts its view of the folder before looking for other processes' packs. */
const RELIST_MS = 2000;
/** Packs beyond this are merged into one by the next reader. */
const MAX_PACKS = 16;
/** Entries a merged pack keeps at most (the most recent). */
const MAX_ENTRIES = 50000;
/** Answers put without a flush (a hover's look-up) are written once none has come for this long. */
const WRITE_DELAY_MS = 50;
const PACK = /\.pack\.json$/;
/** A temp file this old was left by a run that died mid-write. */
const ORPHAN_MS = 3600 * 1000;

// A run that ends with answers not yet written (an unref'd timer does not hold it) writes them first:
// the caches holding such answers, until their flush.
const unflushed = new Set<DiskCache>();
let packsWritten = 0;
/** Unique among this process's caches (one per resolver) and other processes, hosts sharing a home included. */
const packName = () =>
  `${Date.now().toString(36)}-${process.pid}-${++packsWritten}-${Math.random().toString(36).slice(2, 8)}.pack.json`;
let exitHook = false;
function flushBeforeExit(c: DiskCache): void {
  unflushed.add(c);
  if (exitHook) return;
  exitHook = true;
  process.on('beforeExit', () => {
    for (const x of unflushed) void x.flush();
  });
}

function validEntry(e: unknown): e is CacheEntry {
  const c = e as CacheEntry;
  return (
    !!c &&
    c.v === CACHE_VERSION &&
    typeof c.key === 'string' &&
    Array.isArray(c.platforms) &&
    typeof c.fetchedAt === 'number'
  );
}

export class DiskCache {
  private readonly dir: string;
  private readonly entries = new Map<string, CacheEntry>();
  private readonly loaded = new Set<string>();
  private listedAt = -Infinity;
  /** One merge per process: if the merged packs cannot be removed, merging again would only add more. */
  private merged = false;
  private pending: CacheEntry[] = [];
  private writing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly root: string,
    private readonly tagTtlMs = 24 * 3600 * 1000,
  ) {
    this.dir = path.join(root, `v${CACHE_VERSION}`);
  }

  /** A fresh entry (tags within the TTL, digests always), or undefined. */
  get(key: string, now = Date.now()): CacheEntry | undefined {
    const e = this.getStale(key);
    if (!e) return undefined;
    const isDigest = key.includes('@');
    if (!isDigest && now - e.fetchedAt > this.tagTtlMs) return undefined;
    return e;
  }

  /** The entry whatever its age (to revalidate an expired tag by its digest), or undefined. */
  getStale(key: string): CacheEntry | undefined {
    this.refresh();
    return this.entries.get(key);
  }

  /** Keeps the entry; it reaches the disk with the next flush (or shortly, by itself). */
  put(entry: Omit<CacheEntry, 'v'>): void {
    const e: CacheEntry = { v: CACHE_VERSION, ...entry };
    this.remember(e);
    this.pending.push(e);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), WRITE_DELAY_MS).unref();
    flushBeforeExit(this);
  }

  /** Writes what was put since the last flush as one pack; resolves when it is on disk or could not be. */
  flush(): Promise<void> {
    unflushed.delete(this);
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return this.writing;
    this.writing = this.writing.then(() => this.writePack(batch));
    return this.writing;
  }

  private async writePack(batch: CacheEntry[]): Promise<void> {
    const name = packName();
    const target = path.join(this.dir, name);
    const tmp = `${target}.tmp`;
    try {
      await fs.promises.mkdir(this.dir, { recursive: true });
      await fs.promises.writeFile(tmp, JSON.stringify({ v: CACHE_VERSION, entries: batch }));
      await fs.promises.rename(tmp, target);
      this.loaded.add(name);
    } catch {
      // A read-only or full disk costs the cache, never the answer.
      await fs.promises.unlink(tmp).catch(() => undefined);
    }
  }

  private remember(e: CacheEntry): void {
    const had = this.entries.get(e.key);
    if (!had || had.fetchedAt <= e.fetchedAt) this.entries.set(e.key, e);
  }

  /** Loads packs other runs wrote since the last look; merges when there are many. */
  private refresh(): void {
    const now = Date.now();
    if (now - this.listedAt < RELIST_MS) return;
    this.listedAt = now;
    let all: string[];
    try {
      all = fs.readdirSync(this.dir);
    } catch {
      return;
    }
    const names = all.filter((n) => PACK.test(n));
    for (const n of names) if (!this.loaded.has(n)) this.load(n);
    if (names.length > MAX_PACKS && !this.merged) {
      this.merged = true;
      this.merge(names);
      this.removeOrphans(all.filter((n) => n.endsWith('.tmp')));
    }
  }

  private removeOrphans(tmps: string[]): void {
    for (const n of tmps) {
      const f = path.join(this.dir, n);
      const st = fs.statSync(f, { throwIfNoEntry: false });
      if (st && Date.now() - st.mtimeMs > ORPHAN_MS) fs.rm(f, { force: true }, () => undefined);
    }
  }

  private load(name: string): void {
    this.loaded.add(name);
    let pack: { v?: number; entries?: unknown[] };
    try {
      pack = JSON.parse(fs.readFileSync(path.join(this.dir, name), 'utf8')) as typeof pack;
    } catch {
      return; // removed by another run's merge, or unreadable: its answers are asked again
    }
    if (pack?.v !== CACHE_VERSION || !Array.isArray(pack.entries)) return;
    for (const e of pack.entries) if (validEntry(e)) this.remember(e);
  }

  /** One pack for all: written before the merged ones go, so a concurrent reader loses nothing. */
  private merge(names: string[]): void {
    const keep = [...this.entries.values()].sort((a, b) => b.fetchedAt - a.fetchedAt).slice(0, MAX_ENTRIES);
    const name = packName();
    const target = path.join(this.dir, name);
    try {
      fs.writeFileSync(`${target}.tmp`, JSON.stringify({ v: CACHE_VERSION, entries: keep }));
      fs.renameSync(`${target}.tmp`, target);
    } catch {
      return;
    }
    this.loaded.add(name);
    for (const n of names) fs.rm(path.join(this.dir, n), { force: true }, () => undefined);
  }

  /** Removes every entry (and what older versions of the cache left); returns how many answers went. */
  clear(): number {
    for (let v = 1; v < CACHE_VERSION; v++) {
      try {
        fs.rmSync(path.join(this.root, `v${v}`), { recursive: true, force: true });
      } catch {
        /* not ours to remove after all (permissions): the answers below still go */
      }
    }
    this.listedAt = -Infinity;
    this.refresh();
    const n = this.entries.size;
    this.entries.clear();
    this.loaded.clear();
    this.pending = [];
    let names: string[] = [];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return n;
    }
    for (const f of names) {
      try {
        fs.rmSync(path.join(this.dir, f), { force: true });
      } catch {
        /* a folder someone put there stays */
      }
    }
    return n;
  }

  get location(): string {
    return this.dir;
  }
}
