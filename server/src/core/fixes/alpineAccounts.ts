// Users and groups an Alpine base has from the start that Debian's has not (`wheel`, `ntp`, `cron`…):
// a stage that names one without creating it works on Alpine and dies on Debian ("invalid group"),
// so the port creates what the stage names, idempotently, before the first instruction naming it.
import { accountMentions } from './accountMentions';
import { CopiedScript } from './contextScripts';

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
  /** Scripts the stage copies in that name them (`docker-entrypoint.sh`). */
  scripts: string[];
}

export interface StageInstruction {
  keyword: string;
  body: string;
  /** Shell scripts this instruction copies from the build context. */
  scripts?: CopiedScript[];
}

const NAME = '[A-Za-z_][\\w.-]*';

/** Accounts this stage creates itself (busybox and shadow tools alike). */
export function createdAccounts(stageText: string): Set<string> {
  const made = new Set<string>();
  const re = new RegExp(
    `\\b(?:adduser|addgroup|useradd|groupadd)\\s+(?:(?:-\\S+|--\\S+)(?:\\s+[^-\\s&|;]\\S*)?\\s+)*(${NAME})`,
    'g',
  );
  for (const m of stageText.matchAll(re)) made.add(m[1]);
  return made;
}

/** Alpine-only accounts the stage's instructions (and the scripts they copy in) name but never create;
 *  renamed ones are not counted. */
export function alpineOnlyAccounts(
  instructions: StageInstruction[],
  stageText: string,
  renames: Map<string, string>,
): AccountsNeeded {
  const scripts = instructions.flatMap((i) => i.scripts ?? []);
  const made = createdAccounts([stageText, ...scripts.map((x) => x.text)].join('\n'));
  const users = new Set<string>();
  const groups = new Set<string>();
  const via = new Set<string>();
  let first = -1;
  const needed = (keyword: string, body: string) => {
    const named = accountMentions(keyword, body).filter((m) => !made.has(m.name) && !renames.has(m.name));
    const u = named.filter((m) => m.kind === 'user' && ALPINE_ONLY_USERS.has(m.name)).map((m) => m.name);
    const g = named.filter((m) => m.kind === 'group' && ALPINE_ONLY_GROUPS.has(m.name)).map((m) => m.name);
    u.forEach((x) => users.add(x));
    g.forEach((x) => groups.add(x));
    return u.length + g.length > 0;
  };
  instructions.forEach((i, k) => {
    let named = needed(i.keyword, i.body);
    for (const x of i.scripts ?? []) {
      // a script runs as shell: read as a RUN's body
      if (needed('RUN', x.text)) {
        via.add(x.source);
        named = true;
      }
    }
    if (first < 0 && named) first = k;
  });
  return { users: [...users], groups: [...groups], first, scripts: [...via] };
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
