// The `go build` flags a Go check accepts: an allow-list, whoever gave them. Flags such as -toolexec,
// -exec, -overlay, -modfile or -ldflags=-extld=… make `go build` run or read what the workspace chose,
// so only flags that select what is compiled are taken.

/** Flag name -> a test of its value (undefined: takes no value). */
const ALLOWED: Record<string, ((v: string) => boolean) | undefined> = {
  // build tags: identifiers (and dots) separated by commas or spaces
  tags: (v) => /^[\w.]+([ ,][\w.]+)*$/.test(v),
  mod: (v) => ['readonly', 'vendor', 'mod'].includes(v),
  trimpath: undefined,
  p: (v) => /^[1-9]\d{0,2}$/.test(v),
};

export function describeAllowedGoFlags(): string {
  return '-tags=…, -mod=readonly|vendor|mod, -trimpath, -p=N';
}

/** Why a flag is refused, or undefined when it is one of the allowed ones (`-tags=a,b`, `--mod=vendor`). */
export function goFlagProblem(flag: string): string | undefined {
  const m = /^--?([a-z]+)(?:=(.*))?$/s.exec(flag);
  const refuse = `"${flag}" is not an allowed go build flag (allowed: ${describeAllowedGoFlags()})`;
  if (!m || !(m[1] in ALLOWED)) return refuse;
  const test = ALLOWED[m[1]];
  const value = m[2];
  if (test === undefined) return value === undefined || value === 'true' ? undefined : refuse;
  return value !== undefined && test(value) ? undefined : refuse;
}

/** The allowed flags, and a problem for each refused one. */
export function checkGoFlags(flags: string[]): { flags: string[]; problems: string[] } {
  const ok: string[] = [];
  const problems: string[] = [];
  for (const f of flags) {
    const p = goFlagProblem(f);
    if (p) problems.push(p);
    else ok.push(f);
  }
  return { flags: ok, problems };
}
