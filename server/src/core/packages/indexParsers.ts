// Debian's own index formats, read line by line: `Packages` stanzas (Package, Provides) and
// `Contents-<arch>` lines (`path  section/package,section/package`), keeping only bin directories.

/** Collects package and virtual-package names from Packages lines. */
export class PackagesReader {
  readonly names = new Set<string>();

  line(l: string): void {
    if (l.startsWith('Package: ')) this.names.add(l.slice(9).trim());
    else if (l.startsWith('Provides: ')) {
      for (const p of l.slice(10).split(',')) {
        const name = p.trim().split(/\s/)[0];
        if (name) this.names.add(name);
      }
    }
  }
}

const BIN_DIR = /^(usr\/)?s?bin\/[^/\s]+$/;

/** Collects `program path -> package` from Contents lines, bin directories only. */
export class ContentsReader {
  readonly paths = new Map<string, string>();

  line(l: string): void {
    const m = /^(\S+)\s+(\S+)$/.exec(l);
    if (!m || !BIN_DIR.test(m[1])) return;
    const pkg = m[2].split(',')[0].split('/').pop();
    if (pkg && !this.paths.has(m[1])) this.paths.set(m[1], pkg);
  }
}
