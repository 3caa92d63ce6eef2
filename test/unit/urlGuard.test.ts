// The one URL guard, as a pure function over a table of addresses and URLs: every spelling of the
// metadata and loopback addresses, schemes other than http(s), and where credentials may travel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addressZone,
  isLoopbackHost,
  mayCarryCredentials,
  socketLookupWithin,
  urlRefusal,
} from '../../server/src/core/net/urlGuard';
import { sameCredentialHost } from '../../server/src/core/registry/dockerConfig';

test('address zones: IPv4, IPv6 and IPv4 embedded in IPv6 in every spelling', () => {
  const table: [string, string][] = [
    ['93.184.216.34', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.1.2', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['169.254.169.254', 'link-local'],
    ['100.100.100.200', 'link-local'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::', 'unspecified'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['[::ffff:a9fe:a9fe]', 'link-local'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['0:0:0:0:0:ffff:7f00:1', 'loopback'],
    ['::ffff:0:a9fe:a9fe', 'link-local'],
    ['::a9fe:a9fe', 'link-local'],
    ['::7f00:1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['64:ff9b::5db8:d822', 'public'],
    ['::ffff:5db8:d822', 'public'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fd00:ec2::254', 'link-local'],
    ['fd12:3456::1', 'private'],
    ['ff02::1', 'multicast'],
    ['2606:4700::1111', 'public'],
    ['1:2:3', 'reserved'],
  ];
  for (const [ip, zone] of table) assert.equal(addressZone(ip), zone, ip);
});

test('loopback by spelling alone: never a name that only starts like one', () => {
  for (const h of ['localhost', 'a.localhost', '127.0.0.1', '127.9.9.9', '[::1]', '[::ffff:7f00:1]'])
    assert.ok(isLoopbackHost(h), h);
  for (const h of ['127.evil.example', 'localhost.evil.example', '[::ffff:a9fe:a9fe]', '10.0.0.1', 'example.com'])
    assert.ok(!isLoopbackHost(h), h);
});

test('credentials travel over https, or over plain http to this machine only', () => {
  const yes = ['https://index.docker.io/v2/', 'https://10.0.0.5/token', 'http://127.0.0.1:5000/v2/', 'http://[::1]/'];
  const no = ['http://index.docker.io/v2/', 'http://127.evil.example/', 'http://10.0.0.5/', 'ftp://127.0.0.1/'];
  for (const u of yes) assert.ok(mayCarryCredentials(new URL(u)), u);
  for (const u of no) assert.ok(!mayCarryCredentials(new URL(u)), u);
});

test("a mirror named like the registry it mirrors shares that registry's login", () => {
  assert.ok(sameCredentialHost('docker.io', 'index.docker.io'));
  assert.ok(sameCredentialHost('docker.io', 'registry-1.docker.io'));
  assert.ok(sameCredentialHost('ghcr.io', 'ghcr.io'));
  assert.ok(!sameCredentialHost('docker.io', 'mirror.example'));
  assert.ok(!sameCredentialHost('docker.io', '127.0.0.1:5000'));
});

test('the guard: schemes, metadata, mapped addresses, and loopback only from loopback', async () => {
  const names: Record<string, string[]> = {
    'registry.example': ['93.184.216.34'],
    'corp.example': ['10.0.0.5'],
    'rebind.example': ['169.254.169.254'],
    'mapped.example': ['::ffff:a9fe:a9fe'],
  };
  const lookup = async (h: string) => names[h] ?? [];
  const pub = new URL('https://registry.example/v2/');
  const corp = new URL('https://corp.example/v2/');
  const local = new URL('http://127.0.0.1:5000/v2/');
  // [url, derived from (none: configured by the user), refused?]
  const table: [string, URL | undefined, RegExp | undefined][] = [
    ['file:///etc/passwd', pub, /file:/],
    ['file:///etc/passwd', undefined, /file:/],
    ['gopher://registry.example/', local, /gopher:/],
    ['http://169.254.169.254/latest/meta-data/', local, /link-local/],
    ['http://[::ffff:a9fe:a9fe]/', local, /link-local/],
    ['http://[::ffff:169.254.169.254]/', pub, /link-local/],
    ['http://[::ffff:a9fe:a9fe]/', undefined, /link-local/],
    ['http://0.0.0.0:5000/', local, /unspecified/],
    ['http://[::]:5000/', undefined, /unspecified/],
    ['http://metadata.google.internal/', local, /metadata/],
    ['http://rebind.example/', pub, /link-local/],
    ['http://mapped.example/', pub, /link-local/],
    ['http://[::ffff:7f00:1]:5001/token', pub, /loopback/],
    ['http://127.0.0.1:2375/', pub, /loopback/],
    ['http://localhost:2375/', corp, /loopback/],
    ['https://corp.example/token', pub, /private/],
    // the user's own registry or mirror on this machine or their network, and what it sends onwards
    ['http://127.0.0.1:5000/v2/', undefined, undefined],
    ['http://[::ffff:7f00:1]:5000/v2/', undefined, undefined],
    ['http://127.0.0.1:5001/token', local, undefined],
    ['http://[::ffff:7f00:1]:5001/token', local, undefined],
    ['https://corp.example/token', local, undefined],
    ['https://corp.example/blob', corp, undefined],
    ['https://auth.docker.io/token', pub, undefined],
  ];
  for (const [url, from, refused] of table) {
    const why = await urlRefusal(new URL(url), { what: 'a token realm', from, lookup });
    if (refused) assert.match(why ?? '(followed)', refused, `${url} from ${from?.host ?? 'configuration'}`);
    else assert.equal(why, undefined, `${url} from ${from?.host ?? 'configuration'}`);
  }
});

type Lookup = (host: string, o: object, cb: (err: Error | null, address: unknown) => void) => void;

test('at connect time a name may not lead further in than its origin (no change of answer after the check)', async () => {
  const connectTo = (reach: number) =>
    new Promise<string>((resolve) =>
      (socketLookupWithin(reach) as Lookup)('localhost', {}, (err, address) =>
        resolve(err ? `refused: ${err.message}` : String(address)),
      ),
    );
  assert.match(await connectTo(2), /^(127\.0\.0\.1|::1)$/);
  assert.match(await connectTo(0), /^refused: localhost resolves to .*, where this request may not go/);
});
