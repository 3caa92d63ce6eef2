// Users and groups Alpine packages create under names Debian's packages do not use (stunnel's user is
// `stunnel4` in Debian, nginx runs as `www-data`): where a ported stage names one — USER, --chown=,
// chown, su-exec, gosu — it gets Debian's name, so the entrypoint does not die on an unknown user.
import { accountMentions } from './accountMentions';

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

/** Debian's names for the users and groups one instruction (text[start, end)) names. */
export function userNameEdits(
  text: string,
  start: number,
  end: number,
  keyword: string,
  renames: Map<string, string>,
): UserEdit[] {
  if (renames.size === 0) return [];
  return accountMentions(keyword, text.slice(start, end))
    .filter((m) => renames.has(m.name))
    .map((m) => ({ start: start + m.offset, end: start + m.offset + m.name.length, text: renames.get(m.name)! }));
}
