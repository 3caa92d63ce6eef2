// `apt-get install` words that the stage's Debian suite has no package of for the target architecture:
// checked against Debian's own index, so the build does not stop three minutes in with "Unable to locate
// package". The port's own apt-get lines are checked the same way as the user's.
import { debianSuiteOf } from '../packages/debianSuite';
import { commandStart } from '../fixes/shellEdits';
import { splitCommands, unquoteWord } from '../fixes/shellWords';
import { Rule, RuleFinding } from './rule';

const INSTALL_FLAGS_WITH_VALUE = new Set(['-o', '-t', '--target-release', '-c', '--config-file']);

/** The package words of an `apt-get install` / `apt install` command, with their offsets. */
function installWords(
  words: { text: string; start: number; end: number }[],
): { name: string; start: number; end: number }[] {
  const k = commandStart(words);
  const cmd = words[k] ? unquoteWord(words[k].text).split('/').pop() : undefined;
  if (cmd !== 'apt-get' && cmd !== 'apt') return [];
  let i = k + 1;
  while (words[i] && words[i].text.startsWith('-')) i += INSTALL_FLAGS_WITH_VALUE.has(words[i].text) ? 2 : 1;
  if (words[i]?.text !== 'install') return [];
  const out: { name: string; start: number; end: number }[] = [];
  for (let j = i + 1; j < words.length; j++) {
    const t = unquoteWord(words[j].text);
    if (t.startsWith('-')) {
      if (INSTALL_FLAGS_WITH_VALUE.has(t)) j++;
      continue;
    }
    if (/[$`*?[\]{}]/.test(t) || t.startsWith('/') || t.startsWith('.')) continue; // variables, globs, local .debs
    const name = t.split(/[=/]/)[0].split(':')[0];
    if (name) out.push({ name, start: words[j].start, end: words[j].end });
  }
  return out;
}

export const packageUnavailable: Rule = {
  id: 'MP124',
  name: 'package-unavailable',
  defaultSeverity: 'error',
  description: "A package apt-get installs is not in the stage's Debian suite for the target architecture.",
  kinds: ['dockerfile'],
  check: (ctx) => {
    const s = ctx.document.stages;
    const arch = ctx.target.arch.debian;
    if (!s || !arch) return [];
    const out: RuleFinding[] = [];
    s.stages.forEach((_stage, n) => {
      const r = s.items.find((it) => it.stage === n && it.keyword === 'FROM')?.ins.getRange();
      const from =
        r &&
        ctx.uses.find(
          (c) =>
            c.use.kind === 'from' && c.use.range.start.line >= r.start.line && c.use.range.start.line <= r.end.line,
        );
      const suite = from?.ref && !from.use.nativeStage ? debianSuiteOf(from.ref) : undefined;
      const index = suite ? ctx.packages(suite) : undefined;
      if (!index) return;
      for (const it of s.items) {
        if (it.stage !== n || it.keyword !== 'RUN') continue;
        for (const cmd of splitCommands(ctx.document.shellText, it.start, it.end)) {
          for (const w of installWords(cmd.words)) {
            if (index.has(w.name)) continue;
            const range = ctx.document.lineIndex.range(w.start, w.end);
            const near = index.closest(w.name);
            const message = index.elsewhere(w.name)
              ? `${w.name} has no ${arch} build in Debian ${suite}: drop it, build it from source, or use another package.`
              : `${w.name} is not a Debian ${suite} package: ${near.length ? `did you mean ${near.slice(0, 2).join(' or ')}?` : 'find its Debian name.'} apt-get would stop with "Unable to locate package".${near.length > 2 ? ` Close names: ${near.join(', ')}.` : ''}`;
            out.push({ range, message, suggestions: [] });
          }
        }
      }
    });
    return out;
  },
};
