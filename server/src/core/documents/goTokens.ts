// A small Go tokenizer: enough to read manifest.go's literals and assignments with exact offsets.
// Comments are skipped; unterminated strings end at the line end instead of throwing.

export type GoTokenKind = 'ident' | 'string' | 'number' | 'punct';

export interface GoToken {
  kind: GoTokenKind;
  text: string;
  /** For strings: the unquoted value. */
  value?: string;
  start: number;
  end: number;
}

function unquote(raw: string): string {
  if (raw.startsWith('`')) return raw.slice(1, raw.endsWith('`') && raw.length > 1 ? -1 : undefined);
  const body = raw.slice(1, raw.length > 1 && raw.endsWith('"') ? -1 : undefined);
  return body.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_m, e: string) => {
    if (e.startsWith('u') || e.startsWith('x')) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' } as Record<string, string>)[e] ?? e;
  });
}

const TWO_CHAR = new Set([':=', '==', '!=', '<=', '>=', '&&', '||', '<-', '++', '--', '+=', '-=']);

/** Where the next token starts: white space and comments skipped. */
function skipBlank(src: string, i: number): number {
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\ufeff') i++;
    else if (c === '/' && src[i + 1] === '/') {
      const e = src.indexOf('\n', i);
      i = e < 0 ? n : e;
    } else if (c === '/' && src[i + 1] === '*') {
      const e = src.indexOf('*/', i + 2);
      i = e < 0 ? n : e + 2;
    } else break;
  }
  return i;
}

/** The end of a run quoted by `q` opening at i: after the closing quote, or at the line end. */
function quotedEnd(src: string, i: number, q: string): number {
  i++;
  while (i < src.length && src[i] !== q && src[i] !== '\n') i += src[i] === '\\' ? 2 : 1;
  return src[i] === q ? i + 1 : i;
}

function runEnd(src: string, i: number, re: RegExp): number {
  while (i < src.length && re.test(src[i])) i++;
  return i;
}

/** The token starting at `start` (not white space nor a comment). */
function readToken(src: string, start: number): GoToken {
  const c = src[start];
  const tok = (kind: GoTokenKind, end: number): GoToken => ({ kind, text: src.slice(start, end), start, end });
  const str = (end: number): GoToken => {
    const text = src.slice(start, end);
    return { kind: 'string', text, value: unquote(text), start, end };
  };
  if (c === '"') return str(quotedEnd(src, start, '"'));
  if (c === '`') {
    const e = src.indexOf('`', start + 1);
    return str(e < 0 ? src.length : e + 1);
  }
  if (c === "'") return tok('number', quotedEnd(src, start, "'"));
  if (/[A-Za-z_\u00c0-\uffff]/.test(c)) return tok('ident', runEnd(src, start, /[A-Za-z0-9_\u00c0-\uffff]/));
  if (/[0-9]/.test(c)) return tok('number', runEnd(src, start, /[0-9A-Za-z_.]/));
  return tok('punct', start + (TWO_CHAR.has(src.slice(start, start + 2)) ? 2 : 1));
}

export function tokenizeGo(src: string, maxTokens = 2_000_000): GoToken[] {
  const out: GoToken[] = [];
  for (let i = skipBlank(src, 0); i < src.length && out.length < maxTokens;) {
    const t = readToken(src, i);
    out.push(t);
    i = skipBlank(src, t.end);
  }
  return out;
}
