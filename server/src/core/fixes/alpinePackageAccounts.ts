// Users and groups Alpine's packages create on install (dnsmasq makes dnsmasq:dnsmasq, stunnel makes
// stunnel:stunnel) that Debian's packages make otherwise or not at all. Whatever names them — an
// ENTRYPOINT's --user=, a config an entrypoint script writes — keeps working when the port creates the
// same accounts after the install, idempotently: a group that exists is kept, a user that exists keeps
// its uid and gains the group. Table: server/data/alpine-package-accounts.json (`npm run kb`).
import fs from 'node:fs';
import { findDataFile } from '../data';

interface PackageAccounts {
  users: { name: string; group: string; home?: string; shell?: string }[];
  groups: string[];
  memberships: [string, string][];
}

let table: Record<string, PackageAccounts> | undefined;

function accountsTable(): Record<string, PackageAccounts> {
  return (table ??= (
    JSON.parse(fs.readFileSync(findDataFile('alpine-package-accounts.json'), 'utf8')) as {
      packages: Record<string, PackageAccounts>;
    }
  ).packages);
}

/** The accounts an Alpine package creates on install, if the table knows any. */
export function alpinePackageAccounts(apkName: string): PackageAccounts | undefined {
  const t = accountsTable();
  return Object.prototype.hasOwnProperty.call(t, apkName) ? t[apkName] : undefined;
}

// Alpine's /sbin/nologin is /usr/sbin/nologin on a Debian base without merged /usr
const SHELLS: Record<string, string> = { '/sbin/nologin': '/usr/sbin/nologin', '/bin/ash': '/bin/sh' };
const SAFE = /^[A-Za-z_][\w.-]*$/;
const SAFE_PATH = /^\/[\w./-]*$/;

/** Shell commands creating the accounts these apk packages create (pins allowed), except those in
 *  `made` (the stage creates them itself, and would fail on one that exists). */
export function packageAccountCommands(apkNames: string[], made: ReadonlySet<string> = new Set()): string[] {
  const groups = new Set<string>();
  const users = new Map<string, PackageAccounts['users'][number]>();
  const members: [string, string][] = [];
  for (const n of apkNames) {
    const a = alpinePackageAccounts(n.replace(/[=<>~@].*$/, ''));
    if (!a) continue;
    for (const g of a.groups) groups.add(g);
    for (const u of a.users) {
      groups.add(u.group);
      if (!users.has(u.name)) users.set(u.name, u);
    }
    members.push(...a.memberships);
  }
  const out: string[] = [];
  for (const g of groups) if (SAFE.test(g) && !made.has(g)) out.push(`groupadd -f --system ${g}`);
  for (const u of users.values()) {
    if (!SAFE.test(u.name) || !SAFE.test(u.group) || made.has(u.name)) continue;
    const home = u.home && SAFE_PATH.test(u.home) ? ` --home-dir ${u.home}` : '';
    const shell = SHELLS[u.shell ?? ''] ?? (u.shell && SAFE_PATH.test(u.shell) ? u.shell : '/usr/sbin/nologin');
    out.push(
      `(id -u ${u.name} >/dev/null 2>&1 && usermod -a -G ${u.group} ${u.name}` +
        ` || useradd --system --no-create-home${home} --gid ${u.group} --shell ${shell} ${u.name})`,
    );
  }
  // a membership's user may be one Debian's package names otherwise: then there is nothing to add to
  for (const [u, g] of members)
    if (SAFE.test(u) && SAFE.test(g) && !made.has(u))
      out.push(`(! id -u ${u} >/dev/null 2>&1 || usermod -a -G ${g} ${u})`);
  return [...new Set(out)];
}
