// Seeded mutations of a document, the kinds a fuzzer (and a hostile workspace) produces: byte flips,
// truncation, Unicode separators, huge lines, many lines, invalid UTF-8, CRLF/BOM, unterminated quotes
// and heredocs, YAML alias bombs and deep nesting, recursive and doubling ARGs.

export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const ODD = [
  '\u2028',
  '\u2029',
  '\u00a0',
  '\v',
  '\f',
  '\u3000',
  '\ufeff',
  '\u0085',
  '\r',
  '\t',
  '\0',
  '\\',
  '"',
  "'",
  '$',
  '{',
  '}',
  '&&',
  '<<EOF',
  '*a',
  '&a',
];

export function mutate(text: string, r: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const at = () => Math.floor(r() * (text.length + 1));
  switch (Math.floor(r() * 12)) {
    case 0: {
      const i = at();
      return text.slice(0, i) + String.fromCharCode(Math.floor(r() * 0xffff)) + text.slice(i + 1);
    }
    case 1:
      return text.slice(0, at());
    case 2: {
      const i = at();
      return text.slice(0, i) + pick(ODD) + text.slice(i);
    }
    case 3:
      return text + 'x'.repeat(100000);
    case 4:
      return text + '\n'.repeat(20000);
    case 5:
      return Buffer.from(text.replace(/a/g, '\xe9'), 'latin1').toString('utf8');
    case 6:
      return '\ufeff' + text.replace(/\n/g, '\r\n');
    case 7:
      return text.replace(/\n/g, '\r');
    case 8:
      return text + '\nRUN echo "unterminated\nRUN cat <<EOF\nno end\n';
    case 9: {
      const lines = ['apiVersion: v1', 'kind: Pod', 'a: &a ["x","x","x","x","x","x","x","x"]'];
      for (let i = 0; i < 14; i++)
        lines.push(
          `b${i}: &b${i} [${Array(8)
            .fill(i ? `*b${i - 1}` : '*a')
            .join(',')}]`,
        );
      return text + '\n' + lines.join('\n') + '\n' + '['.repeat(2000) + ']'.repeat(2000);
    }
    case 10: {
      const args = ['ARG A0=xx'];
      for (let i = 1; i < 30; i++) args.push(`ARG A${i}=$A${i - 1}$A${i - 1}\${A${i - 1}}`);
      return args.join('\n') + '\nARG R=$R\nFROM alpine:$A29\nFROM $R\n' + text;
    }
    default: {
      const a = at();
      const b = at();
      return text.slice(0, Math.min(a, b)) + text.slice(Math.max(a, b)) + text.slice(Math.min(a, b), Math.max(a, b));
    }
  }
}
