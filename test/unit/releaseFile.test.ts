// InRelease's signed text as apt reads it: the suite it names, Valid-Until, and the SHA256 of each index.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRelease, releaseProblem } from '../../server/src/core/packages/releaseFile';
import { debianKeyrings, verifyInRelease } from '../../server/src/core/packages/releaseSignature';

const TEXT = `Origin: Debian
Suite: oldstable
Codename: bookworm
Date: Sat, 11 Jul 2026 10:16:37 UTC
Valid-Until: Sat, 18 Jul 2026 10:16:37 UTC
MD5Sum:
 141a971aa18f2eb025f439621c57e332 11693752 main/binary-mips64el/Packages.gz
SHA256:
 e414d9688df82f6659167cd62104220092d873b0a704772bbb972bd276c0f916 11693752 main/binary-mips64el/Packages.gz
 a578e2f817f95ed193ae17976e8b49bd4bc8dc378dd9ad874f46c6029bb15421 48359251 main/binary-mips64el/Packages
 not-a-sum 12 main/x
`;

test('InRelease: suite, codename, Valid-Until and the SHA256 section only', () => {
  const r = parseRelease(TEXT);
  assert.equal(r.codename, 'bookworm');
  assert.equal(r.suite, 'oldstable');
  assert.equal(r.validUntil?.toISOString(), '2026-07-18T10:16:37.000Z');
  assert.deepEqual([...r.sha256.keys()], ['main/binary-mips64el/Packages.gz', 'main/binary-mips64el/Packages']);
  assert.deepEqual(r.sha256.get('main/binary-mips64el/Packages.gz'), {
    sha256: 'e414d9688df82f6659167cd62104220092d873b0a704772bbb972bd276c0f916',
    size: 11693752,
  });
  const during = new Date('2026-07-12T00:00:00Z');
  assert.equal(releaseProblem(r, 'bookworm', during), undefined);
  assert.equal(releaseProblem(r, 'oldstable', during), undefined);
  assert.match(releaseProblem(r, 'trixie', during) ?? '', /for bookworm, not trixie/);
  assert.match(releaseProblem(r, 'bookworm', new Date('2026-08-01T00:00:00Z')) ?? '', /expired on 2026-07-18/);
  assert.match(releaseProblem(parseRelease('Codename: bookworm\n'), 'bookworm') ?? '', /no SHA256/);
});

test('without gpgv, InRelease is not taken on trust: the check fails and says what to install', async () => {
  const path = process.env.PATH;
  process.env.PATH = '';
  try {
    const v = await verifyInRelease(Buffer.from(TEXT), debianKeyrings());
    assert.deepEqual(v, { ok: false, why: 'gpgv is not installed (apt-get install gpgv debian-archive-keyring)' });
  } finally {
    process.env.PATH = path;
  }
  // an unsigned text is refused by gpgv itself
  const unsigned = await verifyInRelease(Buffer.from(TEXT), debianKeyrings());
  assert.equal(unsigned.ok, false);
});
