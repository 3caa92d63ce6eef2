// A stage that runs apt on a base whose Debian suite the target's mirrors no longer serve: redis:5.0.8 is
// buster, and `apt-get update` there 404s for mips64el. Archived suites (stretch, buster) still work from
// archive.debian.org: the fix points apt there. Where nothing serves the suite (bullseye's mips64el), a
// base on a suite whose apt works is the way out.
import { familiarRef, parseImageRef, shortImage } from '../imageRef';
import { ARCHIVE_SOURCES_RUN, suiteOfImage, suiteState } from '../packages/suiteState';
import { Rule, RuleFinding } from './rule';

const RUNS_APT = /\bapt(?:-get)?\s+(?:[-\w=]+\s+)*(?:update|install)\b/;

export const suiteApt: Rule = {
  id: 'MP128',
  name: 'suite-apt-broken',
  // a warning: whether the build reaches apt on the target is the user's to judge (an error would fail
  // every port onto a frozen bullseye tag, where the swap itself is right)
  defaultSeverity: 'warning',
  description: "A stage runs apt on a base whose Debian suite the target's mirrors no longer serve.",
  kinds: ['dockerfile'],
  check: (ctx) => {
    const s = ctx.document.stages;
    const arch = ctx.target.arch.debian;
    if (!s || !arch) return [];
    const shell = ctx.document.shellText;
    const out: RuleFinding[] = [];
    s.stages.forEach((_stage, n) => {
      const from = s.items.find((it) => it.stage === n && it.keyword === 'FROM');
      const use =
        from &&
        ctx.uses.find((c) => c.use.kind === 'from' && c.use.range.start.line === from.ins.getRange().start.line);
      if (!from || !use?.ref || use.use.nativeStage) return;
      const suite = suiteOfImage(use.ref);
      const state = suite ? suiteState(suite, arch) : undefined;
      if (!suite || !state || state === 'current') return;
      const apt = s.items.find(
        (it) => it.stage === n && it.keyword === 'RUN' && RUNS_APT.test(shell.slice(it.start, it.end)),
      );
      if (!apt) return;
      const name = familiarRef(use.ref);
      const aptLine = apt.ins.getRange().start.line + 1;
      if (state === 'archived') {
        const at = { line: from.ins.getRange().end.line + 1, character: 0 };
        out.push({
          range: use.use.range,
          message:
            `${name} is built on Debian ${suite}, which Debian's mirrors no longer serve: apt on line ${aptLine} ` +
            'fails with 404. Its packages live on at archive.debian.org (no more security updates): the fix points ' +
            'apt there; a bookworm-based tag is better.',
          suggestions: [],
          fixes: [
            {
              title: `Point apt at archive.debian.org (Debian ${suite})`,
              isPreferred: true,
              edits: [
                {
                  range: { start: at, end: at },
                  newText:
                    `# mips-port: Debian ${suite} lives in archive.debian.org now; apt reads it there\n` +
                    `${ARCHIVE_SOURCES_RUN}\n`,
                },
              ],
            },
          ],
        });
        return;
      }
      // gone: a replacement whose own suite's apt works
      const v = ctx.lookup(use.ref, ctx.target);
      const working = v.suggestions
        .map((x) => {
          const r = parseImageRef(x.image);
          return { x, suite: r.ok ? suiteOfImage(r.ref) : undefined };
        })
        .find((c) => c.suite !== undefined && suiteState(c.suite, arch) === 'current');
      const instead = working
        ? ` Use ${shortImage(working.x.image)} (Debian ${working.suite}, whose apt works).`
        : ' Use a bookworm-based tag.';
      out.push({
        range: use.use.range,
        message:
          `${name} is built on Debian ${suite}, whose ${arch} packages no mirror serves any more: ` +
          `apt on line ${aptLine} fails.${instead}`,
        suggestions: working ? [working.x] : [],
      });
    });
    return out;
  },
};
