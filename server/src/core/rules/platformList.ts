// Build-script platform lists (Makefile ALL_ARCH, KUBE_SUPPORTED_*_PLATFORMS, QEMUARCHS, workflow
// `platforms:`, bake, goreleaser `goarch:`): a list naming other architectures but not the target gets a
// warning and a fix that adds the target in the list's spelling; a list naming it gets a hint.
import { formatPlatform, Platform, qemuName } from '../platform';
import { spellTarget } from '../documents/archWords';
import { PlatformList } from '../documents/platformLists';
import { Fix } from '../types';
import { Rule, RuleFinding } from './rule';

/** The new entry as the list writes its entries. */
export function targetEntry(list: PlatformList, target: Platform): string {
  if (list.goToQemuMap) return `["${target.arch.oci}"]="${qemuName(target.arch)}"`;
  const a = list.qemuAffix;
  return a ? `${a.prefix}${qemuName(target.arch)}${a.suffix}` : spellTarget(target, list.spelling);
}

function targetNamed(list: PlatformList, target: Platform): string | undefined {
  return list.entries.find((e) => e.word.oci === target.arch.oci && (!e.word.os || e.word.os === target.os))?.text;
}

/** The entries, cut with `…` to what `room` characters hold (Problems shows about 120 in all). */
function shortList(list: PlatformList, room: number): string {
  const words = list.entries.map((e) => e.text);
  if (words.join(' ').length <= room) return words.join(' ');
  let kept = '';
  for (const w of words) {
    if (`${kept} ${w} …`.length > room) break;
    kept = kept ? `${kept} ${w}` : w;
  }
  return kept ? `${kept} …` : `${words.length} architectures`;
}

function hover(list: PlatformList, target: Platform, extra: string): string {
  const lines = [
    `**${list.name}**: ${list.drives}.`,
    `Entries: ${list.entries.map((e) => `\`${e.text}\``).join(', ')}.`,
  ];
  if (extra) lines.push(extra);
  if (list.needs) lines.push(`For ${formatPlatform(target)}: ${list.needs}.`);
  return lines.join('\n\n');
}

function addFix(list: PlatformList, target: Platform): Fix {
  const entry = targetEntry(list, target);
  return {
    title: `Add ${entry} to ${list.name}`,
    isPreferred: true,
    edits: [
      {
        range: { start: list.insert.at, end: list.insert.at },
        newText: `${list.insert.before}${entry}${list.insert.after}`,
      },
    ],
  };
}

export const platformListMissing: Rule = {
  id: 'MP160',
  name: 'platform-list-missing-target',
  defaultSeverity: 'warning',
  description: 'A build script, workflow, bake or goreleaser list of architectures leaves the target out.',
  kinds: ['build-script', 'yaml'],
  check: (ctx) =>
    (ctx.platformLists ?? [])
      .filter((l) => !targetNamed(l, ctx.target) && !l.drops)
      .map((l): RuleFinding => {
        const entry = targetEntry(l, ctx.target);
        const tail = `, not ${entry}: add it${l.needs ? ' (see the note)' : ''}.`;
        return {
          range: l.range,
          message: `${l.name} builds ${shortList(l, 120 - l.name.length - ' builds '.length - tail.length)}${tail}`,
          detail: hover(l, ctx.target, `The fix adds \`${entry}\` in the list's own spelling and separator.`),
          suggestions: [],
          fixes: [addFix(l, ctx.target)],
        };
      })
      .concat(
        (ctx.platformLists ?? [])
          .filter((l) => l.drops && targetNamed(l, ctx.target))
          .map((l) => dropped(l, ctx.target)),
      ),
};

/** goreleaser's `ignore:` item naming the target: the builds never make it. */
function dropped(l: PlatformList, target: Platform): RuleFinding {
  const title = `Remove the ignore entry for ${formatPlatform(target)}`;
  return {
    range: l.range,
    message: `goreleaser ignores ${l.entries[0].text.replace(/\s+/g, ' ')}: ${formatPlatform(target)} is never built. Remove it.`,
    detail: hover(l, target, ''),
    suggestions: [],
    fixes: [{ title, isPreferred: true, edits: [{ range: l.drops!, newText: '' }] }],
  };
}

export const platformListOk: Rule = {
  id: 'MP161',
  name: 'platform-list-has-target',
  defaultSeverity: 'hint',
  description: 'A build script, workflow, bake or goreleaser list of architectures names the target.',
  kinds: ['build-script', 'yaml'],
  check: (ctx) =>
    (ctx.platformLists ?? []).flatMap((l): RuleFinding[] => {
      const entry = targetNamed(l, ctx.target);
      if (!entry || l.drops) return [];
      return [
        {
          range: l.range,
          message: `${l.name} builds ${entry} (with ${l.entries.length - 1} other${l.entries.length === 2 ? '' : 's'}).`,
          detail: hover(l, ctx.target, ''),
          suggestions: [],
        },
      ];
    }),
};
