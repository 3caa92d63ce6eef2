// Programs an Alpine package installs under a name or path Debian does not use. Scripts and ENTRYPOINTs
// written for Alpine call them there (`exec su-exec app "$@"`, `["/sbin/tini", "--"]`), copied-in scripts
// included, so the port puts a program at the Alpine path instead of editing every caller.
// tini: Debian ships /usr/bin/tini. su-exec: Debian has none; its gosu is a Go program whose user switch
// (Go's all-threads setuid) aborts under qemu-user, where ports are built and tried. A few lines of sh
// over util-linux's setpriv (Essential: always there) do what su-exec does: USER[:GROUP], the user's
// groups when no group is given, HOME from the user's entry.
const SU_EXEC = [
  '#!/bin/sh',
  '# su-exec USER[:GROUP] COMMAND [ARG]... over setpriv from util-linux (mips-port, for the Alpine su-exec)',
  'set -e',
  'spec=$1; shift',
  'user=${spec%%:*}; group=; case $spec in *:*) group=${spec#*:};; esac',
  'pw=$(getent passwd "$user" || true); uid=$(echo "$pw" | cut -d: -f3); uid=${uid:-$user}',
  'if [ -n "$group" ]; then gid=$(getent group "$group" | cut -d: -f3); gid=${gid:-$group}; else gid=$(echo "$pw" | cut -d: -f4); gid=${gid:-$uid}; fi',
  'if [ -n "$pw" ] && [ -z "$group" ]; then groups=--init-groups; else groups=--groups=$gid; fi',
  'home=$(echo "$pw" | cut -d: -f6)',
  'exec env HOME="${home:-/}" setpriv --reuid="$uid" --regid="$gid" "$groups" -- "$@"',
];

const PROGRAMS: Record<string, string> = {
  // each line single-quoted for printf: none holds a single quote
  'su-exec': `printf '%s\\n' ${SU_EXEC.map((l) => `'${l}'`).join(' ')} > /sbin/su-exec && chmod 755 /sbin/su-exec`,
  tini: 'ln -sf /usr/bin/tini /sbin/tini',
};

/** Commands that put the programs of these apk packages at their Alpine paths (pins allowed: `tini=0.19.0-r1`). */
export function alpineProgramCommands(apkNames: string[]): string[] {
  const out = new Set<string>();
  for (const n of apkNames) {
    const cmd = PROGRAMS[n.replace(/[=<>~@].*$/, '')];
    if (cmd) out.add(cmd);
  }
  return [...out];
}
