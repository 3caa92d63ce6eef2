// Which package manager a base image brings: decides whether swapping the base must also port the
// stage's package commands.
import { namesDebianOrUbuntuRelease, RPM_DISTROS } from '../distroReleases';
import { ImageRef, officialImageName } from '../imageRef';

export type Family = 'apk' | 'rpm' | 'apt' | 'none' | 'unknown';

const RPM = new Set(RPM_DISTROS);

export function familyOf(ref: ImageRef): Family {
  const name = officialImageName(ref) ?? ref.repository.split('/').pop() ?? '';
  const tag = ref.tag ?? '';
  if (name === 'alpine' || /(^|-)alpine/.test(tag)) return 'apk';
  if (RPM.has(name) || /^ubi\d*(-minimal|-micro)?$/.test(name)) return 'rpm';
  if (name === 'busybox' || name === 'scratch' || /distroless/.test(ref.repository)) return 'none';
  if (name === 'debian' || name === 'ubuntu' || namesDebianOrUbuntuRelease(tag) || /debian/.test(name)) return 'apt';
  // most official images' default variants are Debian-based
  if (officialImageName(ref)) return 'apt';
  return 'unknown';
}

/** Debian or Ubuntu for certain (by name or codename), not merely "official, so probably Debian":
 *  official images such as docker, traefik or caddy are Alpine-based under plain tags. */
export function isSurelyApt(ref: ImageRef): boolean {
  const name = officialImageName(ref) ?? ref.repository.split('/').pop() ?? '';
  if (familyOf(ref) !== 'apt') return false;
  return (
    name === 'debian' || name === 'ubuntu' || /debian|ubuntu/.test(name) || namesDebianOrUbuntuRelease(ref.tag ?? '')
  );
}
