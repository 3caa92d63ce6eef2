// A suite's Release text (the signed body of `InRelease`), as apt reads it: which suite it is, until
// when it is valid, and the SHA256 and size of every index file under the suite.

export interface IndexDigest {
  sha256: string;
  size: number;
}

export interface ReleaseFile {
  suite?: string;
  codename?: string;
  /** Valid-Until, when the archive sets one (security suites do). */
  validUntil?: Date;
  /** `main/binary-mips64el/Packages.gz` -> its SHA256 and size. */
  sha256: Map<string, IndexDigest>;
}

export function parseRelease(text: string): ReleaseFile {
  const out: ReleaseFile = { sha256: new Map() };
  let inSha = false;
  for (const line of text.split('\n')) {
    if (/^\s/.test(line)) {
      if (!inSha) continue;
      const m = /^\s+([0-9a-f]{64})\s+(\d+)\s+(\S+)\s*$/.exec(line);
      if (m) out.sha256.set(m[3], { sha256: m[1], size: Number(m[2]) });
      continue;
    }
    const field = /^([\w-]+):\s*(.*?)\s*$/.exec(line);
    inSha = field?.[1] === 'SHA256';
    if (!field) continue;
    if (field[1] === 'Suite') out.suite = field[2];
    else if (field[1] === 'Codename') out.codename = field[2];
    else if (field[1] === 'Valid-Until') {
      const d = new Date(field[2]);
      if (!Number.isNaN(d.getTime())) out.validUntil = d;
    }
  }
  return out;
}

/** Why this Release must not be used for `suite` (another suite, expired), or undefined. */
export function releaseProblem(r: ReleaseFile, suite: string, now = new Date()): string | undefined {
  if (r.codename !== suite && r.suite !== suite)
    return `InRelease is for ${r.codename ?? r.suite ?? 'no named suite'}, not ${suite}`;
  if (r.validUntil && r.validUntil < now) return `InRelease expired on ${r.validUntil.toISOString().slice(0, 10)}`;
  if (r.sha256.size === 0) return 'InRelease lists no SHA256 sums';
  return undefined;
}
