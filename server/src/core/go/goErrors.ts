// The Go toolchain's error lines (`./main.go:13:17: cannot use …`, `package x: …`), read into
// positions and messages so a target's errors can be told from the host's.
import path from 'node:path';

export interface GoError {
  /** Absolute path of the .go file; undefined for package-level errors. */
  file?: string;
  /** 1-based, as go prints them. */
  line: number;
  column: number;
  message: string;
  /** The package header (`# example.com/x`) the error came under. */
  pkg?: string;
}

const POSITIONED = /^(.+?\.go):(\d+)(?::(\d+))?: (.+)$/;
const PACKAGE = /^(?:package |go: )(.+?): (.+)$/;

/** Errors in `go build`/`go vet` output; paths are relative to `cwd` as go prints them. */
export function parseGoErrors(output: string, cwd: string): GoError[] {
  const out: GoError[] = [];
  let pkg: string | undefined;
  for (const raw of output.split('\n')) {
    const line = raw.trimEnd();
    if (line.startsWith('# ')) {
      pkg = line.slice(2).trim();
      continue;
    }
    const m = POSITIONED.exec(line.trim());
    if (m) {
      out.push({
        file: path.resolve(cwd, m[1]),
        line: Number(m[2]),
        column: Number(m[3] ?? 1),
        message: m[4],
        pkg,
      });
      continue;
    }
    const p = PACKAGE.exec(line);
    if (p && !/^downloading /.test(p[2])) out.push({ line: 0, column: 0, message: `${p[1]}: ${p[2]}`, pkg });
  }
  return out;
}

/** The same error on both architectures has the same place and words. */
export function errorKey(e: GoError): string {
  return `${e.file ?? ''}:${e.line}:${e.column}:${e.message}`;
}
