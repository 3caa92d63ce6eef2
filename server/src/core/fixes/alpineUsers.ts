// Users and groups Alpine packages create under names Debian's packages do not use (stunnel's user is
// `stunnel4` in Debian, nginx runs as `www-data`): where a ported stage names one — USER, --chown=,
// chown, su-exec, gosu — it gets Debian's name, so the entrypoint does not die on an unknown user.

/** Alpine package -> [Alpine's user/group name, Debian's]. */
const PACKAGE_USERS: Record<string, [string, string]> = {
  stunnel: ['stunnel', 'stunnel4'],
  nginx: ['nginx', 'www-data'],
  apache2: ['apache', 'www-data'],
  lighttpd: ['lighttpd', 'www-data'],
  squid: ['squid', 'proxy'],
  memcached: ['memcached', 'memcache'],
  tor: ['tor', 'debian-tor'],
  chrony: ['chrony', '_chrony'],
  bind: ['named', 'bind'],
  openldap: ['ldap', 'openldap'],
  'openssh-server': ['sshd', 'sshd'],
};

/** Renames for the users the stage's `apk add` lines bring (Alpine name -> Debian name). */
export function alpineUserRenames(stageText: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of stageText.matchAll(/\bapk\s+(?:--?[\w-]+(?:[= ]\S+)?\s+)*add\b([^\n&;|]*(?:\\\n[^\n&;|]*)*)/g)) {
    for (const word of m[1].split(/[\s\\]+/)) {
      const name = word.replace(/[=<>~].*$/, '');
      const u = PACKAGE_USERS[name];
      if (u && u[0] !== u[1]) out.set(u[0], u[1]);
    }
  }
  return out;
}

export interface UserEdit {
  start: number;
  end: number;
  text: string;
}

/** Where in text[start, end) a user or group is named, for one instruction. */
export function userNameEdits(
  text: string,
  start: number,
  end: number,
  keyword: string,
  renames: Map<string, string>,
): UserEdit[] {
  if (renames.size === 0) return [];
  const body = text.slice(start, end);
  const edits: UserEdit[] = [];
  const names = [...renames.keys()].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const patterns: RegExp[] =
    keyword === 'USER'
      ? [new RegExp(`^(\\s*)(${names})(?=$|[:\\s])|(:)(${names})(?=$|\\s)`, 'g')]
      : keyword === 'RUN'
        ? [
            new RegExp(`(\\bchown\\s+(?:-\\w+\\s+)*)(${names})(?=[:.\\s])`, 'g'),
            new RegExp(`(\\bchown\\s+(?:-\\w+\\s+)*[\\w.-]*:)(${names})(?=\\s)`, 'g'),
            new RegExp(`(\\b(?:su-exec|gosu)\\s+)(${names})(?=[:\\s])`, 'g'),
          ]
        : [new RegExp(`(--chown=)(${names})(?=[:\\s])`, 'g'), new RegExp(`(--chown=[\\w.-]+:)(${names})(?=\\s)`, 'g')];
  for (const re of patterns) {
    for (const m of body.matchAll(re)) {
      const prefix = m[1] ?? m[3] ?? '';
      const name = m[2] ?? m[4];
      if (!name) continue;
      const at = start + (m.index ?? 0) + prefix.length;
      edits.push({ start: at, end: at + name.length, text: renames.get(name) as string });
    }
  }
  return edits;
}
