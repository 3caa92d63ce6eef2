// Analyses in progress, one per document: a hover or code action on a document being analysed waits for
// that run instead of starting its own, and a run started before the settings changed is not kept.
import { DocumentAnalysis } from '../core/analyse';

interface Run {
  key: string;
  generation: number;
  result: Promise<DocumentAnalysis | undefined>;
}

export class AnalysisRuns {
  private readonly runs = new Map<string, Run>();
  private generation = 0;

  /** The run for this document and key: the one in progress, else a new one from `start`. `keep` is
   *  told the result only when nothing made it stale meanwhile (see forgetAll). */
  run(
    uri: string,
    key: string,
    start: () => Promise<DocumentAnalysis | undefined>,
    keep: (a: DocumentAnalysis) => void,
  ): Promise<DocumentAnalysis | undefined> {
    const running = this.runs.get(uri);
    if (running && running.key === key && running.generation === this.generation) return running.result;
    const generation = this.generation;
    const result = start().then((a) => {
      if (a && generation === this.generation) keep(a);
      return a;
    });
    const run: Run = { key, generation, result };
    this.runs.set(uri, run);
    const done = () => {
      if (this.runs.get(uri) === run) this.runs.delete(uri);
    };
    result.then(done, done);
    return result;
  }

  forget(uri: string): void {
    this.runs.delete(uri);
  }

  /** Settings or trust changed: runs in progress finish, but their results are not kept. */
  forgetAll(): void {
    this.generation++;
    this.runs.clear();
  }
}
