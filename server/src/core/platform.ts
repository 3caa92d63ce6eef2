// Target platforms and the several spellings of one architecture: OCI (`linux/mips64le`),
// official images (`mips64le`, `arm64v8`), Debian (`mips64el`) and `uname -m` (`mips64`).
import { DEFAULT_TARGET_PLATFORM } from '../shared/protocol';

export interface ArchInfo {
  /** OCI/Go architecture (GOARCH), as in `linux/<arch>`. */
  oci: string;
  variant?: string;
  /** docker-library/official-images architecture name, if the official images ever used it. */
  official?: string;
  debian?: string;
  uname: string;
  aliases: string[];
}

export const ARCHES: readonly ArchInfo[] = [
  { oci: 'amd64', official: 'amd64', debian: 'amd64', uname: 'x86_64', aliases: ['x86_64', 'x86-64', 'x64'] },
  {
    oci: 'arm64',
    variant: 'v8',
    official: 'arm64v8',
    debian: 'arm64',
    uname: 'aarch64',
    aliases: ['aarch64', 'arm64v8', 'arm64/v8'],
  },
  {
    oci: 'arm',
    variant: 'v7',
    official: 'arm32v7',
    debian: 'armhf',
    uname: 'armv7l',
    aliases: ['armhf', 'arm32v7', 'armv7', 'armv7l', 'arm/v7', 'arm'],
  },
  {
    oci: 'arm',
    variant: 'v6',
    official: 'arm32v6',
    uname: 'armv6l',
    aliases: ['arm32v6', 'armv6', 'armv6l', 'arm/v6'],
  },
  {
    oci: 'arm',
    variant: 'v5',
    official: 'arm32v5',
    debian: 'armel',
    uname: 'armv5tel',
    aliases: ['armel', 'arm32v5', 'armv5', 'arm/v5'],
  },
  { oci: '386', official: 'i386', debian: 'i386', uname: 'i686', aliases: ['i386', 'i686', 'x86'] },
  { oci: 'mips64le', official: 'mips64le', debian: 'mips64el', uname: 'mips64', aliases: ['mips64el'] },
  { oci: 'ppc64le', official: 'ppc64le', debian: 'ppc64el', uname: 'ppc64le', aliases: ['ppc64el'] },
  { oci: 'riscv64', official: 'riscv64', debian: 'riscv64', uname: 'riscv64', aliases: [] },
  { oci: 's390x', official: 's390x', debian: 's390x', uname: 's390x', aliases: [] },
  { oci: 'loong64', debian: 'loong64', uname: 'loongarch64', aliases: ['loongarch64', 'loong64'] },
];

export interface Platform {
  os: string;
  arch: ArchInfo;
}

export const DEFAULT_PLATFORM = DEFAULT_TARGET_PLATFORM;

export type PlatformResult = { ok: true; platform: Platform } | { ok: false; error: string };

export function parsePlatform(input: string): PlatformResult {
  const s = input.trim().toLowerCase();
  if (s === '') return { ok: false, error: 'empty platform' };
  let os = 'linux';
  let archPart = s;
  const parts = s.split('/');
  if (parts.length >= 2 && (parts[0] === 'linux' || parts[0] === 'windows')) {
    os = parts[0];
    archPart = parts.slice(1).join('/');
  }
  const [arch, variant] = archPart.split('/');
  const found = ARCHES.find(
    (a) =>
      (a.oci === arch &&
        (variant === undefined || a.variant === variant || (a.variant === undefined && variant === ''))) ||
      a.aliases.includes(archPart) ||
      a.official === archPart,
  );
  if (!found) {
    const known = ARCHES.map((a) => `linux/${a.oci}${a.variant && a.oci === 'arm' ? '/' + a.variant : ''}`).join(', ');
    return { ok: false, error: `unknown platform "${input}" (known: ${known})` };
  }
  if (os === 'windows' && found.oci !== 'amd64') return { ok: false, error: `unsupported platform "${input}"` };
  return { ok: true, platform: { os, arch: found } };
}

/** QEMU's user-mode names (qemu-<name>, qemu-<name>-static, binfmt_misc's qemu-<name>) where they differ
 *  from `uname -m`: one table for the binfmt check and the build scripts' QEMU lists. */
const QEMU_NAMES: Record<string, string> = { mips64le: 'mips64el', arm: 'arm', '386': 'i386' };

/** `mips64el` for linux/mips64le, `aarch64` for arm64, `loongarch64` for loong64. */
export function qemuName(arch: ArchInfo): string {
  return QEMU_NAMES[arch.oci] ?? arch.uname;
}

/** `linux/mips64le`, `linux/arm/v7`, `linux/arm64`. */
export function formatPlatform(p: Platform): string {
  const variant = p.arch.oci === 'arm' && p.arch.variant ? `/${p.arch.variant}` : '';
  return `${p.os}/${p.arch.oci}${variant}`;
}

/** Short label for lenses and status text: `mips64le`, `arm/v7`. */
export function platformLabel(p: Platform): string {
  return p.arch.oci === 'arm' && p.arch.variant ? `arm/${p.arch.variant}` : p.arch.oci;
}

/** The official-images name (`mips64le`, `arm64v8`, `windows-amd64`) or undefined for arches they never had. */
export function officialArchName(p: Platform): string | undefined {
  if (p.os === 'windows') return 'windows-amd64';
  return p.arch.official;
}

/** Maps an official-images architecture name back to an OCI platform string. */
export function officialToOci(name: string): string {
  if (name === 'windows-amd64') return 'windows/amd64';
  const a = ARCHES.find((x) => x.official === name);
  if (!a) return name;
  return a.oci === 'arm' ? `linux/arm/${a.variant}` : `linux/${a.oci}`;
}

/** Does an OCI platform (os/architecture/variant as a registry reports it) satisfy the target? */
export function platformMatches(target: Platform, os: string, architecture: string, variant?: string): boolean {
  if (os !== target.os || architecture !== target.arch.oci) return false;
  if (target.arch.oci === 'arm') return (variant ?? 'v7') === target.arch.variant;
  if (target.arch.oci === 'arm64') return variant === undefined || variant === '' || variant === 'v8';
  return true;
}

/** A `FROM --platform=` value that is a constant (no variable) and names another arch than the target. */
export function isOtherConstantPlatform(value: string, target: Platform): boolean {
  if (value.includes('$')) return false;
  const r = parsePlatform(value);
  if (!r.ok) return false;
  return formatPlatform(r.platform) !== formatPlatform(target);
}
