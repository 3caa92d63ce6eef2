// Debian and Ubuntu releases by codename: what tags and base names spell, and which Debian releases
// have a port for an architecture (mips64el: Debian 9 to 12; Debian 13 dropped it).

export interface DebianRelease {
  codename: string;
  version: number;
  /** Debian architectures of the release that are gone from it (or never came), beyond amd64's peers. */
  noPortFor: string[];
}

export const DEBIAN_RELEASES: readonly DebianRelease[] = [
  { codename: 'jessie', version: 8, noPortFor: ['mips64el', 'riscv64', 'loong64'] },
  { codename: 'stretch', version: 9, noPortFor: ['riscv64', 'loong64'] },
  { codename: 'buster', version: 10, noPortFor: ['riscv64', 'loong64'] },
  { codename: 'bullseye', version: 11, noPortFor: ['riscv64', 'loong64'] },
  { codename: 'bookworm', version: 12, noPortFor: ['riscv64', 'loong64'] },
  { codename: 'trixie', version: 13, noPortFor: ['mips64el', 'mipsel', 'i386', 'loong64'] },
  { codename: 'forky', version: 14, noPortFor: ['mips64el', 'mipsel', 'i386', 'loong64'] },
];

/** Official images of RPM distributions (dnf, yum or microdnf). */
export const RPM_DISTROS: readonly string[] = [
  'fedora',
  'centos',
  'rockylinux',
  'almalinux',
  'oraclelinux',
  'amazonlinux',
  'photon',
  'clearlinux',
];

export const UBUNTU_CODENAMES: readonly string[] = [
  'xenial',
  'bionic',
  'focal',
  'jammy',
  'noble',
  'oracular',
  'plucky',
];

const DEBIAN_NAMES = DEBIAN_RELEASES.map((r) => r.codename);

/** The Debian release a tag names (`bookworm-slim`, `8.2-bullseye`), if any. */
export function debianReleaseIn(tag: string): DebianRelease | undefined {
  const words = tag.toLowerCase().split(/[-_.]/);
  return DEBIAN_RELEASES.find((r) => words.includes(r.codename));
}

/** A tag or name spells a Debian or Ubuntu release, so the image is apt-based. */
export function namesDebianOrUbuntuRelease(text: string): boolean {
  const words = text.toLowerCase().split(/[-_.:/]/);
  return words.some((w) => DEBIAN_NAMES.includes(w) || UBUNTU_CODENAMES.includes(w));
}

/** Codenames a tag word may be: for telling distro words from flavour words. */
export const DISTRO_CODENAMES: readonly string[] = [...DEBIAN_NAMES, 'sid', ...UBUNTU_CODENAMES];
