import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseImageRef, ImageRef } from '../../server/src/core/imageRef';
import { defaultKnowledge } from '../../server/src/core/availability/knowledgeSources';
import { knowledgeVerdict, otherImageVerdict } from '../../server/src/core/availability/knowledgeVerdict';
import { loadOtherImages } from '../../server/src/core/availability/otherImages';
import { loadOfficialImagesKb } from '../../server/src/core/availability/officialImages';
import { platform } from '../helpers/engine';

const kb = defaultKnowledge();
const mips = platform('linux/mips64le');
const ref = (s: string): ImageRef => {
  const r = parseImageRef(s);
  if (!r.ok) throw new Error(r.error);
  return r.ref;
};
const verdict = (s: string, p = mips) => knowledgeVerdict(ref(s), p, kb);

test('the knowledge base loads and knows the official images (load time: bench/)', () => {
  const fresh = loadOfficialImagesKb(require.resolve('../../../server/data/official-images.json'));
  assert.ok(fresh.imageNames.includes('debian'));
  assert.ok(fresh.imageNames.length > 100);
});

test('a moving tag rebuilt without mips64le is missing, saying when it was dropped', () => {
  const v = verdict('debian:bookworm-slim');
  assert.equal(v.status, 'missing');
  assert.equal(v.source, 'knowledge-base');
  assert.match(v.reason, /2026-08-04/);
  assert.match(v.reason, /rebuilt without mips64le/);
});

test('a dated tag unlisted while it had mips64le is available and frozen', () => {
  const v = verdict('debian:bookworm-20260713-slim');
  assert.equal(v.status, 'available');
  assert.equal(v.frozenSince, '2026-08-04');
  assert.match(v.reason, /frozen since 2026-08-04/);
  assert.ok(v.platforms?.includes('linux/mips64le'));
});

test('a frozen tag whose last build had lost mips64le is missing', () => {
  // busybox:1.36 was unlisted after mips64le had been dropped from it.
  const v = verdict('busybox:1.36');
  assert.equal(v.status, 'missing');
  assert.match(v.reason, /lost mips64le/);
});

test('images that never had mips64le are missing for every tag, even unseen ones', () => {
  for (const s of ['alpine:3.10', 'alpine', 'ubuntu:22.04', 'node:20', 'fedora:39', 'alpine:9.99-never-existed']) {
    const v = verdict(s);
    assert.equal(v.status, 'missing', s);
    assert.match(v.reason, /never been built for mips64le/, s);
  }
});

test('alpine-based variants of images that had mips64le are missing', () => {
  const v = verdict('nginx:1.24-alpine');
  assert.equal(v.status, 'missing');
  assert.match(v.reason, /Alpine/);
});

test('a tag listed once, never with mips64le, and listed no more is missing, with the date of its last listing', () => {
  const busybox = verdict('busybox:1.29');
  assert.equal(busybox.status, 'missing');
  assert.match(busybox.reason, /busybox:1\.29 was last listed on 2019-01-01, never with mips64le/);
  assert.ok(busybox.platforms?.includes('linux/s390x') && !busybox.platforms.includes('linux/mips64le'));
  const php = verdict('php:5-apache');
  assert.equal(php.status, 'missing');
  assert.match(php.reason, /last listed on 2019-02-04/);
  // the same fact answers other targets: that build had s390x, frozen since its last listing
  const s390x = verdict('busybox:1.29', platform('linux/s390x'));
  assert.equal(s390x.status, 'available');
  assert.equal(s390x.frozenSince, '2019-01-01');
});

test('a tag in neither history was never an official tag: said so, missing where no listed tag has the arch', () => {
  const v = verdict('perl:5.26.999-nonesuch');
  assert.equal(v.status, 'missing');
  assert.match(v.reason, /was never an official tag/);
  const riscv = verdict('perl:5.26.999-nonesuch', platform('linux/riscv64'));
  assert.equal(riscv.status, 'unknown');
  assert.match(riscv.reason, /never an official tag.*only the registry can tell/);
});

