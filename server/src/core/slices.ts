// Long work written as a generator that yields between small steps, run either at once or in slices of
// a few tens of milliseconds with a pause between them: a language server stays responsive while it
// reads a huge document, and drops the work when a newer version of the document arrives.

export interface SliceOptions {
  /** Work per slice before pausing; default 50 ms. */
  sliceMs?: number;
  /** Awaited between slices; default: one turn of the event loop (setImmediate). */
  pause?: () => Promise<void>;
  /** True when the result is no longer wanted: the work stops and resolves to undefined. */
  stop?: () => boolean;
}

/** Runs the steps without pausing. */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

const nextTurn = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Runs the steps in slices; undefined when `stop()` said the result is no longer wanted. */
export async function runInSlices<T>(steps: Generator<void, T>, o: SliceOptions = {}): Promise<T | undefined> {
  const sliceMs = o.sliceMs ?? 50;
  const pause = o.pause ?? nextTurn;
  let sliceStart = Date.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (Date.now() - sliceStart < sliceMs) continue;
    await pause();
    if (o.stop?.()) {
      steps.return(undefined as T);
      return undefined;
    }
    sliceStart = Date.now();
  }
}
