// What went wrong asking a registry, in kinds a verdict can name (DNS, timeout, 401, 429…).
export type RegistryErrorKind =
  | 'dns'
  | 'connect'
  | 'timeout'
  | 'unauthorized'
  | 'not-found'
  | 'rate-limited'
  | 'server'
  | 'bad-response'
  | 'too-large'
  | 'redirects'
  | 'network'
  | 'proxy';

export class RegistryError extends Error {
  constructor(
    readonly kind: RegistryErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
