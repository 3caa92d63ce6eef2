// Readers of Go composite literals in a token stream (goTokens.ts): an expression that names a value, the
// brace closing a literal, a literal's elements. Enough of Go for manifest.go's image tables.
import { GoToken } from './goTokens';

export type Expr =
  | { kind: 'string'; value: string }
  | { kind: 'ident'; name: string }
  | { kind: 'selector'; base: string; field: string };

export function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Reads one expression starting at tokens[i]; undefined when it is something else (a call, a literal). */
export function readExpr(t: GoToken[], i: number): { expr: Expr; next: number } | undefined {
  const a = t[i];
  if (!a) return undefined;
  if (a.kind === 'string') return { expr: { kind: 'string', value: a.value ?? '' }, next: i + 1 };
  if (a.kind !== 'ident') return undefined;
  if (t[i + 1]?.text === '.' && t[i + 2]?.kind === 'ident') {
    if (t[i + 3]?.text === '(' || t[i + 3]?.text === '{') return undefined;
    return { expr: { kind: 'selector', base: a.text, field: t[i + 2].text }, next: i + 3 };
  }
  if (t[i + 1]?.text === '(' || t[i + 1]?.text === '{') return undefined;
  return { expr: { kind: 'ident', name: a.text }, next: i + 1 };
}

/** Index of the token closing the brace opened at `open`. */
export function closing(t: GoToken[], open: number): number {
  let depth = 0;
  for (let k = open; k < t.length; k++) {
    const x = t[k].text;
    if (x === '{' || x === '(' || x === '[') depth++;
    else if (x === '}' || x === ')' || x === ']') {
      depth--;
      if (depth === 0) return k;
    }
  }
  return t.length - 1;
}

/** Splits the elements of a composite literal `{a, b, c}` at top-level commas. */
export function elements(t: GoToken[], open: number, close: number): GoToken[][] {
  const out: GoToken[][] = [];
  let cur: GoToken[] = [];
  let depth = 0;
  for (let k = open + 1; k < close; k++) {
    const x = t[k].text;
    if (x === '{' || x === '(' || x === '[') depth++;
    if (x === '}' || x === ')' || x === ']') depth--;
    if (x === ',' && depth === 0) {
      out.push(cur);
      cur = [];
      continue;
    }
    cur.push(t[k]);
  }
  if (cur.length) out.push(cur);
  return out;
}

/** An expression as the file wrote it, for a message. */
export function describe(e: Expr): string {
  return e.kind === 'string' ? `"${e.value}"` : e.kind === 'selector' ? `${e.base}.${e.field}` : e.name;
}
