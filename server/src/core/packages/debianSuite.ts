// The Debian suite an image is built on, when its name or tag says so (`debian:bookworm-…-slim`,
// `python:3.11-bookworm`, `debian:12.5`): the suite whose package index its apt-get sees.
import { debianReleaseIn, DEBIAN_RELEASES } from '../distroReleases';
import { ImageRef, officialImageName } from '../imageRef';

export function debianSuiteOf(ref: ImageRef): string | undefined {
  const tag = ref.tag ?? '';
  const byName = debianReleaseIn(tag) ?? debianReleaseIn(ref.repository.split('/').pop() ?? '');
  if (byName) return byName.codename;
  if (officialImageName(ref) === 'debian') {
    const major = /^(\d+)(\.|-|$)/.exec(tag)?.[1];
    return DEBIAN_RELEASES.find((r) => r.version === Number(major))?.codename;
  }
  return undefined;
}
