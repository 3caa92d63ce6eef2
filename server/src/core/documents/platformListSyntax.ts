// The syntaxes of platform lists, found in a text: Makefile and shell assignments (`ALL_ARCH ?= a b \`,
// `NAME=(a b)`, `NAME="a b"`, `declare -A QEMUARCHS=( ["a"]="b" )`), `--platform a,b` flags, YAML keys
// (scalar, flow, block sequence, block scalar) and bake files' `platforms = [...]`. Each found list keeps
// its words' offsets and how a new word is written into it.

export interface Token {
  text: string;
  start: number;
  end: number;
  quote: string;
}

/** Words of text[start, end): split at blanks and commas, quotes off, `#` comments and `\` breaks skipped. */
function tokens(text: string, start: number, end: number): Token[] {
  const out: Token[] = [];
  // a `$(VAR)` or `${VAR}` reference is one word (left alone), whatever it holds
  const re = /"([^"\n]*)"|'([^'\n]*)'|(#[^\n]*)|(\$[({][^)}\n]*[)}]|[^\s,"'#\\()[\]]+)/g;
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

export interface Found {
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
export const QEMU_NAME = /QEMU/i;

/** `NAME ?= a b \` (Makefile), `NAME=(a b)` / `NAME="a b"` / `declare -A NAME=( ["a"]="b" )` (shell). */
export function assignments(text: string): Found[] {
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
export function platformFlags(text: string): Found[] {
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
export function yamlKeys(text: string): Found[] {
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
export function bracketLists(text: string): Found[] {
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
