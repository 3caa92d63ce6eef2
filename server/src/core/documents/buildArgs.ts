// Dockerfile variable substitution as BuildKit applies it to FROM lines:
// $X, ${X}, ${X:-word}, ${X-word}, ${X:+word}, ${X+word}.

export interface Substitution {
  value: string;
  unresolved: string[];
}

const VAR = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])((?:[^}\\]|\\.)*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

export function substitute(text: string, vars: ReadonlyMap<string, string | undefined>): Substitution {
  const unresolved: string[] = [];
  const value = text.replace(
    VAR,
    (_m, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
      const name = (braced ?? bare) as string;
      const has = vars.has(name) && vars.get(name) !== undefined;
      const v = has ? (vars.get(name) as string) : undefined;
      if (op === ':-') return v !== undefined && v !== '' ? v : (word ?? '');
      if (op === '-') return v !== undefined ? v : (word ?? '');
      if (op === ':+') return v !== undefined && v !== '' ? (word ?? '') : '';
      if (op === '+') return v !== undefined ? (word ?? '') : '';
      if (v === undefined) {
        unresolved.push(name);
        return '';
      }
      return v;
    },
  );
  return { value, unresolved };
}
