// Caps on what one child process may take, set with util-linux's `prlimit` (Node cannot set a child's
// rlimits itself). A workspace's code can make a compiler read /dev/zero or loop; the cap ends it.
import fs from 'node:fs';
import path from 'node:path';

export interface ResourceLimits {
  /** RLIMIT_AS of each process, bytes. */
  addressSpaceBytes?: number;
  /** RLIMIT_CPU of each process, seconds. */
  cpuSeconds?: number;
}

let prlimitPath: string | null | undefined;

function findPrlimit(): string | null {
  if (prlimitPath !== undefined) return prlimitPath;
  prlimitPath = null;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).concat(['/usr/bin', '/bin'])) {
    if (!dir) continue;
    const p = path.join(dir, 'prlimit');
    try {
      fs.accessSync(p, fs.constants.X_OK);
      prlimitPath = p;
      break;
    } catch {
      /* not here */
    }
  }
  return prlimitPath;
}

/** `argv` run under the limits (children inherit them), or `argv` as is where prlimit is missing. */
export function withLimits(argv: string[], limits: ResourceLimits | undefined): string[] {
  if (!limits || process.platform !== 'linux') return argv;
  const prlimit = findPrlimit();
  if (!prlimit) return argv;
  const opts: string[] = [];
  if (limits.addressSpaceBytes) opts.push(`--as=${Math.floor(limits.addressSpaceBytes)}`);
  if (limits.cpuSeconds) opts.push(`--cpu=${Math.ceil(limits.cpuSeconds)}`);
  return opts.length ? [prlimit, ...opts, '--', ...argv] : argv;
}