test('an image that is not official is unknown, not an error', () => {
  assert.equal(verdict('no-such-official-image:1').status, 'unknown');
  assert.equal(verdict('quay.io/someone/thing:1').status, 'unknown');
});

test('the hand-kept table answers for Kubernetes images, naming its source', () => {
  const agnhost = verdict('registry.k8s.io/e2e-test-images/agnhost:2.47');
  assert.equal(agnhost.status, 'missing');
  assert.match(agnhost.reason, /image-util\.sh/);
  const coredns = verdict('registry.k8s.io/coredns/coredns:v1.11.1');
  assert.equal(coredns.status, 'available');
  assert.equal(verdict('registry.k8s.io/pause:3.9', platform('linux/arm64')).status, 'available');
});

test('the same tag on another target uses that target', () => {
  assert.equal(verdict('debian:bookworm-slim', platform('linux/arm64')).status, 'available');
  assert.equal(verdict('alpine:latest', platform('linux/riscv64')).status, 'available');
  assert.equal(verdict('debian:bookworm-slim', platform('linux/loong64')).status, 'missing');
});

test('digest-only references of images with the arch are unknown offline', () => {
  const v = verdict('debian@sha256:' + 'b'.repeat(64));
  assert.equal(v.status, 'unknown');
  assert.match(v.reason, /digest/);
});

test('missing images come with replacements the data supports', () => {
  const alpine = verdict('alpine:3.10');
  assert.ok(alpine.suggestions.length >= 1);
  const deb = alpine.suggestions.find((s) => s.image.startsWith('docker.io/library/debian:'));
  assert.ok(deb, 'alpine -> debian');
  assert.match(deb.image, /debian:bookworm-\d{8}-slim$/);
  // and the suggestion itself is available
  assert.equal(verdict(deb.image).status, 'available');

  const bookworm = verdict('debian:bookworm-slim');
  assert.equal(bookworm.suggestions[0].image, 'docker.io/library/debian:bookworm-20260713-slim');

  const nginx = verdict('nginx:1.24-alpine');
  assert.equal(nginx.suggestions[0].image, 'docker.io/library/nginx:1.24');
  for (const s of nginx.suggestions) assert.equal(verdict(s.image).status, 'available', s.image);
  assert.match(nginx.suggestions[0].reason, /same version 1\.24/);
});

test('replacements keep the flavour of the tag', () => {
  const v = verdict('php:7.4-fpm-alpine');
  assert.equal(v.status, 'missing');
  assert.ok(v.suggestions.length > 0);
  for (const s of v.suggestions) assert.match(s.image, /fpm/, s.image);
});

test('replacements come closest first: same version line, then the nearest versions, each saying why', () => {
  const redis = verdict('redis:7.2').suggestions;
  assert.match(redis[0].image, /redis:7\.2\.\d+$/);
  assert.match(redis[0].reason, /same version line/);
  assert.match(redis[1].reason, /nearest (newer|older) version/);
  // python 3.13 never had mips64le, nor 3.11/3.12: the nearest minor that did comes first, not 3.9
  const py = verdict('python:3.13-slim').suggestions;
  assert.match(py[0].image, /python:3\.10[.\d]*-slim/);
  // across a major version the next release down is its newest line (12.14), not 12.1
  const deb131 = verdict('debian:13.1-slim').suggestions.map((s) => s.image);
  assert.ok(
    deb131.every((i) => !/debian:(13|trixie)/.test(i)),
    deb131.join(' '),
  );
  assert.ok(
    deb131.some((i) => /debian:12\.14-slim$/.test(i)),
    deb131.join(' '),
  );
});

test('Debian 13 has no mips64el port: said so, bookworm suggested, never a pre-release trixie snapshot', () => {
  for (const tag of ['trixie', 'trixie-slim', '13', 'trixie-20250428']) {
    const v = verdict(`debian:${tag}`);
    assert.equal(v.status, tag === 'trixie-20250428' ? 'available' : 'missing', tag);
    if (v.status === 'available') continue; // that snapshot's frozen build did have mips64le
    assert.match(v.reason, /Debian 13 \(trixie\) has no mips64el port/);
    assert.match(v.suggestions[0].image, /debian:bookworm-\d{8}/);
    assert.ok(
      v.suggestions.every((s) => !/trixie|:13/.test(s.image)),
      v.suggestions.map((s) => s.image).join(' '),
    );
  }
  assert.ok(verdict('python:3.12-trixie').suggestions.every((s) => !/trixie/.test(s.image)));
});

