// The spellings build scripts use for one architecture in their platform lists: Go's GOARCH (`mips64le`),
// OCI platforms (`linux/mips64le`), os-arch words (`linux-mips64le`), Debian's (`mips64el`) and QEMU's
// (`mips64el`, in `qemu-mips64el-static`). Which one a list uses decides how the target is added to it.
import { ARCHES, ArchInfo, Platform, qemuName } from '../platform';

export type Spelling = 'go' | 'platform' | 'os-arch' | 'debian' | 'qemu';

const OSES = new Set(['linux', 'windows', 'darwin', 'freebsd', 'netbsd', 'openbsd', 'android', 'illumos', 'aix']);

export interface ArchWord {
  /** The OCI architecture the word names (`arm64`). */
  oci: string;
  /** The operating system, when the word names one (`linux/arm64`, `linux-arm64`). */
  os?: string;
  /** Every spelling the word is written in (`amd64` is Go's and Debian's). */
  spellings: Spelling[];
}

function bareArch(word: string): ArchWord | undefined {
  const w = word.toLowerCase();
  const spellings: Spelling[] = [];
  let found: ArchInfo | undefined;
  for (const [spelling, test] of [
    ['go', (a: ArchInfo) => a.oci === w],
    ['debian', (a: ArchInfo) => a.debian === w],
    ['qemu', (a: ArchInfo) => qemuName(a) === w],
  ] as const) {
    const a = ARCHES.find(test);
    if (a) {
      found ??= a;
      spellings.push(spelling);
    }
  }
  return found && { oci: found.oci, spellings };
}

/** What architecture a list entry names, in which spellings; undefined for anything else. */
export function readArchWord(word: string): ArchWord | undefined {
  const qemu = /^qemu-([a-z0-9_]+?)(-static)?$/i.exec(word);
  if (qemu) {
    const a = bareArch(qemu[1]);
    return a && { oci: a.oci, spellings: ['qemu'] };
  }
  const sep = /^([a-z]+)([/-])(.+)$/i.exec(word);
  if (sep && OSES.has(sep[1].toLowerCase())) {
    const a = bareArch(sep[3].replace(/[-/]v\d$/, ''));
    return a && { oci: a.oci, os: sep[1].toLowerCase(), spellings: [sep[2] === '/' ? 'platform' : 'os-arch'] };
  }
  return bareArch(word);
}

const ORDER: Spelling[] = ['platform', 'os-arch', 'go', 'debian', 'qemu'];

/** The one spelling every word of a list fits (`hint` first when it fits: a QEMU list's `arm`). */
export function listSpelling(words: ArchWord[], hint?: Spelling): Spelling {
  const fits = (s: Spelling) => words.every((w) => w.spellings.includes(s));
  if (hint && fits(hint)) return hint;
  return ORDER.find(fits) ?? words[0]?.spellings[0] ?? 'go';
}

/** The target in a list's spelling: `mips64le`, `linux/mips64le`, `linux-mips64le`, `mips64el`. */
export function spellTarget(target: Platform, spelling: Spelling, qemuPrefix = ''): string {
  const a = target.arch;
  switch (spelling) {
    case 'platform':
      return `${target.os}/${a.oci}${a.oci === 'arm' && a.variant ? `/${a.variant}` : ''}`;
    case 'os-arch':
      return `${target.os}-${a.oci}`;
    case 'debian':
      return a.debian ?? a.oci;
    case 'qemu':
      return `${qemuPrefix}${qemuName(a)}`;
    case 'go':
      return a.oci;
  }
}
