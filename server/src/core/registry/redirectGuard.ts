// Where a registry's redirect may lead: http(s) only; never link-local addresses or cloud metadata
// services; never from a public host into loopback or private networks. Checked before connecting,
// through a look-up step tests can observe.
import { dns } from '../lazyBuiltins';
import net from 'node:net';

export type AddressLookup = (host: string) => Promise<string[]>;

export const systemLookup: AddressLookup = async (host) =>
  (await dns().promises.lookup(host, { all: true })).map((a) => a.address);

const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata', 'instance-data', 'metadata.azure.com']);

type Zone = 'public' | 'private' | 'loopback' | 'link-local';

export function addressZone(ip: string): Zone {
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (net.isIPv4(v4)) {
    const [a, b] = v4.split('.').map(Number);
    if (a === 127 || a === 0) return 'loopback';
    if (a === 169 && b === 254) return 'link-local';
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127))
      return 'private';
    return 'public';
  }
  const x = ip.toLowerCase();
  if (x === '::1' || x === '::') return 'loopback';
  if (/^fe[89ab]/.test(x)) return 'link-local';
  if (/^f[cd]/.test(x)) return 'private';
  return 'public';
}

async function zonesOf(host: string, lookup: AddressLookup): Promise<Zone[]> {
  const h = host.replace(/^\[(.*)\]$/, '$1');
  if (net.isIP(h)) return [addressZone(h)];
  if (h === 'localhost' || h.endsWith('.localhost')) return ['loopback'];
  try {
    return (await lookup(h)).map(addressZone);
  } catch {
    return []; // the request itself will say the name does not resolve
  }
}

/** Why a redirect from `from` to `to` must not be followed, or undefined when it may. */
export async function redirectRefusal(
  from: URL,
  to: URL,
  lookup: AddressLookup = systemLookup,
): Promise<string | undefined> {
  if (to.protocol !== 'http:' && to.protocol !== 'https:') return `a redirect to ${to.protocol} is never followed`;
  if (METADATA_HOSTS.has(to.hostname.toLowerCase()))
    return `a redirect to the metadata service ${to.hostname} is never followed`;
  const target = await zonesOf(to.hostname, lookup);
  if (target.includes('link-local'))
    return `a redirect to the link-local address of ${to.hostname} (cloud metadata) is never followed`;
  const inward = target.some((z) => z === 'loopback' || z === 'private');
  if (!inward) return undefined;
  const origin = await zonesOf(from.hostname, lookup);
  if (origin.length && origin.every((z) => z === 'public'))
    return `${from.host} redirected to ${to.host}, a ${target.includes('loopback') ? 'loopback' : 'private'} address: not followed from a public registry`;
  return undefined;
}
