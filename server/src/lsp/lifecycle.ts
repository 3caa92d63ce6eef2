// Requests are answered only between `initialize` and `shutdown`, as the LSP specification says.
import { ErrorCodes, ResponseError } from 'vscode-languageserver';

export type LifeState = 'new' | 'running' | 'shut down';

export interface Lifecycle {
  state: LifeState;
  /** The handler, answering with the LSP's error before `initialize` and after `shutdown`. */
  guard<P, R>(fn: (p: P) => R): (p: P) => R;
}

export function lifecycle(): Lifecycle {
  const l: Lifecycle = {
    state: 'new',
    guard<P, R>(fn: (p: P) => R): (p: P) => R {
      return (p: P) => {
        if (l.state === 'new')
          throw new ResponseError(ErrorCodes.ServerNotInitialized, 'the server is not initialized yet');
        if (l.state === 'shut down') throw new ResponseError(ErrorCodes.InvalidRequest, 'the server is shut down');
        return fn(p);
      };
    },
  };
  return l;
}
