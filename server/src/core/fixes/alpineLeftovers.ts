// Alpine-only commands outside apk that a Debian stage cannot run: edits of apk's configuration,
// OpenRC service set-up, apk's cache, ash; and what update-ca-certificates needs installed on Debian.
import { Ctx, removeWord } from './shellEdits';
import { Word } from './shellWords';

export function needsCaCertificates(src: string, from: number, to: number): boolean {
  return /\bupdate-ca-certificates\b/.test(src.slice(from, to));
}

/** Alpine-only commands outside apk: its configuration, OpenRC, ash. */
export function alpineLeftover(
  ctx: Ctx,
  cmd: { words: Word[]; start: number; end: number },
  k: number,
  name: string,
): void {
  const words = cmd.words;
  if (words.some((w) => w.text.includes('/etc/apk/'))) {
    ctx.out.changes.push({ start: words[k].start, end: cmd.end, text: 'true' });
    ctx.out.notes.push("mips-port: dropped an edit of Alpine's apk configuration (/etc/apk/): apt has its own sources");
  } else if (name === 'rc-update' || name === 'rc-service' || name === 'openrc') {
    ctx.out.changes.push({ start: words[k].start, end: cmd.end, text: 'true' });
    ctx.out.notes.push(`mips-port: dropped ${name}: containers start their program directly, with no OpenRC`);
  } else if (name === 'rm' && words.some((w) => w.text.includes('/var/cache/apk'))) {
    // apk's cache is gone with apk; apt's lists are removed after the install
    const operands = words.slice(k + 1).filter((w) => !w.text.startsWith('-'));
    const apk = operands.filter((w) => w.text.includes('/var/cache/apk'));
    if (apk.length === operands.length) ctx.out.changes.push({ start: words[k].start, end: cmd.end, text: 'true' });
    else for (const w of apk) ctx.out.changes.push(removeWord(ctx.src, w));
  } else if (name === 'ash') {
    ctx.out.changes.push({ start: words[k].start, end: words[k].end, text: words[k].text.replace(/ash$/, 'bash') });
  }
}
