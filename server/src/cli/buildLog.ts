// Where `mips-port build` writes: stdout and stderr, everything also to --log FILE (opened in the editor
// with the build-log grammar), and sinks that hold one build's output while others run (--all --jobs N).
import fs from 'node:fs';
import path from 'node:path';

let logFile: number | undefined;

export const buildLog = {
  open(file: string): void {
    logFile = fs.openSync(file, 'w');
  },
  /** Text for the log file only (stdout through `out` is copied there already). */
  write(text: string): void {
    if (logFile !== undefined) fs.writeSync(logFile, text);
  },
  close(): void {
    if (logFile !== undefined) fs.closeSync(logFile);
    logFile = undefined;
  },
};

export function out(text: string): void {
  process.stdout.write(text);
  buildLog.write(text);
}

export function rel(p: string): string {
  return path.relative(process.cwd(), p) || '.';
}

/** Where one build's output goes: straight through, or held so concurrent builds' logs stay apart. */
export interface Sink {
  out(text: string): void;
  err(text: string): void;
}

export const direct: Sink = { out, err: (t) => process.stderr.write(t) };

/** Holds a build's output and writes it in one piece when the build ends (build --all --jobs N). */
export function heldSink(): Sink & { flush(): void } {
  const parts: { to: 'out' | 'err'; text: string }[] = [];
  return {
    out: (text) => parts.push({ to: 'out', text }),
    err: (text) => parts.push({ to: 'err', text }),
    flush: () => {
      for (const p of parts.splice(0)) (p.to === 'out' ? out : direct.err)(p.text);
    },
  };
}
