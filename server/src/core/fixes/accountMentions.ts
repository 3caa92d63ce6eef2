// Where an instruction names users and groups — USER, --chown=, chown/chgrp, su-exec/gosu, a daemon's
// --user=/--group=/-u/-g in ENTRYPOINT and CMD, the group
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

/** The words of an ENTRYPOINT/CMD body with their offsets: the JSON array's strings, or blank-separated. */
function commandWords(body: string): { text: string; at: number }[] {
  const words: { text: string; at: number }[] = [];
  if (/^\s*\[/.test(body)) {
    // exec form: each string's content, at its offset; escapes are rare in option words and left alone
    for (const m of body.matchAll(/"((?:[^"\\]|\\.)*)"/dg))
      if (m.indices?.[1]) words.push({ text: m[1], at: m.indices[1][0] });
    return words;
  }
  for (const m of body.matchAll(/\S+/g)) words.push({ text: m[0], at: m.index ?? 0 });
  return words;
}

const NAME_ONLY = new RegExp(`^${NAME}$`);

/** A daemon's account options: `--user=X`, `--user X`, `-u X`, `--group=X`, `-g X` (and `-uX`, `-gX`). */
function optionMentions(body: string, out: AccountMention[]): void {
  const words = commandWords(body);
  words.forEach((w, i) => {
    const m = /^(--user|--group|-u|-g)(=?)(.*)$/.exec(w.text);
    if (!m) return;
    const kind = m[1] === '--user' || m[1] === '-u' ? 'user' : 'group';
    // --user=X or -uX glued; else the next word
    const glued = m[3] !== '' && (m[2] === '=' || m[1].length === 2);
    const value = glued ? { text: m[3], at: w.at + m[1].length + m[2].length } : m[2] ? undefined : words[i + 1];
    if (!value || (!glued && m[3] !== '')) return;
    if (kind === 'user' && m[1] === '--user' && /^[^:]+:[^:]+$/.test(value.text)) {
      // --user=app:app (user and group) as some daemons take it
      const [u, g] = value.text.split(':');
      if (NAME_ONLY.test(u) && NAME_ONLY.test(g)) owner(value.text, value.at, out);
      return;
    }
    if (NAME_ONLY.test(value.text)) out.push({ name: value.text, kind, offset: value.at });
  });
}

/** The users and groups one instruction names, in its body (the text after the keyword). */
export function accountMentions(keyword: string, body: string): AccountMention[] {
  const out: AccountMention[] = [];
  if (keyword === 'ENTRYPOINT' || keyword === 'CMD') optionMentions(body, out);
  if (keyword === 'USER') {
    const m = /^\s*(\S+)/.exec(body);
    if (m) owner(m[1], m[0].length - m[1].length, out);
  }
  const readers = keyword === 'RUN' ? [...EVERYWHERE, ...IN_RUN] : EVERYWHERE;
  for (const [re, read] of readers)
    for (const m of body.matchAll(re)) if (m[1] && m.indices?.[1]) read(m[1], m.indices[1][0], out);
  return out;
}
