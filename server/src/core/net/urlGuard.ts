// The one guard for every URL the program fetches: registries and mirrors (configured), redirects and
// token realms (derived from another URL), Debian indexes. http(s) only; never link-local, cloud
// metadata, unspecified, multicast or reserved addresses, however an address is written (IPv4-mapped
// IPv6 in hex form included); loopback and private networks only where the configured URL is one, or
// the URL it was derived from is at least as far inside.
import { dns } from '../lazyBuiltins';
import net from 'node:net';

export type AddressLookup = (host: string) => Promise<string[]>;

export const systemLookup: AddressLookup = async (host) =>
  (await dns().promises.lookup(host, { all: true })).map((a) => a.address);

const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata', 'instance-data', 'metadata.azure.com']);
/** Metadata services outside 169.254/16 (Alibaba, Oracle's old one, AWS over IPv6). */
const METADATA_ADDRESSES = new Set(['100.100.100.200', '192.0.0.192', 'fd00:ec2:0:0:0:0:0:254']);

export type Zone = 'public' | 'private' | 'loopback' | 'link-local' | 'unspecified' | 'multicast' | 'reserved';

/** Zones no fetch ever reaches, whoever configured the URL. */
const NEVER: ReadonlySet<Zone> = new Set(['link-local', 'unspecified', 'multicast', 'reserved']);
/** How far inside the machine a zone is: a derived URL may not go further in than its origin. */
const DEPTH: Partial<Record<Zone, number>> = { public: 0, private: 1, loopback: 2 };

function v4Zone(a: number, b: number, c: number, d: number): Zone {
  if (METADATA_ADDRESSES.has(`${a}.${b}.${c}.${d}`)) return 'link-local';
  if (a === 0) return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127))
    return 'private';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a >= 240) return 'reserved';
  return 'public';
}