test('every hand-kept fact about a non-official image is worded from its own row, with its source', () => {
  const rows = loadOtherImages();
  assert.ok(rows.length > 3);
  for (const row of rows) {
    assert.ok(row.source.length > 10, 'each row names its source');
    const name = row.repositories?.[0] ?? `${row.prefixes?.[0]}some-image`;
    for (const p of row.platforms) {
      const v = otherImageVerdict(name, row, platform(p));
      assert.equal(v.status, 'available', `${name} ${p}`);
      assert.ok(v.reason.includes(row.source));
    }
    for (const p of row.sometimes ?? [])
      assert.equal(otherImageVerdict(name, row, platform(p)).status, 'unknown', `${name} ${p}`);
    const never = ['linux/mips64le', 'linux/loong64', 'linux/386'].find(
      (p) => ![...row.platforms, ...(row.sometimes ?? [])].includes(p),
    )!;
    const v = otherImageVerdict(name, row, platform(never));
    assert.equal(v.status, 'missing');
    assert.ok(
      v.reason.includes(`only for ${[...row.platforms, ...(row.sometimes ?? [])].join(', ')} (${row.source})`),
      v.reason,
    );
  }
  // what the table once got wrong: etcd's Makefile builds arm; e2e images are not all built for five arches
  assert.equal(verdict('registry.k8s.io/etcd:3.5.12-0', platform('linux/arm')).status, 'available');
  assert.equal(verdict('registry.k8s.io/e2e-test-images/agnhost:2.47', platform('linux/arm64')).status, 'unknown');
  assert.equal(verdict('registry.k8s.io/sig-storage/nfs-provisioner:v4.0.8').status, 'unknown');
});

test('every target reads a tag’s architectures at its last listing: frozen official tags on arm64, riscv64', () => {
  const arm64 = platform('linux/arm64');
  for (const s of ['nginx:1.24', 'golang:1.21', 'debian:bookworm-20260713-slim']) {
    const v = verdict(s, arm64);
    assert.equal(v.status, 'available', `${s}: ${v.reason}`);
    assert.ok(v.frozenSince, s);
    assert.doesNotMatch(v.reason, /never an official tag/);
  }
  // nginx's Debian-based 1.24 was last built without riscv64: missing, with the architectures it had
  const riscv = verdict('nginx:1.24', platform('linux/riscv64'));
  assert.equal(riscv.status, 'missing');
  assert.match(riscv.reason, /unlisted on 2024-04-23; its frozen build has no riscv64 \(amd64, .*mips64le/);
  assert.doesNotMatch(riscv.reason, /never an official tag/);
  assert.equal(verdict('golang:1.21', platform('linux/riscv64')).status, 'missing');
});

test('loong64: no official image is built for it, so every official tag is missing there', () => {
  const loong = platform('linux/loong64');
  for (const s of ['nginx:1.24', 'golang:1.21', 'debian:bookworm', 'alpine:3.19']) {
    const v = verdict(s, loong);
    assert.equal(v.status, 'missing', s);
    assert.match(v.reason, /No official image is built for linux\/loong64/);
  }
});

test('a Debian-based tag is never offered an Alpine variant (its stage uses apt-get)', () => {
  const riscv = platform('linux/riscv64');
  const v = verdict('redis:5.0.5', riscv);
  assert.equal(v.status, 'missing');
  assert.ok(v.suggestions.length > 0);
  for (const s of v.suggestions) assert.doesNotMatch(s.image, /alpine/, s.image);
  // an Alpine tag may still get an Alpine one
  assert.ok(verdict('redis:5.0.5-alpine', riscv).suggestions.some((s) => /alpine/.test(s.image)));
});
