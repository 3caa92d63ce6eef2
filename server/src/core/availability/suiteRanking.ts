// Replacements for a base whose stage runs apt, ranked by whether apt works there: a tag built on a Debian
// suite the target's mirrors serve comes before one whose suite moved to archive.debian.org, and that
// before one whose suite no mirror serves for the target (nginx:1.24 is bullseye: `apt-get update` fails
// for mips64el). The one ranking every caller sees: findings, quick fixes, `port`, "Replace in all uses" and
// the hover all read the suggestions of the checked use this reorders.
import { ParsedDocument } from '../documents/parsedDocument';
import { ImageRef, parseImageRef } from '../imageRef';
import { suiteFact, SuiteState, suiteState } from '../packages/suiteState';
import { Platform } from '../platform';
import { CheckedUse, Suggestion } from '../types';
import { KnowledgeSources } from './knowledgeSources';
import { nearestOnWorkingSuite } from './workingSuiteTag';
import { isSmallVariant, splitTag } from './tagParts';

// apt itself, or a package manager whose commands the port turns into apt-get lines on a Debian base
const RUNS_PACKAGES =
  /\b(?:apt(?:-get)?\s+(?:[-\w=.]+\s+)*(?:update|install)|apk\s+(?:[-\w=.]+\s+)*add|(?:yum|dnf|microdnf|tdnf|zypper)\s+(?:[-\w=.]+\s+)*(?:install|in))\b/;

/** 0: apt works (or nothing is known against it); 1: only from archive.debian.org; 2: no mirror serves it. */
function aptRank(state: SuiteState | undefined): number {
  return state === 'gone' ? 2 : state === 'archived' ? 1 : 0;
}

/** The suite a suggested image is built on and the state of its apt for a Debian architecture. */
export function suggestionSuite(
  image: string,
  debianArch: string,
): { suite: string; likely: boolean; state?: SuiteState } | undefined {
  const r = parseImageRef(image);
  const fact = r.ok ? suiteFact(r.ref) : undefined;
  return fact && { ...fact, state: suiteState(fact.suite, debianArch) };
}

/** Suggestions for a stage that runs apt: apt that works first, the original order kept within a rank.
 *  When some suggestion's apt is broken and none works, the nearest tag whose apt works joins them: first
 *  when it keeps the original's major version (nginx 1.25 for 1.22), else last (python 3.7 for 2.7 is the
 *  user's choice to make, not the preferred fix). The list keeps its length. */
export function rankForApt(
  suggestions: readonly Suggestion[],
  original: ImageRef,
  target: Platform,
  kb: KnowledgeSources,
): Suggestion[] {
  const arch = target.arch.debian;
  if (!arch || suggestions.length === 0) return [...suggestions];
  const rankOf = (s: Suggestion) => aptRank(suggestionSuite(s.image, arch)?.state);
  const ranked = suggestions
    .map((s, i) => ({ s, i, r: rankOf(s) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.s);
  const broken = suggestions.some((s) => rankOf(s) > 0);
  const works = suggestions.some((s) => suggestionSuite(s.image, arch)?.state === 'current');
  const extra = broken && !works ? nearestOnWorkingSuite(original, target, kb) : undefined;
  if (!extra || suggestions.some((s) => s.image === extra.image)) return ranked;
  const major = (image: string) => {
    const r = parseImageRef(image);
    return r.ok && r.ref.tag ? splitTag(r.ref.tag).version?.[0] : undefined;
  };
  const sameMajor = major(extra.image) === (original.tag ? splitTag(original.tag).version?.[0] : undefined);
  const firstBroken = ranked.findIndex((s) => rankOf(s) > 0);
  const out = sameMajor ? [...ranked.slice(0, firstBroken), extra, ...ranked.slice(firstBroken)] : [...ranked];
  if (!sameMajor) out[out.length - 1] = extra;
  return out.slice(0, suggestions.length);
}

/** Whether the stage whose FROM is on `fromLine` runs apt, or package commands its port turns into apt. */
export function stageRunsApt(doc: ParsedDocument, fromLine: number): boolean {
  const s = doc.stages;
  if (!s) return false;
  const stage = s.items.find((it) => it.keyword === 'FROM' && it.ins.getRange().start.line === fromLine)?.stage;
  if (stage === undefined) return false;
  const shell = doc.shellText;
  return s.items.some(
    (it) => it.stage === stage && it.keyword === 'RUN' && RUNS_PACKAGES.test(shell.slice(it.start, it.end)),
  );
}

/** Ports of small images (Alpine, busybox, `-slim` tags) expect small ones: where both `R:T` and `R:T-slim`
 *  are offered (a mirror that has both bases `base create` makes), the slim one comes first. */
export function slimFirst(suggestions: readonly Suggestion[], original: ImageRef): Suggestion[] {
  const name = original.repository.split('/').pop() ?? '';
  const small = name === 'alpine' || name === 'busybox' || isSmallVariant(splitTag(original.tag ?? ''));
  const out = [...suggestions];
  if (!small) return out;
  for (let i = 0; i < out.length; i++) {
    const j = out.findIndex((s, k) => k > i && s.image === `${out[i].image}-slim`);
    if (j > i) out.splice(i, 0, ...out.splice(j, 1));
  }
  return out;
}

/** The checked uses of a Dockerfile with each stage's replacements ranked: slim first for small images,
 *  then apt that works first where the stage runs apt (a verdict may be shared: a ranked one is a copy). */
export function rankStageReplacements(
  uses: CheckedUse[],
  doc: ParsedDocument,
  target: Platform,
  kb: KnowledgeSources,
): CheckedUse[] {
  if (doc.kind !== 'dockerfile') return uses;
  return uses.map((c) => {
    const v = c.verdict;
    if (!v || !c.ref || v.suggestions.length === 0 || c.use.kind !== 'from' || c.use.nativeStage) return c;
    let suggestions = slimFirst(v.suggestions, c.ref);
    if (c.platform.arch.debian && stageRunsApt(doc, c.use.range.start.line))
      suggestions = rankForApt(suggestions, c.ref, c.platform, kb);
    const same = suggestions.length === v.suggestions.length && suggestions.every((s, i) => s === v.suggestions[i]);
    return same ? c : { ...c, verdict: { ...v, suggestions } };
  });
}
