// Compile commands in a RUN's shell text: `go build`, `go install`, `cargo build`, `make`, `cmake`,
// `gcc`/`cc`/`clang`, `./configure`, at a command's start (after `&&`, `;`, `|`, `then` … and any
// `NAME=value` prefixes). What the cross-compile rule looks for in a build stage.

export type CompileLanguage = 'go' | 'rust' | 'c';

export interface CompileCommand {
  /** As the message names it: `go build`, `cargo build`, `make`, `./configure`. */
  tool: string;
  language: CompileLanguage;
  /** Offset (in the text given) of the command word, after its `NAME=value` prefixes. */
  at: number;
  /** The names its `NAME=value` prefixes assign. */
  assigns: string[];
}

const GAP = String.raw`(?:[ \t]|\\\r?\n)`;
const ASSIGN = String.raw`[A-Za-z_][A-Za-z0-9_]*=(?:"[^"]*"|'[^']*'|[^\s;&|'"]*)`;
const TOOL = String.raw`go${GAP}+(?:build|install)|cargo${GAP}+build|g?make|cmake|gcc|g\+\+|cc|c\+\+|clang|\./configure`;
const COMMAND = new RegExp(
  String.raw`(^|[;&|({}\n]|\b(?:then|do|else)\b)(${GAP}*)((?:${ASSIGN}${GAP}+)*)(${TOOL})(?=[\s;&|)]|$)`,
  'g',
);

function languageOf(tool: string): CompileLanguage {
  if (tool.startsWith('go')) return 'go';
  if (tool.startsWith('cargo')) return 'rust';
  return 'c';
}

/** The compile commands of a shell-form RUN body (offsets relative to `body`). */
export function compileCommands(body: string): CompileCommand[] {
  const out: CompileCommand[] = [];
  for (const m of body.matchAll(COMMAND)) {
    // a continuation line's end (`\` newline) is not a command separator
    if (m[1] === '\n' && /\\\r?$/.test(body.slice(0, m.index))) continue;
    const tool = m[4].replace(/(?:[ \t]|\\\r?\n)+/g, ' ');
    const at = (m.index ?? 0) + m[1].length + m[2].length + m[3].length;
    const assigns = [...m[3].matchAll(/([A-Za-z_][A-Za-z0-9_]*)=/g)].map((a) => a[1]);
    out.push({ tool, language: languageOf(tool), at, assigns });
  }
  return out;
}

const C_COMPILER_PACKAGES = /^(?:gcc|g\+\+|clang|cc|build-essential|build-base|musl-dev|libc6?-dev|gcc-[\d.]+)$/;

/** Does a package-install line of the stage install a C compiler (so its Go code may use cgo)? */
export function installsCCompiler(stageText: string): boolean {
  for (const m of stageText.matchAll(/\b(?:apt-get|apt|apk|dnf|yum|microdnf)\b[^;&|\n]*?\b(?:install|add)\b([^;&|]*)/g))
    for (const w of m[1].replace(/\\\r?\n/g, ' ').split(/\s+/)) if (C_COMPILER_PACKAGES.test(w)) return true;
  return false;
}

/** Go source that uses cgo: an `import "C"`, alone or in an import block. */
export function importsC(goSource: string): boolean {
  return /^\s*import\s+(?:\(\s*(?:[^)]*\s)?)?"C"/m.test(goSource);
}