/** The eight 16-bit words of an IPv6 address (a dotted IPv4 tail included), or undefined. */
export function ipv6Words(ip: string): number[] | undefined {
  let s = ip.toLowerCase().replace(/%.*$/, '');
  const tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (tail) {
    const [a, b, c, d] = tail.slice(1).map(Number);
    s = s.slice(0, tail.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const part = (x: string) => (x === '' ? [] : x.split(':').map((w) => parseInt(w, 16)));
  const head = part(halves[0]);
  const rest = halves.length === 2 ? part(halves[1]) : [];
  const fill = 8 - head.length - rest.length;
  if (halves.length === 1 ? fill !== 0 : fill < 1) return undefined;
  const words = [...head, ...Array<number>(halves.length === 2 ? fill : 0).fill(0), ...rest];
  return words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : undefined;
}

/** Where an IP address (v4, or v6 in any spelling) leads. */
export function addressZone(ip: string): Zone {
  const bare = ip.replace(/^\[(.*)\]$/, '$1');
  if (net.isIPv4(bare)) {
    const [a, b, c, d] = bare.split('.').map(Number);
    return v4Zone(a, b, c, d);
  }
  const w = ipv6Words(bare);
  if (!w) return 'reserved';
  const embedded = (hi: number, lo: number) => v4Zone(hi >> 8, hi & 255, lo >> 8, lo & 255);
  const zeros = (n: number) => w.slice(0, n).every((x) => x === 0);
  if (METADATA_ADDRESSES.has(w.map((x) => x.toString(16)).join(':'))) return 'link-local';
  if (zeros(8)) return 'unspecified';
  if (zeros(7) && w[7] === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d), IPv4-compatible (::a.b.c.d)
  if (zeros(5) && w[5] === 0xffff) return embedded(w[6], w[7]);
  if (zeros(4) && w[4] === 0xffff && w[5] === 0) return embedded(w[6], w[7]);
  if (zeros(6)) return embedded(w[6], w[7]);
  // NAT64 (64:ff9b::/96 and the local-use 64:ff9b:1::/48) reaches the IPv4 address it embeds
  if (w[0] === 0x64 && w[1] === 0xff9b) return embedded(w[6], w[7]);
  if ((w[0] & 0xffc0) === 0xfe80) return 'link-local';
  if ((w[0] & 0xffc0) === 0xfec0 || (w[0] & 0xfe00) === 0xfc00) return 'private';
  if ((w[0] & 0xff00) === 0xff00) return 'multicast';
  return 'public';
}

const bareHost = (hostname: string) => hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();

/** The host is this machine by its spelling alone (no name look-up): localhost, 127/8, ::1, mapped forms. */
export function isLoopbackHost(hostname: string): boolean {
  const h = bareHost(hostname);
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  return net.isIP(h) !== 0 && addressZone(h) === 'loopback';
}

/** Credentials may travel to this URL: over https, or over http to this machine only. */
export function mayCarryCredentials(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

async function zonesOf(hostname: string, lookup: AddressLookup): Promise<Zone[]> {
  const h = bareHost(hostname);
  if (net.isIP(h)) return [addressZone(h)];
  if (h === 'localhost' || h.endsWith('.localhost')) return ['loopback'];
  try {
    return (await lookup(h)).map(addressZone);
  } catch {
    return []; // the request itself will say the name does not resolve
  }
}

const ZONE_WORDS: Record<Zone, string> = {
  'link-local': 'the link-local address (cloud metadata)',
  unspecified: 'the unspecified address',
  multicast: 'the multicast address',
  reserved: 'the reserved address',
  loopback: 'a loopback address',
  private: 'a private address',
  public: 'a public address',
};

/** What the URL is, for messages: `a redirect`, `a token realm`, `a mirror`, `a Debian index`. */
export interface GuardContext {
  what: string;
  /** The URL this one came from (a redirect's or realm's registry); none: configured by the user. */
  from?: URL;
  lookup?: AddressLookup;
}

/** A URL the user configured may lead to loopback. */
export const CONFIGURED_REACH = 2;

/** How far inside a URL derived from `from` may lead: a configured URL (no `from`) anywhere, loopback
 *  included; a derived one no further in than where `from` is (public when its name does not resolve here,
 *  e.g. behind a proxy). */
export async function reachFrom(from: URL | undefined, lookup: AddressLookup = systemLookup): Promise<number> {
  if (!from) return CONFIGURED_REACH;
  const origin = await zonesOf(from.hostname, lookup);
  return origin.length ? Math.min(...origin.map((z) => DEPTH[z] ?? 0)) : 0;
}

/** Why `url` must not be fetched, or undefined when it may. Names are resolved through `lookup`. */
export async function urlRefusal(url: URL, c: GuardContext): Promise<string | undefined> {
  const lookup = c.lookup ?? systemLookup;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${c.what} to ${url.protocol} is never followed`;
  const host = bareHost(url.hostname);
  if (METADATA_HOSTS.has(host)) return `${c.what} to the metadata service ${url.hostname} is never followed`;
  // a configured URL's name is checked when connecting (socketLookupWithin): no look-up per request
  const target = c.from || net.isIP(host) ? await zonesOf(url.hostname, lookup) : [];
  const never = target.find((z) => NEVER.has(z));
  if (never) return `${c.what} to ${ZONE_WORDS[never]} of ${url.hostname} is never followed`;
  if (!c.from) return undefined; // the user's own registry, mirror or Debian mirror: loopback allowed
  const depth = Math.max(0, ...target.map((z) => DEPTH[z] ?? 0));
  if (depth === 0) return undefined;
  const originDepth = await reachFrom(c.from, lookup);
  if (depth <= originDepth) return undefined;
  const where = target.includes('loopback') ? 'loopback' : 'private';
  const originZone = originDepth ? 'private' : 'public';
  return `${c.from.host} sent ${c.what} to ${url.host}, a ${where} address: not followed from a ${originZone} host`;
}

/** Why a redirect from `from` to `to` must not be followed, or undefined when it may. */
export function redirectRefusal(from: URL, to: URL, lookup?: AddressLookup): Promise<string | undefined> {
  return urlRefusal(to, { what: 'a redirect', from, lookup });
}

/** No fetch goes to this address: a zone no fetch reaches, or further inside the machine than `reach`. */
export function beyondReach(address: string, reach: number): boolean {
  const zone = addressZone(address);
  return NEVER.has(zone) || (DEPTH[zone] ?? 0) > reach;
}

/** The same check for a request a proxy makes for us (the proxy connects, so no socket look-up of ours
 *  sees the address): the name as it resolves here; a name only the proxy can resolve passes. */
export async function proxiedTargetRefusal(
  url: URL,
  reach: number,
  lookup: AddressLookup = systemLookup,
): Promise<string | undefined> {
  const host = bareHost(url.hostname);
  let addresses: string[];
  try {
    addresses = net.isIP(host) ? [host] : await lookup(host);
  } catch {
    return undefined;
  }
  const bad = addresses.find((a) => beyondReach(a, reach));
  return bad
    ? `${url.hostname} resolves to ${bad}, where this request may not go (not even through a proxy)`
    : undefined;
}

/** A socket look-up that refuses names resolving where no fetch goes, or further in than `reach`
 *  (checked at connect time, so a name cannot change its answer between the check and the connection). */
export function socketLookupWithin(reach: number): net.LookupFunction {
  return (hostname, options, callback) => {
    dns().lookup(hostname, { ...options, all: true }, (err, addresses) => {
      const bad = err ? undefined : addresses.find((a) => beyondReach(a.address, reach));
      if (err || bad || addresses.length === 0) {
        const e: NodeJS.ErrnoException =
          err ?? new Error(`${hostname} resolves to ${bad?.address ?? 'nothing'}, where this request may not go`);
        if (!err) e.code = 'EGUARD';
        return options.all ? callback(e, []) : callback(e, '', 0);
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
