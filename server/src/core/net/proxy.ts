// HTTPS_PROXY / HTTP_PROXY / NO_PROXY as curl and Go read them; loopback never goes through a proxy.
import { isLoopbackHost } from './urlGuard';

function env(name: string): string | undefined {
  return process.env[name.toLowerCase()] ?? process.env[name.toUpperCase()] ?? undefined;
}

export function noProxyMatches(host: string, port: string, noProxy: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  for (const raw of noProxy.split(/[,\s]+/)) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    let entryPort: string | undefined;
    const m = /^(.*?):(\d+)$/.exec(entry);
    if (m && !entry.includes('::')) {
      entry = m[1];
      entryPort = m[2];
    }
    if (entryPort && entryPort !== port) continue;
    entry = entry.replace(/^\*?\./, '.');
    if (
      h === entry.replace(/^\./, '') ||
      (entry.startsWith('.') && h.endsWith(entry)) ||
      (!entry.startsWith('.') && h.endsWith('.' + entry))
    )
      return true;
  }
  return false;
}

export function proxyFor(url: URL): URL | undefined {
  const p = url.protocol === 'https:' ? env('https_proxy') : env('http_proxy');
  if (!p) return undefined;
  if (isLoopbackHost(url.hostname)) return undefined;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const no = env('no_proxy');
  if (no && noProxyMatches(url.hostname, port, no)) return undefined;
  try {
    return new URL(p.includes('://') ? p : `http://${p}`);
  } catch {
    return undefined;
  }
}
