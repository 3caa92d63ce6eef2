// Where an instruction names users and groups — USER, --chown=, chown/chgrp, su-exec/gosu, the group
// options of adduser/useradd/usermod, `addgroup USER GROUP` — with each name's offset. The one reader
// behind the port's account fixes: Alpine-only accounts to create, package users Debian names otherwise.

export interface AccountMention {
  name: string;
  kind: 'user' | 'group';
  /** Offset of the name in the instruction's body. */
  offset: number;
}

const NAME = '[A-Za-z_][\\w.-]*';
const FLAGS = '(?:-\\S+\\s+)*';
const SPEC = `${NAME}(?:[:.]${NAME})?`;

// each pattern's group 1 is the operand; 'd' gives its offset
const EVERYWHERE: [RegExp, Reader][] = [[new RegExp(`--chown=(${NAME}(?::${NAME})?)`, 'dg'), owner]];
const IN_RUN: [RegExp, Reader][] = [
  [new RegExp(`\\bchown\\s+${FLAGS}((?:${NAME})?(?:[:.]${NAME})?)(?=\\s)`, 'dg'), owner],
  [new RegExp(`\\b(?:su-exec|gosu)\\s+(${SPEC})`, 'dg'), owner],
  [new RegExp(`\\bchgrp\\s+${FLAGS}(${NAME})`, 'dg'), groupList],
  // busybox `adduser -G grp`, useradd's -g/-G (comma lists)
  [new RegExp(`\\b(?:adduser|useradd|usermod)\\b[^&|;\\n]*?\\s-[gG]\\s*(${NAME}(?:,${NAME})*)`, 'dg'), groupList],
  [new RegExp(`\\baddgroup\\s+${FLAGS}${NAME}\\s+(${NAME})(?=\\s*(?:$|[&|;\\n]))`, 'dgm'), groupList],
  // busybox `adduser USER GROUP` adds a user to a group (no options in that form)
  [new RegExp(`\\badduser\\s+${NAME}\\s+(${NAME})(?=\\s*(?:$|[&|;\\n]))`, 'dgm'), groupList],
];

type Reader = (operand: string, at: number, out: AccountMention[]) => void;

/** `user[:group]` (chown also takes `user.group` and `:group`). */
function owner(spec: string, at: number, out: AccountMention[]): void {
  const sep = spec.search(/[:.]/);
  const user = sep < 0 ? spec : spec.slice(0, sep);
  if (user) out.push({ name: user, kind: 'user', offset: at });
  if (sep >= 0 && sep + 1 < spec.length) out.push({ name: spec.slice(sep + 1), kind: 'group', offset: at + sep + 1 });
}

function groupList(list: string, at: number, out: AccountMention[]): void {
  let offset = at;
  for (const g of list.split(',')) {
    out.push({ name: g, kind: 'group', offset });
    offset += g.length + 1;
  }
}

/** The users and groups one instruction names, in its body (the text after the keyword). */
export function accountMentions(keyword: string, body: string): AccountMention[] {
  const out: AccountMention[] = [];
  if (keyword === 'USER') {
    const m = /^\s*(\S+)/.exec(body);
    if (m) owner(m[1], m[0].length - m[1].length, out);
  }
  const readers = keyword === 'RUN' ? [...EVERYWHERE, ...IN_RUN] : EVERYWHERE;
  for (const [re, read] of readers)
    for (const m of body.matchAll(re)) if (m[1] && m.indices?.[1]) read(m[1], m.indices[1][0], out);
  return out;
}
