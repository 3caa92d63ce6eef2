// Shell scripts a stage copies in from its build context (an entrypoint that chowns to `wheel`): the
// accounts they name matter as much as the Dockerfile's own lines when the stage moves to Debian.

/** A file of the build context by the path a COPY names (context-relative); undefined when absent,
 *  outside the context or unreadable. */
export type ContextReader = (source: string) => string | undefined;

export interface CopiedScript {
  source: string;
  text: string;
}

const SHEBANG_SHELL = /^#!\s*(?:\S*\/)?(?:env\s+)?(?:busybox\s+)?(?:ba|a|da|z)?sh\b/;

function isShellScript(source: string, text: string): boolean {
  return /\.(?:sh|bash|ash)$/.test(source) || SHEBANG_SHELL.test(text);
}

/** The sources a COPY/ADD body (the text after the keyword) names; none for `--from=` or a heredoc. */
export function copySources(body: string): string[] {
  const trimmed = body.replace(/\\\r?\n/g, ' ').trim();
  let args: string[];
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      args = Array.isArray(parsed) ? parsed.filter((a): a is string => typeof a === 'string') : [];
    } catch {
      return [];
    }
  } else {
    args = trimmed.split(/\s+/);
  }
  if (args.some((a) => /^--from=/.test(a) || a.startsWith('<<'))) return [];
  const operands = args.filter((a) => !a.startsWith('--'));
  return operands.slice(0, -1).filter((s) => s && !/[*?[]/.test(s) && !/^[a-z]+:\/\//i.test(s));
}

/** The shell scripts one COPY/ADD instruction copies from the build context. */
export function copiedScripts(body: string, read: ContextReader): CopiedScript[] {
  const out: CopiedScript[] = [];
  for (const source of copySources(body)) {
    const text = read(source);
    if (text !== undefined && isShellScript(source, text)) out.push({ source, text });
  }
  return out;
}
