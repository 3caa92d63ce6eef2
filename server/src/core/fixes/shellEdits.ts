// Shapes and helpers of the in-place shell rewrites: word edits, the translation a RUN gets, and
// the words of a command (its program's base name, where it starts after VAR=… and sudo).
import { DebianIndex } from '../packages/debianIndex';
import { unquoteWord, Word } from './shellWords';

export interface TextChange {
  start: number;
  end: number;
  text: string;
}

export interface Translation {
  changes: TextChange[];
  /** Comment lines (without `# `) to put above the instruction. */
  notes: string[];
  /** Packages with no known Debian name (kept as they were). */
  unknown: string[];
  /** The RUN installs packages (ca-certificates included when the stage asked for it). */
  installed?: boolean;
}

/** Packages grouped under `apk add --virtual NAME`, so `apk del NAME` can purge them. */
export type VirtualGroups = Map<string, string[]>;

export function base(w: string): string {
  const u = unquoteWord(w);
  return u.slice(u.lastIndexOf('/') + 1);
}

export function commandStart(words: Word[]): number {
  let k = 0;
  while (k < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[k].text)) k++;
  if (words[k]?.text === 'sudo') k++;
  return k;
}

/** Removes a word together with the blanks after it (or before it, at a line end); a word alone on
 * a continuation line takes the whole line with it. */
export function removeWord(src: string, w: Word): TextChange {
  const lineStart = src.lastIndexOf('\n', w.start - 1) + 1;
  const nl = src.indexOf('\n', w.end);
  const lineEnd = nl < 0 ? src.length : nl;
  if (lineStart > 0 && src.slice(lineStart, w.start).trim() === '' && /^\s*\\\r?$/.test(src.slice(w.end, lineEnd))) {
    return { start: lineStart, end: Math.min(src.length, lineEnd + 1), text: '' };
  }
  let end = w.end;
  while (src[end] === ' ' || src[end] === '\t') end++;
  if (src[end] === '\\' || src[end] === '\n' || src[end] === undefined || src[end] === '\r') {
    let start = w.start;
    while (start > 0 && (src[start - 1] === ' ' || src[start - 1] === '\t')) start--;
    return { start, end: w.end, text: '' };
  }
  return { start: w.start, end, text: '' };
}

export interface Ctx {
  src: string;
  out: Translation;
  virtuals: VirtualGroups;
  /** The target suite's package index, when known: names are checked against it. */
  index?: DebianIndex;
  /** One RUN: `apt-get update` once, before the first install; the lists removed once, after the last. */
  updated?: boolean;
  lastInstall?: { end: number; names: string[] };
  cleaned?: boolean;
  /** Commands run after the installs: Alpine's programs at their Alpine paths, its packages' accounts. */
  programs?: string[];
  /** Users and groups the stage creates itself: the port does not create them for its packages. */
  made?: ReadonlySet<string>;
}

/** Applies non-overlapping changes to a string (used by tests and by fixes that edit one text). */
export function applyChanges(src: string, changes: TextChange[]): string {
  const sorted = [...changes].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = src;
  for (const c of sorted) out = out.slice(0, c.start) + c.text + out.slice(c.end);
  return out;
}

/** `RUN ["apk", …]`: the JSON (exec) form, which has no shell words to translate. RUN flags may lead. */
export function isExecForm(runBody: string): boolean {
  return /^\s*(--\S+\s+)*\[/.test(runBody);
}

/** The package tool an exec-form RUN starts (`["apk", …]`, `["/usr/bin/dnf", …]`), if any. */
export function execFormTool(runBody: string): 'apk' | 'rpm' | undefined {
  const first = /^\s*(?:--\S+\s+)*\[\s*"([^"]+)"/.exec(runBody)?.[1].split('/').pop();
  if (first === 'apk') return 'apk';
  if (first === 'dnf' || first === 'yum' || first === 'microdnf') return 'rpm';
  return undefined;
}
