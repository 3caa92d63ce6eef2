// The places a build decides which architectures exist: Makefile variables (`ALL_ARCH ?= amd64 arm64`),
// shell arrays and strings (Kubernetes' KUBE_SUPPORTED_*_PLATFORMS, image-util.sh's QEMUARCHS),
// `--platform a,b` flags, CI YAML keys (`platforms:`, matrix `arch:`, goreleaser `goarch:`) and bake
// files' `platforms = [...]`. Each list keeps where its entries are and how to add one in its own style.
import { LineIndex } from '../textPositions';
import { Position, Range } from '../types';
import { ArchWord, listSpelling, readArchWord, Spelling } from './archWords';
import { ParsedDocument } from './parsedDocument';

export interface ListEntry {
  text: string;
  range: Range;
  word: ArchWord;
}

export interface PlatformList {
  /** As the file names it: `ALL_ARCH`, `KUBE_SUPPORTED_SERVER_PLATFORMS`, `platforms`, `--platform`. */
  name: string;
  /** Where a finding goes: the name (or flag) and its values' first line. */
  range: Range;
  entries: ListEntry[];
  spelling: Spelling;
  /** A new entry goes at `at`, written `before + entry + after` (`before` holds the separator). */
  insert: { at: Position; before: string; after: string };
  /** Entries are `["amd64"]="x86_64"` pairs (image-util.sh's QEMUARCHS map). */
  goToQemuMap?: boolean;
  /** Entries are written `qemu-<arch>` or `qemu-<arch>-static`. */
  qemuAffix?: { prefix: string; suffix: string };
  /** What the list decides, for hovers. */
  drives: string;
  /** What else an added entry needs. */
  needs?: string;
}

interface Token {
  text: string;
  start: number;
  end: number;
  quote: string;
}

/** Words of text[start, end): split at blanks and commas, quotes off, `#` comments and `\` breaks skipped. */
function tokens(text: string, start: number, end: number): Token[] {
  const out: Token[] = [];
  const re = /"([^"\n]*)"|'([^'\n]*)'|(#[^\n]*)|([^\s,"'#\\()[\]]+)/g;
  re.lastIndex = start;
  for (let m = re.exec(text); m && m.index < end; m = re.exec(text)) {
    if (m[3] !== undefined) continue; // a comment, to the end of its line
    const quoted = m[1] ?? m[2];
    if (quoted !== undefined)
      out.push({ text: quoted, start: m.index + 1, end: m.index + 1 + quoted.length, quote: m[0][0] });
    else out.push({ text: m[4], start: m.index, end: m.index + m[4].length, quote: '' });
  }
  return out;
}

interface Found {
  name: string;
  nameStart: number;
  tokens: Token[];
  /** The list's own separator between entries, when it is not a blank. */
  separator?: string;
  /** One entry per line (an array or YAML sequence written downwards): a new line for the new entry. */
  vertical?: { indent: string; itemPrefix: string };
  /** Where a new entry goes when it is not right after the last one (before a closing bracket). */
  closeAt?: number;
}

const LIST_NAME = /(^|_|\.)(ARCH|ARCHS|ARCHES|PLATFORMS|OS_ARCH|OS_ARCHS|TARGETS|GOARCH|GOARCHES)(\.[a-z0-9]+)?$/i;
const QEMU_NAME = /QEMU/i;

