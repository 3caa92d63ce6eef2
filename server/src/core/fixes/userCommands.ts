// busybox's adduser/addgroup (Alpine) as Debian's useradd/groupadd/usermod, word by word.
import { Ctx } from './shellEdits';
import { Word } from './shellWords';

const ADDUSER_BOOL: Record<string, string | null> = { D: null, S: '--system', H: '--no-create-home' };
const ADDUSER_ARG: Record<string, string> = {
  h: '--home-dir',
  s: '--shell',
  g: '--comment',
  G: '--gid',
  u: '--uid',
  k: '--skel',
};

export function translateAdduser(ctx: Ctx, words: Word[], k: number): void {
  const out: string[] = ['useradd'];
  const positional: string[] = [];
  let createHome = true;
  for (let i = k + 1; i < words.length; i++) {
    const t = words[i].text;
    if (t.startsWith('-') && t.length > 1 && !t.startsWith('--')) {
      const letters = t.slice(1).split('');
      for (let j = 0; j < letters.length; j++) {
        const l = letters[j];
        if (l in ADDUSER_BOOL) {
          if (l === 'H') createHome = false;
          if (ADDUSER_BOOL[l]) out.push(ADDUSER_BOOL[l] as string);
          continue;
        }
        if (l in ADDUSER_ARG) {
          const rest = letters.slice(j + 1).join('');
          const val = rest || words[++i]?.text;
          if (val !== undefined) out.push(ADDUSER_ARG[l], val);
          break;
        }
        ctx.out.notes.push(`mips-port: check this command: adduser -${l} has no useradd equivalent here`);
      }
    } else positional.push(t);
  }
  const start = words[k].start;
  const end = words[words.length - 1].end;
  if (positional.length === 2) {
    ctx.out.changes.push({ start, end, text: `usermod -a -G ${positional[1]} ${positional[0]}` });
    return;
  }
  if (createHome) out.push('--create-home');
  ctx.out.changes.push({ start, end, text: [...out, ...positional].join(' ') });
}

export function translateAddgroup(ctx: Ctx, words: Word[], k: number): void {
  const out: string[] = ['groupadd'];
  const positional: string[] = [];
  for (let i = k + 1; i < words.length; i++) {
    const t = words[i].text;
    if (t === '-S' || t === '--system') out.push('--system');
    else if (t === '-g' || t === '--gid') {
      const v = words[++i]?.text;
      if (v) out.push('--gid', v);
    } else if (/^-g\d+$/.test(t)) out.push('--gid', t.slice(2));
    else positional.push(t);
  }
  const start = words[k].start;
  const end = words[words.length - 1].end;
  if (positional.length === 2) {
    ctx.out.changes.push({ start, end, text: `usermod -a -G ${positional[1]} ${positional[0]}` });
    return;
  }
  ctx.out.changes.push({ start, end, text: [...out, ...positional].join(' ') });
}
