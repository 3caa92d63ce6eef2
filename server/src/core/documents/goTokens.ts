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

export function tokenizeGo(src: string, maxTokens = 2_000_000): GoToken[] {
  const out: GoToken[] = [];
  let i = 0;
  const n = src.length;
  while (i < n && out.length < maxTokens) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\ufeff') {
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      const e = src.indexOf('\n', i);
      i = e < 0 ? n : e;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const e = src.indexOf('*/', i + 2);
      i = e < 0 ? n : e + 2;
      continue;
    }
    const start = i;
    if (c === '"') {
      i++;
      while (i < n && src[i] !== '"' && src[i] !== '\n') i += src[i] === '\\' ? 2 : 1;
      if (src[i] === '"') i++;
      const text = src.slice(start, i);
      out.push({ kind: 'string', text, value: unquote(text), start, end: i });
      continue;
    }
    if (c === '`') {
      const e = src.indexOf('`', i + 1);
      i = e < 0 ? n : e + 1;
      const text = src.slice(start, i);
      out.push({ kind: 'string', text, value: unquote(text), start, end: i });
      continue;
    }
    if (c === "'") {
      i++;
      while (i < n && src[i] !== "'" && src[i] !== '\n') i += src[i] === '\\' ? 2 : 1;
      if (src[i] === "'") i++;
      out.push({ kind: 'number', text: src.slice(start, i), start, end: i });
      continue;
    }
    if (/[A-Za-z_\u00c0-\uffff]/.test(c)) {
      while (i < n && /[A-Za-z0-9_\u00c0-\uffff]/.test(src[i])) i++;
      out.push({ kind: 'ident', text: src.slice(start, i), start, end: i });
      continue;
    }
    if (/[0-9]/.test(c)) {
      while (i < n && /[0-9A-Za-z_.]/.test(src[i])) i++;
      out.push({ kind: 'number', text: src.slice(start, i), start, end: i });
      continue;
    }
    const two = src.slice(i, i + 2);
    if ([':=', '==', '!=', '<=', '>=', '&&', '||', '<-', '++', '--', '+=', '-='].includes(two)) {
      i += 2;
      out.push({ kind: 'punct', text: two, start, end: i });
      continue;
    }
    i++;
    out.push({ kind: 'punct', text: c, start, end: i });
  }
  return out;
}
