// A stage on a bare Debian/Ubuntu base that downloads over https (curl/wget https://, git clone, go get,
// pip/npm install…) while its apt-get installs skip recommends and never name ca-certificates: TLS
// verification fails at build or start. Alpine's curl brought the certificates; Debian's does not.
import { officialImageName } from '../imageRef';
import { httpsFetchAt } from '../fixes/httpsFetch';
import { commandStart } from '../fixes/shellEdits';
import { splitCommands, unquoteWord, Word } from '../fixes/shellWords';
import { Rule, RuleFinding } from './rule';

// bases known to ship no CA certificates: the distributions' own images and `base create`'s
const DEBIAN_ARCHES = 'amd64|arm64|armhf|armel|i386|mips64el|ppc64el|s390x|riscv64|loong64';
const BARE_REPOSITORY = new RegExp(`^(?:debian|ubuntu)(?:-(?:${DEBIAN_ARCHES}))?$`);

interface Install {
  words: Word[];
  /** The last package word (ca-certificates goes after it). */
  last: Word;
  noRecommends: boolean;
  names: string[];
}

function aptInstall(words: Word[]): Install | undefined {
  const k = commandStart(words);
  const cmd = words[k] ? unquoteWord(words[k].text).split('/').pop() : undefined;
  if (cmd !== 'apt-get' && cmd !== 'apt') return undefined;
  const sub = words.findIndex((w, i) => i > k && w.text === 'install');
  if (sub < 0) return undefined;
  const rest = words.slice(sub + 1);
  const pkgs = rest.filter((w) => !w.text.startsWith('-') && !/^[A-Za-z:]+::\S+=/.test(w.text));
  const last = pkgs[pkgs.length - 1];
  if (!last) return undefined;
  const text = words.map((w) => w.text).join(' ');
  const noRecommends = /--no-install-recommends|Install-Recommends=(?:false|0|no)/i.test(text);
  return { words, last, noRecommends, names: pkgs.map((w) => unquoteWord(w.text).split('=')[0]) };
}

export const caCertificates: Rule = {
  id: 'MP125',
  name: 'ca-certificates-missing',
  defaultSeverity: 'error',
  description: 'A stage on a bare Debian base downloads over https but its apt-get installs no ca-certificates.',
  kinds: ['dockerfile'],
  check: (ctx) => {
    const s = ctx.document.stages;
    if (!s) return [];
    const shell = ctx.document.shellText;
    const out: RuleFinding[] = [];
    s.stages.forEach((_stage, n) => {
      const from = s.items.find((it) => it.stage === n && it.keyword === 'FROM')?.ins.getRange();
      const use =
        from && ctx.uses.find((c) => c.use.kind === 'from' && c.use.range.start.line === from.start.line && c.ref);
      const repo = use?.ref?.repository.split('/').pop() ?? '';
      const bare =
        use?.ref && (['debian', 'ubuntu'].includes(officialImageName(use.ref) ?? '') || BARE_REPOSITORY.test(repo));
      if (!bare) return;
      const installs: Install[] = [];
      let fetch: { at: number; line: number } | undefined;
      for (const it of s.items) {
        if (it.stage !== n || it.keyword !== 'RUN') continue;
        for (const cmd of splitCommands(shell, it.start, it.end)) {
          const i = aptInstall(cmd.words);
          if (i) installs.push(i);
          const at = fetch ? undefined : httpsFetchAt(shell.slice(cmd.start, cmd.end));
          if (at !== undefined)
            fetch = { at: cmd.start + at, line: ctx.document.lineIndex.position(cmd.start + at).line };
        }
      }
      if (!fetch || installs.length === 0) return;
      // with recommends, curl and wget pull ca-certificates in themselves
      if (installs.some((i) => !i.noRecommends || i.names.includes('ca-certificates'))) return;
      const first = installs[0];
      const range = ctx.document.lineIndex.range(first.words[0].start, first.last.end);
      const at = ctx.document.lineIndex.position(first.last.end);
      out.push({
        range,
        message:
          `Add ca-certificates to this apt-get install: the stage downloads over https (line ${fetch.line + 1}) ` +
          "and --no-install-recommends leaves Debian's CA certificates out, so TLS verification fails.",
        suggestions: [],
        fixes: [
          {
            title: 'Install ca-certificates here',
            isPreferred: true,
            edits: [{ range: { start: at, end: at }, newText: ' ca-certificates' }],
          },
        ],
      });
    });
    return out;
  },
};
