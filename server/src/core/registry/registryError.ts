import { cleanText } from './registryText';

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
  | 'proxy'
  | 'refused';

export class RegistryError extends Error {
  constructor(
    readonly kind: RegistryErrorKind,
    message: string,
    readonly status?: number,
  ) {
    // messages can quote what a server sent: never let it carry control or escape sequences
    super(cleanText(message, 500));
  }
}
