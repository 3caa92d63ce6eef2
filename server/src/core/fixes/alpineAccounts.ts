// Users and groups an Alpine base has from the start that Debian's has not (`wheel`, `ntp`, `cron`…):
// a stage that names one without creating it works on Alpine and dies on Debian ("invalid group"),
// so the port creates what the stage names, idempotently, before the first instruction naming it.

// alpine-baselayout's /etc/passwd and /etc/group minus debian:bookworm's
const ALPINE_ONLY_USERS = new Set(
  'adm shutdown halt operator postmaster cron ftp sshd at squid xfs cyrus vpopmail ntp smmsp guest'.split(' '),
);
const ALPINE_ONLY_GROUPS = new Set(
  'wheel mem cron console ftp sshd input at netdev readproc squid xfs kvm cdrw usb vpopmail ntp nofiles smmsp locate abuild ping'.split(
    ' ',
  ),
);

export interface AccountsNeeded {
  users: string[];
  groups: string[];
  /** Index of the first instruction naming one of them. */
  first: number;
}

const NAME = '[A-Za-z_][\\w.-]*';

/** `user[:group]` operands and group operands an instruction's text names (USER, --chown=, chown…). */
function namedAccounts(keyword: string, body: string): { users: string[]; groups: string[] } {
  const users: string[] = [];
  const groups: string[] = [];
  const owner = (spec: string) => {
    const [u, g] = spec.split(/[:.]/, 2);
    if (u) users.push(u);
    if (g) groups.push(g);
  };
  if (keyword === 'USER') owner(body.trim().split(/\s+/)[0] ?? '');
  for (const m of body.matchAll(new RegExp(`--chown=(${NAME}(?::${NAME})?)`, 'g'))) owner(m[1]);
  if (keyword !== 'RUN') return { users, groups };
  const flags = '(?:-\\S+\\s+)*';
  for (const m of body.matchAll(new RegExp(`\\bchown\\s+${flags}((?:${NAME})?(?:[:.]${NAME})?)(?=\\s)`, 'g')))
    owner(m[1]);
  for (const m of body.matchAll(new RegExp(`\\b(?:su-exec|gosu)\\s+(${NAME}(?::${NAME})?)`, 'g'))) owner(m[1]);
  for (const m of body.matchAll(new RegExp(`\\bchgrp\\s+${flags}(${NAME})`, 'g'))) groups.push(m[1]);
  // busybox `adduser -G grp`, useradd's -g/-G (comma lists), `addgroup user grp`
  for (const m of body.matchAll(
    new RegExp(`\\b(?:adduser|useradd|usermod)\\b[^&|;\\n]*?\\s-[gG]\\s*(${NAME}(?:,${NAME})*)`, 'g'),
  ))
    groups.push(...m[1].split(','));
  for (const m of body.matchAll(
    new RegExp(`\\baddgroup\\s+(?:-\\S+\\s+)*${NAME}\\s+(${NAME})(?=\\s*(?:$|[&|;\\n]))`, 'gm'),
  ))
    groups.push(m[1]);
  return { users, groups };
}

/** Accounts this stage creates itself (busybox and shadow tools alike). */
function createdAccounts(stageText: string): Set<string> {
  const made = new Set<string>();
  const re = new RegExp(
    `\\b(?:adduser|addgroup|useradd|groupadd)\\s+(?:(?:-\\S+|--\\S+)(?:\\s+[^-\\s&|;]\\S*)?\\s+)*(${NAME})`,
    'g',
  );
  for (const m of stageText.matchAll(re)) made.add(m[1]);
  return made;
}

/** Alpine-only accounts the stage's instructions name but never create; renamed ones are not counted. */
export function alpineOnlyAccounts(
  instructions: { keyword: string; body: string }[],
  stageText: string,
  renames: Map<string, string>,
): AccountsNeeded {
  const made = createdAccounts(stageText);
  const users = new Set<string>();
  const groups = new Set<string>();
  let first = -1;
  instructions.forEach((i, k) => {
    const n = namedAccounts(i.keyword, i.body);
    const u = n.users.filter((x) => ALPINE_ONLY_USERS.has(x) && !made.has(x) && !renames.has(x));
    const g = n.groups.filter((x) => ALPINE_ONLY_GROUPS.has(x) && !made.has(x) && !renames.has(x));
    u.forEach((x) => users.add(x));
    g.forEach((x) => groups.add(x));
    if (first < 0 && u.length + g.length > 0) first = k;
  });
  return { users: [...users], groups: [...groups], first };
}

/** One RUN that makes them; safe when a package installed later or earlier made them already. */
export function createAccountsRun(needed: AccountsNeeded): string {
  const cmds = [
    ...needed.groups.map((g) => `groupadd -f --system ${g}`),
    ...needed.users.flatMap((u) => [
      `groupadd -f --system ${u}`,
      `(id -u ${u} >/dev/null 2>&1 || useradd --system --no-create-home --gid ${u} --shell /usr/sbin/nologin ${u})`,
    ]),
  ];
  return `RUN ${[...new Set(cmds)].join(' \\\n && ')}`;
}
