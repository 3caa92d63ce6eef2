// One child process in its own process group (argument array, never a shell): output collected and
// streamed, and a cancel signal that takes the whole group down (builders spawn helpers of their own).
import { childProcess } from '../lazyBuiltins';
import { waitForGroupExit } from './processGroup';
import { ResourceLimits, withLimits } from './resourceLimits';

export interface ProcessResult {
  code: number | null;
  output: string;
  cancelled: boolean;
  /** After a cancel: members of the process group that outlived SIGKILL (should never happen). */
  survivors?: boolean;
}

const TERM_GRACE_MS = 3000;
const KILL_WAIT_MS = 2000;

export interface ProcessOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  signal?: AbortSignal;
  onOutput?: (text: string) => void;
  /** Keep at most this much output in memory (the tail). */
  maxOutput?: number;
  /** Memory/CPU caps of every process of the group (prlimit). */
  limits?: ResourceLimits;
}

/** Process groups started here and not yet gone: killed at once when this process exits. */
const running = new Set<number>();

/** SIGKILLs every process group still running (synchronous: safe in an 'exit' handler). */
export function killRunningGroups(): void {
  for (const pgid of running) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  running.clear();
}

export function runProcess(argv: string[], o: ProcessOptions = {}): Promise<ProcessResult> {
  return new Promise((resolve) => {
    let output = '';
    let cancelled = false;
    const max = o.maxOutput ?? 4_000_000;
    let child;
    try {
      const full = withLimits(argv, o.limits);
      child = childProcess().spawn(full[0], full.slice(1), {
        env: o.env ?? process.env,
        cwd: o.cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
    } catch (e) {
      resolve({ code: null, output: `${argv[0]}: ${(e as Error).message}`, cancelled });
      return;
    }
    if (child.pid !== undefined) running.add(child.pid);
    const kill = () => {
      cancelled = true;
      try {
        process.kill(-(child.pid as number), 'SIGTERM');
      } catch {
        /* gone */
      }
      setTimeout(() => {
        try {
          process.kill(-(child.pid as number), 'SIGKILL');
        } catch {
          /* gone */
        }
      }, TERM_GRACE_MS).unref();
    };
    if (o.signal?.aborted) kill();
    o.signal?.addEventListener('abort', kill, { once: true });
    const onData = (d: Buffer) => {
      const t = d.toString();
      output += t;
      if (output.length > max) output = output.slice(-Math.floor(max / 2));
      o.onOutput?.(t);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (e: NodeJS.ErrnoException) => {
      output += e.code === 'ENOENT' ? `${argv[0]} is not installed` : e.message;
    });
    child.on('close', (code) => {
      o.signal?.removeEventListener('abort', kill);
      if (child.pid !== undefined) running.delete(child.pid);
      if (!cancelled || child.pid === undefined) {
        resolve({ code, output, cancelled });
        return;
      }
      // The leader is gone; its helpers may still be unwinding. Cancelled means all of them are gone.
      void waitForGroupExit(child.pid, TERM_GRACE_MS + KILL_WAIT_MS).then((gone) =>
        resolve({ code, output, cancelled, survivors: !gone }),
      );
    });
  });
}
