// What Debian ships for one suite and architecture: its package names (real and virtual), the names
// other architectures have but this one lacks, and which package puts a program in a bin directory.
// Kept in a compact text form: the embedded snapshot and the disk cache use it.

export interface DebianIndexData {
  suite: string;
  /** Debian architecture (`mips64el`). */
  arch: string;
  /** Where and when the indexes were read. */
  source: string;
  names: string[];
  /** In Debian for another architecture (amd64), not for this one. */
  elsewhere: string[];
  /** `usr/bin/ps` -> `procps`: programs in bin directories and their packages. */
  paths: [string, string][];
}

/** The target's package index for a Debian suite, when one is loaded. */
export type PackagesFor = (suite: string) => DebianIndex | undefined;

export class DebianIndex {
  private readonly names: Set<string>;
  private readonly other: Set<string>;
  private readonly paths: Map<string, string>;
  /** The names sorted once, for prefix ranges; and answers already given (a 1 MB install line repeats). */
  private sorted?: string[];
  private readonly near = new Map<string, string[]>();

  constructor(readonly data: DebianIndexData) {
    this.names = new Set(data.names);
    this.other = new Set(data.elsewhere);
    this.paths = new Map(data.paths);
  }

  get suite(): string {
    return this.data.suite;
  }
  get arch(): string {
    return this.data.arch;
  }

  /** A package (or a virtual package some package provides) installable on this architecture. */
  has(name: string): boolean {
    return this.names.has(name);
  }

  /** Debian has it, but not for this architecture. */
  elsewhere(name: string): boolean {
    return !this.names.has(name) && this.other.has(name);
  }

  /** The package that ships a program path (`/usr/bin/ps`, `/bin/ps`). */
  byPath(path: string): string | undefined {
    const p = path.replace(/^\/+/, '');
    return this.paths.get(p) ?? this.paths.get(p.startsWith('usr/') ? p.slice(4) : `usr/${p}`);
  }

  /** Names that look like `name` (shared prefix first, then edit distance), for "did you mean". */
  closest(name: string, n = 3): string[] {
    const key = `${n} ${name}`;
    const known = this.near.get(key);
    if (known) return known;
    const stem = name.slice(0, Math.min(3, Math.max(1, name.length - 1)));
    const limit = Math.max(2, Math.floor(name.length / 3));
    // only names sharing the stem, found by binary search (not a pass over every name per word)
    const sorted = (this.sorted ??= [...this.data.names].sort());
    const out: (readonly [string, number])[] = [];
    for (let i = lowerBound(sorted, stem); i < sorted.length && sorted[i].startsWith(stem); i++) {
      const x = sorted[i];
      if (Math.abs(x.length - name.length) > limit) continue;
      const d = editDistance(name, x);
      if (d <= limit) out.push([x, d]);
    }
    const answer = out
      .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
      .slice(0, n)
      .map(([x]) => x);
    if (this.near.size > 10_000) this.near.clear();
    this.near.set(key, answer);
    return answer;
  }
}

/** The first index of a sorted array whose element is >= `s`. */
function lowerBound(sorted: string[], s: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/** The compact text form: a JSON header line, then `N name`, `E name` and `P path pkg` lines. */
export function serialiseIndex(d: DebianIndexData): string {
  const head = JSON.stringify({ schema: 1, suite: d.suite, arch: d.arch, source: d.source });
  return (
    [
      head,
      ...d.names.map((n) => `N ${n}`),
      ...d.elsewhere.map((n) => `E ${n}`),
      ...d.paths.map(([p, k]) => `P ${p} ${k}`),
    ].join('\n') + '\n'
  );
}

export function parseIndex(text: string): DebianIndexData {
  const nl = text.indexOf('\n');
  const head = JSON.parse(text.slice(0, nl < 0 ? undefined : nl)) as {
    schema: number;
    suite: string;
    arch: string;
    source: string;
  };
  if (head.schema !== 1) throw new Error('not a package index of schema 1');
  const d: DebianIndexData = {
    suite: head.suite,
    arch: head.arch,
    source: head.source,
    names: [],
    elsewhere: [],
    paths: [],
  };
  for (const line of text.slice(nl + 1).split('\n')) {
    if (line.startsWith('N ')) d.names.push(line.slice(2));
    else if (line.startsWith('E ')) d.elsewhere.push(line.slice(2));
    else if (line.startsWith('P ')) {
      const sp = line.indexOf(' ', 2);
      if (sp > 0) d.paths.push([line.slice(2, sp), line.slice(sp + 1)]);
    }
  }
  return d;
}
