// Registry answers on disk, shared by the editor and CLI runs: one small JSON file per key, written
// atomically (temp file + rename). Tag entries expire; digest entries never do. A corrupt or
// foreign-version file is treated as absent and overwritten by the next answer.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PlatformEntry } from '../registry/manifest';

export const CACHE_VERSION = 1;

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

export class DiskCache {
  private readonly dir: string;

  constructor(
    root: string,
    private readonly tagTtlMs = 24 * 3600 * 1000,
  ) {
    this.dir = path.join(root, `v${CACHE_VERSION}`);
  }

  private file(key: string): string {
    return path.join(this.dir, crypto.createHash('sha256').update(key).digest('hex').slice(0, 40) + '.json');
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
    let e: CacheEntry;
    try {
      e = JSON.parse(fs.readFileSync(this.file(key), 'utf8')) as CacheEntry;
    } catch {
      return undefined;
    }
    if (!e || e.v !== CACHE_VERSION || e.key !== key || !Array.isArray(e.platforms) || typeof e.fetchedAt !== 'number')
      return undefined;
    return e;
  }

  put(entry: Omit<CacheEntry, 'v'>): void {
    const e: CacheEntry = { v: CACHE_VERSION, ...entry };
    const target = this.file(e.key);
    const tmp = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      fs.writeFileSync(tmp, JSON.stringify(e));
      fs.renameSync(tmp, target);
    } catch {
      // A read-only or full disk costs the cache, never the answer.
      try {
        fs.unlinkSync(tmp);
      } catch {
        /* gone */
      }
    }
  }

  /** Removes every entry; returns how many files went. */
  clear(): number {
    let n = 0;
    let names: string[] = [];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return 0;
    }
    for (const f of names) {
      try {
        fs.unlinkSync(path.join(this.dir, f));
        n++;
      } catch {
        /* raced with another process */
      }
    }
    return n;
  }

  get location(): string {
    return this.dir;
  }
}
