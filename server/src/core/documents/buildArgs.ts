// Dockerfile variable substitution as BuildKit applies it to FROM lines and ARG defaults: $X, ${X},
// ${X:-word}, ${X-word}, ${X:+word}, ${X+word}, with shell quoting ('…' literal, "…" expanded, \x
// escapes) removed as BuildKit's word processing does. Expansion is bounded: an ARG that doubles
// another 25 times must end in a finding, not in a 335 MB string.

export interface Substitution {
  value: string;
  unresolved: string[];
  /** The value would pass MAX_EXPANSION: not built, and reported. */
  overflow?: boolean;
}

/** Longest value an expansion may produce (image references are far shorter). */
export const MAX_EXPANSION = 4096;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

class Expander {
  readonly unresolved: string[] = [];
  overflow = false;
  constructor(
    private readonly vars: ReadonlyMap<string, string | undefined>,
    /** Remove quotes and escapes (FROM words); ARG values come unquoted from the parser already. */
    private readonly quotes: boolean,
  ) {}

  private lookup(name: string): string | undefined {
    return this.vars.has(name) ? this.vars.get(name) : undefined;
  }

  /** Expands `$…` at text[i] (text[i] === '$'); returns the expansion and the index after it. */
  private variable(text: string, i: number): [string, number] {
    if (text[i + 1] === '{') {
      const close = matchingBrace(text, i + 2);
      if (close < 0) return ['$', i + 1];
      const body = text.slice(i + 2, close);
      const name = NAME.exec(body)?.[0];
      if (!name) return [text.slice(i, close + 1), close + 1];
      const op = /^(:?[-+])/.exec(body.slice(name.length))?.[1];
      const word = op ? body.slice(name.length + op.length) : undefined;
      const v = this.lookup(name);
      const expandWord = () => this.expand(word ?? '');
      if (op === ':-') return [v !== undefined && v !== '' ? v : expandWord(), close + 1];
      if (op === '-') return [v !== undefined ? v : expandWord(), close + 1];
      if (op === ':+') return [v !== undefined && v !== '' ? expandWord() : '', close + 1];
      if (op === '+') return [v !== undefined ? expandWord() : '', close + 1];
      if (v === undefined) this.unresolved.push(name);
      return [v ?? '', close + 1];
    }
    const name = NAME.exec(text.slice(i + 1))?.[0];
    if (!name) return ['$', i + 1];
    const v = this.lookup(name);
    if (v === undefined) this.unresolved.push(name);
    return [v ?? '', i + 1 + name.length];
  }

  expand(text: string): string {
    let out = '';
    let i = 0;
    let quote: '"' | "'" | undefined;
    while (i < text.length) {
      if (out.length > MAX_EXPANSION) {
        this.overflow = true;
        return '';
      }
      const c = text[i];
      if (!this.quotes && c !== '$') {
        out += c;
        i++;
      } else if (quote === "'") {
        if (c === "'") quote = undefined;
        else out += c;
        i++;
      } else if (c === '\\' && i + 1 < text.length && (quote !== '"' || '"\\$`'.includes(text[i + 1]))) {
        out += text[i + 1];
        i += 2;
      } else if (c === '"' || (c === "'" && !quote)) {
        quote = quote === c ? undefined : (c as '"' | "'");
        i++;
      } else if (c === '$') {
        const [v, next] = this.variable(text, i);
        out += v;
        i = next;
      } else {
        out += c;
        i++;
      }
    }
    if (out.length > MAX_EXPANSION) {
      this.overflow = true;
      return '';
    }
    return out;
  }
}

function matchingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** The word as BuildKit sees it: variables expanded, quotes and escapes removed. */
export function substitute(
  text: string,
  vars: ReadonlyMap<string, string | undefined>,
  o: { quotes?: boolean } = {},
): Substitution {
  const e = new Expander(vars, o.quotes !== false);
  const value = e.expand(text);
  return e.overflow ? { value: '', unresolved: [], overflow: true } : { value, unresolved: e.unresolved };
}
