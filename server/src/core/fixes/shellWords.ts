// Splits shell text (a RUN instruction's command, continuations and heredoc bodies included) into
// simple commands and words with their offsets, so edits can replace words in place and keep
// `&&`, `;`, `|`, line continuations and comments exactly as they were.

export interface Word {
  text: string;
  start: number;
  end: number;
}
export interface SimpleCommand {
  words: Word[];
  start: number;
  end: number;
}

export function splitCommands(src: string, from = 0, to = src.length): SimpleCommand[] {
  const cmds: SimpleCommand[] = [];
  let words: Word[] = [];
  let i = from;
  const flush = () => {
    if (words.length) cmds.push({ words, start: words[0].start, end: words[words.length - 1].end });
    words = [];
  };
  while (i < to) {
    const c = src[i];
    // a continuation, or a backslash with nothing after it (the end of a file without a final newline)
    if (c === '\\' && (i + 1 >= to || src[i + 1] === '\n' || src[i + 1] === '\r')) {
      i += src[i + 1] === '\r' && src[i + 2] === '\n' ? 3 : 2;
      continue;
    }
    // any other blank (\v, \f, no-break space, U+2028, U+3000, a stray BOM) separates words too
    if (c !== '\n' && /\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '\n') {
      flush();
      i++;
      continue;
    }
    if (c === '#') {
      // a comment runs to the end of the line (in a RUN line it is a shell comment)
      const e = src.indexOf('\n', i);
      i = e < 0 || e > to ? to : e;
      continue;
    }
    if (c === ';' || c === '|' || c === '&' || c === '(' || c === ')') {
      flush();
      i += (c === '&' || c === '|') && src[i + 1] === c ? 2 : 1;
      continue;
    }
    const start = i;
    let quote: string | undefined;
    while (i < to) {
      const d = src[i];
      if (quote) {
        if (d === '\\' && quote === '"') {
          i += 2;
          continue;
        }
        if (d === quote) quote = undefined;
        i++;
        continue;
      }
      if (d === '"' || d === "'") {
        quote = d;
        i++;
        continue;
      }
      if (d === '\\' && i + 1 < to && src[i + 1] !== '\n' && src[i + 1] !== '\r') {
        i += 2;
        continue;
      }
      if (/[\s;|&()]/.test(d) || d === '\\') break;
      i++;
    }
    // every character is consumed: a splitter that does not advance would loop forever
    if (i === start) {
      i++;
      continue;
    }
    words.push({ text: src.slice(start, i), start, end: i });
  }
  flush();
  return cmds;
}

export function unquoteWord(w: string): string {
  if ((w.startsWith('"') && w.endsWith('"')) || (w.startsWith("'") && w.endsWith("'"))) return w.slice(1, -1);
  return w;
}
