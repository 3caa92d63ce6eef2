// Runs a workspace's builds with up to N at once: an image starts once every image it builds on has
// been built, so the base-of-base order holds; one whose base failed is skipped. Without keepGoing
// the first failure stops new starts (running builds finish).
import os from 'node:os';

export interface ScheduleNode {
  id: string;
  dependsOn: string[];
}

export interface ScheduleResult {
  /** In the order given (the graph's order), not the order they finished. */
  done: string[];
  failed: Map<string, number>;
  skipped: { id: string; blockedBy: string }[];
  /** Never started: a failure stopped the run first. */
  notStarted: string[];
  /** The failure that stopped the run, without keepGoing. */
  stoppedAt?: string;
}

/** Builds at once by default: one per CPU. */
export function defaultJobs(): number {
  const n = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, n);
}

export async function runScheduled(
  order: ScheduleNode[],
  jobs: number,
  build: (id: string) => Promise<number>,
  o: { keepGoing?: boolean; aborted?: () => boolean; onSkip?: (id: string, blockedBy: string) => void } = {},
): Promise<ScheduleResult> {
  const state = new Map<string, 'waiting' | 'running' | 'done' | 'failed' | 'skipped'>(
    order.map((n) => [n.id, 'waiting']),
  );
  const failed = new Map<string, number>();
  const skipped: ScheduleResult['skipped'] = [];
  let stoppedAt: string | undefined;
  const running = new Set<Promise<void>>();
  const stop = () => stoppedAt !== undefined || o.aborted?.() === true;
  for (;;) {
    // skips first: a skipped image blocks its own dependents too
    for (let changed = true; changed;) {
      changed = false;
      for (const n of order) {
        if (state.get(n.id) !== 'waiting') continue;
        const blockedBy = n.dependsOn.find((d) => ['failed', 'skipped'].includes(state.get(d) ?? ''));
        if (blockedBy && o.keepGoing) {
          state.set(n.id, 'skipped');
          skipped.push({ id: n.id, blockedBy });
          o.onSkip?.(n.id, blockedBy);
          changed = true;
        }
      }
    }
    if (!stop()) {
      for (const n of order) {
        if (running.size >= Math.max(1, jobs)) break;
        if (state.get(n.id) !== 'waiting') continue;
        if (!n.dependsOn.every((d) => state.get(d) === 'done' || !state.has(d))) continue;
        state.set(n.id, 'running');
        const p: Promise<void> = build(n.id)
          .catch(() => 1)
          .then((code) => {
            state.set(n.id, code === 0 ? 'done' : 'failed');
            if (code !== 0) {
              failed.set(n.id, code);
              if (!o.keepGoing && stoppedAt === undefined) stoppedAt = n.id;
            }
            running.delete(p);
          });
        running.add(p);
      }
    }
    if (running.size === 0) break;
    await Promise.race(running);
  }
  return {
    done: order.filter((n) => state.get(n.id) === 'done').map((n) => n.id),
    failed,
    skipped,
    notStarted: order.filter((n) => state.get(n.id) === 'waiting').map((n) => n.id),
    ...(stoppedAt !== undefined ? { stoppedAt } : {}),
  };
}
