// A Debian root filesystem for the target, made with mmdebstrap under QEMU, turned into an image
// whose config says the target platform: the base a port needs when no registry serves one.
import fs from 'node:fs';
import { formatPlatform, Platform } from '../platform';

export type BaseVariant = 'minbase' | 'slim' | 'standard';

export interface BaseOptions {
  target: Platform;
  suite: string;
  variant: BaseVariant;
  packages: string[];
  /** Debian mirror; default: the host's apt sources, else deb.debian.org. */
  mirror?: string;
  /** Debian snapshot timestamp (20240101T000000Z): reproducible, with SOURCE_DATE_EPOCH from it. */
  snapshot?: string;
  /** Pin file times without a snapshot (same packages -> same layer). */
  sourceDateEpoch?: number;
}

/** Debian's architecture name for the target; Debian ports carry loong64 (and others). */
export function debianArch(target: Platform): string {
  const a = target.arch.debian;
  if (!a) throw new Error(`Debian has no architecture for ${formatPlatform(target)}`);
  return a;
}

const PORTS_ARCHES = new Set(['loong64', 'alpha', 'hppa', 'm68k', 'powerpc', 'ppc64', 'sh4', 'sparc64']);

/** The first Debian mirror the host's apt sources name (deb822 or one-line), else deb.debian.org. */
export function hostDebianMirror(
  files: string[] = ['/etc/apt/sources.list', ...listDir('/etc/apt/sources.list.d')],
): string {
  for (const f of files) {
    let text: string;
    try {
      text = fs.readFileSync(f, 'utf8');
    } catch {
      continue;
    }
    if (f.endsWith('.sources')) {
      for (const stanza of text.split(/\n\s*\n/)) {
        const uris = /^URIs:\s*(\S+)/m.exec(stanza)?.[1];
        const suites = /^Suites:\s*(.+)$/m.exec(stanza)?.[1] ?? '';
        if (uris && /\/debian\/?$/.test(uris) && !/security/.test(suites) && !/^\s*Enabled:\s*no/im.test(stanza))
          return uris.replace(/\/$/, '');
      }
    } else {
      for (const line of text.split('\n')) {
        const m = /^\s*deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)/.exec(line);
        if (m && /\/debian\/?$/.test(m[1]) && !/security/.test(m[2])) return m[1].replace(/\/$/, '');
      }
    }
  }
  return 'http://deb.debian.org/debian';
}

function listDir(d: string): string[] {
  try {
    return fs
      .readdirSync(d)
      .filter((f) => f.endsWith('.list') || f.endsWith('.sources'))
      .map((f) => `${d}/${f}`);
  } catch {
    return [];
  }
}

/** Seconds since the epoch of a snapshot timestamp like 20240101T000000Z. */
export function snapshotEpoch(ts: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(ts);
  if (!m) throw new Error(`--snapshot expects a timestamp like 20240101T000000Z, not "${ts}"`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) / 1000;
}

// What Debian's own slim images leave out (debuerreotype's slimify list).
export const SLIM_DPKG_OPTS = [
  'path-exclude=/usr/share/doc/*',
  'path-include=/usr/share/doc/*/copyright',
  'path-exclude=/usr/share/man/*',
  'path-exclude=/usr/share/groff/*',
  'path-exclude=/usr/share/info/*',
  'path-exclude=/usr/share/locale/*',
  'path-include=/usr/share/locale/locale.alias',
  'path-exclude=/usr/share/lintian/*',
  'path-exclude=/usr/share/linda/*',
];

/** What Debian's official images configure (debuerreotype's docker-clean, no translations): no .deb cache
 *  left in the layers built on the base, no package lists translations. */
export const OFFICIAL_IMAGE_APT_OPTIONS = [
  'DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; }',
  'APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; }',
  'Dir::Cache::pkgcache ""',
  'Dir::Cache::srcpkgcache ""',
  'Acquire::Languages "none"',
  'Acquire::GzipIndexes "true"',
];

/** `-updates` and `-security` sources for a released suite (not sid, not the ports, not snapshots). */
export function extraSources(suite: string, mirror: string, ports: boolean, snapshot: boolean): string[] {
  if (ports || snapshot || /^(sid|unstable|experimental|rc-buggy)$/.test(suite)) return [];
  const security = mirror.replace(/\/debian\/?$/, '/debian-security');
  const securityMirror = security !== mirror ? security : 'http://deb.debian.org/debian-security';
  return [`deb ${mirror} ${suite}-updates main`, `deb ${securityMirror} ${suite}-security main`];
}

/** mmdebstrap's own hook (Debian package mmdebstrap, 1.0 and later) that makes a merged-/usr chroot. */
export const MERGED_USR_HOOKS = '/usr/share/mmdebstrap/hooks/merged-usr';
// releases before bookworm have no usr-is-merged package (and nothing in them depends on usrmerge)
const PRE_MERGED_USR = new Set(['jessie', 'stretch', 'buster', 'bullseye', 'oldoldstable']);

/** Whether the base of this suite is made with the merged-/usr hook (bookworm and later). */
export function usesMergedUsrHook(suite: string): boolean {
  return !PRE_MERGED_USR.has(suite);
}

export interface MmdebstrapCommand {
  argv: string[];
  env: Record<string, string>;
  mirror: string;
}

/** The mmdebstrap invocation (argument array) that writes the root filesystem as a tar. */
export function mmdebstrapCommand(o: BaseOptions, outTar: string): MmdebstrapCommand {
  const arch = debianArch(o.target);
  let mirror = o.mirror ?? (PORTS_ARCHES.has(arch) ? 'http://deb.debian.org/debian-ports' : hostDebianMirror());
  const env: Record<string, string> = {};
  if (o.snapshot) {
    mirror = `http://snapshot.debian.org/archive/${PORTS_ARCHES.has(arch) ? 'debian-ports' : 'debian'}/${o.snapshot}/`;
    env.SOURCE_DATE_EPOCH = String(snapshotEpoch(o.snapshot));
  } else if (o.sourceDateEpoch !== undefined) {
    env.SOURCE_DATE_EPOCH = String(o.sourceDateEpoch);
  }
  const argv = [
    'mmdebstrap',
    `--variant=${o.variant === 'slim' ? 'minbase' : o.variant}`,
    `--architectures=${arch}`,
    '--format=tar',
  ];
  if (o.variant === 'slim') for (const d of SLIM_DPKG_OPTS) argv.push(`--dpkgopt=${d}`);
  // merged /usr set up by mmdebstrap's hook (symlinks + usr-is-merged): else apt satisfies
  // init-system-helpers' dependency with usrmerge, which pulls ~48 MB of Perl into the base
  if (usesMergedUsrHook(o.suite)) argv.push(`--hook-dir=${MERGED_USR_HOOKS}`);
  if (o.packages.length) argv.push(`--include=${o.packages.join(',')}`);
  if (o.snapshot) argv.push('--aptopt=Acquire::Check-Valid-Until "false"');
  for (const opt of OFFICIAL_IMAGE_APT_OPTIONS) argv.push(`--aptopt=${opt}`);
  argv.push(o.suite, outTar, mirror, ...extraSources(o.suite, mirror, PORTS_ARCHES.has(arch), !!o.snapshot));
  return { argv, env, mirror };
}
