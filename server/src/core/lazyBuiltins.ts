// Node modules most runs never use (TLS, gzip, child processes, DNS), loaded by their first user: every
// module a bundle imports is loaded when it starts, and an editor waits for that start.
/* eslint-disable @typescript-eslint/no-require-imports -- the point of this file */
type Https = typeof import('node:https');
type Tls = typeof import('node:tls');
type Zlib = typeof import('node:zlib');
type ChildProcess = typeof import('node:child_process');
type Dns = typeof import('node:dns');

function once<T>(load: () => T): () => T {
  let m: T | undefined;
  return () => (m ??= load());
}

export const https = once(() => require('node:https') as Https);
export const tls = once(() => require('node:tls') as Tls);
export const zlib = once(() => require('node:zlib') as Zlib);
export const childProcess = once(() => require('node:child_process') as ChildProcess);
export const dns = once(() => require('node:dns') as Dns);
