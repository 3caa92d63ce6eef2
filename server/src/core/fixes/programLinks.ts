// Programs an Alpine package installs under a name or path its Debian counterpart does not use. Scripts
// and ENTRYPOINTs written for Alpine call them there (`exec su-exec app "$@"`, `["/sbin/tini", "--"]`),
// copied-in scripts included, so the port links the Alpine path to Debian's program instead of editing
// every caller. (Paths from Debian's Contents: gosu ships /usr/sbin/gosu, tini /usr/bin/tini.)
const ALPINE_PATHS: Record<string, { alpine: string; debian: string }> = {
  'su-exec': { alpine: '/sbin/su-exec', debian: '/usr/sbin/gosu' },
  tini: { alpine: '/sbin/tini', debian: '/usr/bin/tini' },
};

/** `ln -sf` commands for the apk package names given (pins allowed: `tini=0.19.0-r1`). */
export function programLinks(apkNames: string[]): string[] {
  const out = new Set<string>();
  for (const n of apkNames) {
    const p = ALPINE_PATHS[n.replace(/[=<>~].*$/, '')];
    if (p) out.add(`ln -sf ${p.debian} ${p.alpine}`);
  }
  return [...out];
}