/** `NAME ?= a b \` (Makefile), `NAME=(a b)` / `NAME="a b"` / `declare -A NAME=( ["a"]="b" )` (shell). */
function assignments(text: string): Found[] {
  const out: Found[] = [];
  const re =
    /^[ \t]*(?:(?:export|override|readonly|local|declare|typeset)[ \t]+(?:-[a-zA-Z]+[ \t]+)*)*([A-Za-z_][\w.]*)[ \t]*(\?=|:=|::=|\+=|=)[ \t]*/gm;
  for (const m of text.matchAll(re)) {
    const name = m[1];
    if (!LIST_NAME.test(name) && !QEMU_NAME.test(name)) continue;
    const valueStart = m.index + m[0].length;
    if (text[valueStart] === '(') {
      const close = text.indexOf(')', valueStart);
      const end = close < 0 ? text.length : close;
      const multiLine = text.slice(valueStart, end).includes('\n');
      const lastLine = text.lastIndexOf('\n', end);
      const indent = multiLine ? (/^[ \t]*/.exec(text.slice(lastLine + 1)) ?? [''])[0] : '';
      const itemIndent = multiLine ? itemIndentBefore(text, valueStart, end) : '';
      out.push({
        name,
        nameStart: m.index + m[0].indexOf(name),
        tokens: tokens(text, valueStart + 1, end),
        vertical: multiLine ? { indent: itemIndent || indent + '  ', itemPrefix: '' } : undefined,
      });
      continue;
    }
    const quote = /^["']/.exec(text.slice(valueStart, valueStart + 1))?.[0];
    let end = quote ? text.indexOf(quote, valueStart + 1) : text.indexOf('\n', valueStart);
    while (!quote && end > 0 && text[end - 1] === '\\') end = text.indexOf('\n', end + 1);
    if (end < 0) end = text.length;
    const from = quote ? valueStart + 1 : valueStart;
    const toks = tokens(text, from, end);
    const raw = text.slice(from, end);
    out.push({ name, nameStart: m.index + m[0].indexOf(name), tokens: toks, separator: commaSeparator(raw) });
  }
  return out;
}

/** The indentation of the last entry line of a multi-line array (what a new line copies). */
function itemIndentBefore(text: string, start: number, end: number): string {
  const lines = text.slice(start + 1, end).split('\n');
  for (let i = lines.length - 1; i >= 0; i--) if (/\S/.test(lines[i])) return /^[ \t]*/.exec(lines[i])?.[0] ?? '';
  return '';
}

function commaSeparator(raw: string): string | undefined {
  const m = /[^\s,](\s*,\s*)[^\s,]/.exec(raw);
  return m ? m[1] : undefined;
}

/** `--platform a,b` and `--platform=a,b` anywhere (a RUN, a run: step, a script, a Makefile recipe). */
function platformFlags(text: string): Found[] {
  const out: Found[] = [];
  for (const m of text.matchAll(/--platform(?:=|[ \t]+)(["']?)([^\s"'\\;|&)]+)\1/g)) {
    const valueStart = m.index + m[0].length - m[2].length - m[1].length;
    out.push({
      name: '--platform',
      nameStart: m.index,
      tokens: tokens(text, valueStart, valueStart + m[2].length),
      separator: commaSeparator(m[2]) ?? ',',
    });
  }
  return out;
}

const YAML_KEY =
  /^([ \t]*)(?:-[ \t]+)?(platforms?|goarch|goarches|arch|archs|arches|architectures?)[ \t]*:[ \t]*(.*)$/gm;

/** YAML keys: `platforms: a,b`, flow `[a, b]`, block sequences, block scalars (`|`), one entry a line. */
function yamlKeys(text: string): Found[] {
  const out: Found[] = [];
  for (const m of text.matchAll(YAML_KEY)) {
    const name = m[2];
    const nameStart = m.index + m[0].indexOf(name, m[1].length);
    const valueStart = m.index + m[0].length - m[3].length;
    const value = m[3].replace(/[ \t]+#.*$/, '');
    if (value.startsWith('[')) {
      const close = text.indexOf(']', valueStart);
      if (close < 0) continue;
      const sep = commaSeparator(text.slice(valueStart + 1, close)) ?? ', ';
      out.push({ name, nameStart, tokens: tokens(text, valueStart + 1, close), separator: sep, closeAt: close });
    } else if (/^[|>][-+]?$/.test(value.trim()) || value.trim() === '') {
      const block = blockLines(text, m.index + m[0].length, m[1].length, value.trim() === '');
      if (block) out.push({ name, nameStart, ...block });
    } else {
      const end = valueStart + value.length;
      out.push({ name, nameStart, tokens: tokens(text, valueStart, end), separator: commaSeparator(value) ?? ',' });
    }
  }
  return out;
}

/** The lines under a key: `- item` lines (a sequence) or more-indented lines (a block scalar). */
function blockLines(
  text: string,
  from: number,
  keyIndent: number,
  sequence: boolean,
): Pick<Found, 'tokens' | 'vertical'> | undefined {
  const toks: Token[] = [];
  let indent = '';
  let itemPrefix = '';
  let at = from + 1;
  while (at < text.length) {
    const eol = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
    const line = text.slice(at, eol);
    if (line.trim() === '' || /^\s*#/.test(line)) {
      at = eol + 1;
      continue;
    }
    const lead = /^[ \t]*/.exec(line)?.[0] ?? '';
    const item = sequence ? /^([ \t]*-[ \t]+)(.*)$/.exec(line) : null;
    if (sequence ? !item || lead.length < keyIndent : lead.length <= keyIndent) break;
    const bodyStart = at + (item ? item[1].length : lead.length);
    const t = tokens(text, bodyStart, eol);
    if (item && t.length !== 1) return undefined; // a sequence of maps (`- goos: linux`): not a list of words
    toks.push(...t);
    indent = item ? '' : lead;
    itemPrefix = item ? item[1] : '';
    at = eol + 1;
  }
  return toks.length ? { tokens: toks, vertical: { indent, itemPrefix } } : undefined;
}

/** `platforms = ["a", "b"]` (docker-bake.hcl) and `"platforms": ["a", "b"]` (docker-bake.json). */
function bracketLists(text: string): Found[] {
  const out: Found[] = [];
  for (const m of text.matchAll(/(["']?)(platforms)\1[ \t]*[=:][ \t]*\[/g)) {
    const open = m.index + m[0].length;
    const close = text.indexOf(']', open);
    if (close < 0) continue;
    const multiLine = text.slice(open, close).includes('\n');
    out.push({
      name: m[2],
      nameStart: m.index + m[1].length,
      tokens: tokens(text, open, close).filter((t) => t.quote),
      separator: ', ',
      vertical: multiLine ? { indent: itemIndentBefore(text, open - 1, close), itemPrefix: '' } : undefined,
      closeAt: close,
    });
  }
  return out;
}

const DRIVES: [RegExp, string][] = [
  [/^QEMUARCHS$/, "image-util.sh's map from Go architecture to the QEMU binary copied into each cross-build"],
  [
    /^KUBE_SUPPORTED_(\w+)_PLATFORMS$/,
    'the platforms hack/lib/golang.sh cross-builds the $1 binaries for (make cross, make release)',
  ],
  [
    /^ALL_ARCH/,
    'the architectures the Makefile builds and pushes an image for (all-build, all-push, the manifest list)',
  ],
  [/^--platform$/, 'the platforms this docker buildx build makes an image for'],
  [/^platforms$/, 'the platforms this build (buildx, bake, QEMU set-up) covers: nothing is built for one not listed'],
  [/^goarch/, 'the GOARCH values goreleaser builds binaries and archives for'],
  [/^arch/i, 'the architectures this build matrix runs a job for'],
];

function drives(name: string): string {
  for (const [re, what] of DRIVES) {
    const m = re.exec(name);
    if (m) return what.replace('$1', (m[1] ?? '').toLowerCase());
  }
  return `the architectures the build makes something for (${name})`;
}

function toList(f: Found, lines: LineIndex, text: string): PlatformList | undefined {
  // image-util.sh's `declare -A QEMUARCHS=( ["amd64"]="x86_64" … )`: the keys are the architectures
  const isKey = (t: Token) => text[t.start - 1 - t.quote.length] === '[' && /^["']?\]=/.test(text.slice(t.end));
  const map = f.tokens.some(isKey);
  const literal = (map ? f.tokens.filter(isKey) : f.tokens).filter(
    (t) => !t.text.includes('$'),
  );
  const entries: ListEntry[] = [];
  for (const t of literal) {
    const word = readArchWord(t.text);
    if (!word) return undefined; // a list of something else (targets, package names, `all`)
    entries.push({ text: t.text, range: lines.range(t.start, t.end), word });
  }
  // one entry is one platform on purpose (a dev tool's host arch), not a list to extend
  if (entries.length < 2 || entries.every((e) => e.word.os && e.word.os !== 'linux')) return undefined;
  const spelling = map
    ? 'go'
    : listSpelling(
        entries.map((e) => e.word),
        QEMU_NAME.test(f.name) ? 'qemu' : undefined,
      );
  const first = entries[0].text;
  const qemuAffix =
    spelling === 'qemu' && first.startsWith('qemu-')
      ? { prefix: 'qemu-', suffix: first.endsWith('-static') ? '-static' : '' }
      : undefined;
  // after the last Linux entry, so `windows/amd64` stays at the end
  let i = entries.length - 1;
  while (i > 0 && entries[i].word.os && entries[i].word.os !== 'linux') i--;
  const last = literal[i];
  const q = last.quote;
  const insert = map
    ? { at: lines.position(pairEnd(text, last.end)), before: ' ', after: '' }
    : f.vertical
      ? {
          at: lines.position(last.end + q.length),
          before: `${f.closeAt !== undefined ? ',' : ''}\n${f.vertical.indent}${f.vertical.itemPrefix}${q}`,
          after: q,
        }
      : { at: lines.position(last.end + q.length), before: `${f.separator ?? ' '}${q}`, after: q };
  return {
    name: f.name,
    range: lines.range(f.nameStart, f.nameStart + f.name.length),
    entries,
    spelling,
    insert,
    goToQemuMap: map || undefined,
    qemuAffix,
    drives: drives(f.name),
  };
}

/** The end of a `["amd64"]="x86_64"` pair whose key ends at `keyEnd`. */
function pairEnd(text: string, keyEnd: number): number {
  const m = /^"?\]="?[^"\s)]*"?/.exec(text.slice(keyEnd));
  return keyEnd + (m ? m[0].length : 0);
}

/** Every platform list of a build script, workflow, bake or goreleaser file (`file` tells bake files). */
export function findPlatformLists(doc: ParsedDocument, file = ''): PlatformList[] {
  const text = doc.text;
  const found =
    doc.kind === 'yaml'
      ? [...yamlKeys(text), ...platformFlags(text)]
      : /(^|[\\/])docker-bake[^\\/]*$/.test(file)
        ? bracketLists(text)
        : [...assignments(text), ...platformFlags(text)];
  const lists = found.map((f) => toList(f, doc.lineIndex, text)).filter((l): l is PlatformList => !!l);
  for (const l of lists) if (l.goToQemuMap || l.qemuAffix) l.needs = QEMU_NEEDS;
  return lists;
}

const QEMU_NEEDS =
  "image-util.sh builds an image for an architecture only when that image's BASEIMAGE file has a line for it (MP109 offers one), and copies qemu-<arch>-static from this map into the build";
