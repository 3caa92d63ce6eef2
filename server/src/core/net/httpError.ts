// The one error type of every HTTP exchange (registries, mirrors, Debian indexes): a kind callers branch
// on, and a message a user can act on.
export type HttpErrorKind = 'dns' | 'connect' | 'timeout' | 'too-large' | 'redirects' | 'network' | 'proxy' | 'refused';

export class HttpError extends Error {
  constructor(
    readonly kind: HttpErrorKind,
    message: string,
  ) {
    super(message);
  }
}
