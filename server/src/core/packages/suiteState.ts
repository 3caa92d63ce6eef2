// Whether a Debian suite's apt still works for an architecture, and which suite an official image's tag
// was built on. Measured 2026-12: Debian's mirrors serve mips64el for bookworm only; stretch and buster
// moved to archive.debian.org (which keeps their mips64el); bullseye's mips64el is gone from both;
// trixie, forky and sid have no mips64el. Tags' suites: server/data/official-images-suites.json.
import fs from 'node:fs';
import { findDataFile } from '../data';
import { debianReleaseIn } from '../distroReleases';
import { ImageRef, officialImageName } from '../imageRef';

/** `current`: deb.debian.org serves it; `archived`: only archive.debian.org does; `gone`: nothing does. */
export type SuiteState = 'current' | 'archived' | 'gone';

// Debian's releases moved to archive.debian.org (all architectures)
const ARCHIVED = new Set(['jessie', 'stretch', 'buster']);
// architecture -> suite -> state, where it differs from the rule above
const BY_ARCH: Record<string, Record<string, SuiteState>> = {
  mips64el: { jessie: 'gone', bullseye: 'gone', trixie: 'gone', forky: 'gone', sid: 'gone' },
};

/** The state of apt for a suite on a Debian architecture; undefined where it is not known. */
export function suiteState(suite: string, debianArch: string): SuiteState | undefined {
  const own = BY_ARCH[debianArch]?.[suite];
  if (own) return own;
  if (ARCHIVED.has(suite)) return 'archived';
  if (suite === 'bookworm') return 'current';
  // bullseye's LTS ended 2026-08 for the others: where its files live now is not recorded here
  return ['trixie', 'forky', 'sid'].includes(suite) && debianArch !== 'mips64el' ? 'current' : undefined;
}

type BySuite = Record<string, Record<string, string[]>>;
let data: { images: BySuite; likely?: BySuite } | undefined;
const byTag = { named: new Map<string, Map<string, string>>(), likely: new Map<string, Map<string, string>>() };

function tagSuites(image: string, which: 'named' | 'likely'): Map<string, string> | undefined {
  data ??= JSON.parse(fs.readFileSync(findDataFile('official-images-suites.json'), 'utf8')) as {
    images: BySuite;
    likely?: BySuite;
  };
  const memo = byTag[which];
  if (!memo.has(image)) {
    const m = new Map<string, string>();
    const src = which === 'named' ? data.images : (data.likely ?? {});
    for (const [suite, tags] of Object.entries(src[image] ?? {})) for (const t of tags) m.set(t, suite);
    memo.set(image, m);
  }
  return memo.get(image);
}

/** The Debian suite an image's tag is built on: named in its tag, or in official-images' files. */
export function suiteOfImage(ref: ImageRef): string | undefined {
  const named = debianReleaseIn(ref.tag ?? '')?.codename;
  if (named) return named;
  const image = officialImageName(ref);
  return image ? tagSuites(image, 'named')?.get(ref.tag ?? 'latest') : undefined;
}

/** The suite as above, else the one inferred for an unnamed tag (Debian's stable on its last build date). */
export function suiteFact(ref: ImageRef): { suite: string; likely: boolean } | undefined {
  const named = suiteOfImage(ref);
  if (named) return { suite: named, likely: false };
  const image = officialImageName(ref);
  const likely = image ? tagSuites(image, 'likely')?.get(ref.tag ?? 'latest') : undefined;
  return likely ? { suite: likely, likely: true } : undefined;
}

/** Lines that point a Debian image's apt at archive.debian.org (with what apt needs there). */
export const ARCHIVE_SOURCES_RUN =
  "RUN sed -i -e 's|deb.debian.org|archive.debian.org|g' -e 's|security.debian.org|archive.debian.org|g'" +
  " -e '/-updates/d' /etc/apt/sources.list" +
  ' && printf \'Acquire::Check-Valid-Until "false";\\n\'' +
  ' > /etc/apt/apt.conf.d/99mips-port-archive';
