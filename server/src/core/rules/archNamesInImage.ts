// Architecture names inside an image name (`agnhost:2.25-linux-amd64`, `arm64v8/debian`): the name a
// BASEIMAGE line for the target gets by the other lines' pattern, and the names that do not belong there.
import { ARCHES, ArchInfo } from '../platform';

const SEP = '(?<![A-Za-z0-9])';
const END = '(?![A-Za-z0-9])';

/** Each name of an architecture with the target's name in the same naming. */
function renames(from: ArchInfo, to: ArchInfo): Map<string, string> {
  const m = new Map<string, string>();
  for (const a of from.aliases) if (!a.includes('/')) m.set(a, to.uname);
  m.set(from.uname, to.uname);
  if (from.debian) m.set(from.debian, to.debian ?? to.oci);
  if (from.official) m.set(from.official, to.official ?? to.oci);
  m.set(from.oci, to.oci);
  return m;
}

function replaceNames(image: string, names: Map<string, string>): string {
  const words = [...names.keys()].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.-]/g, '\\$&'));
  return image.replace(new RegExp(`${SEP}(?:${words.join('|')})${END}`, 'g'), (w) => names.get(w) ?? w);
}

/** The image for the target in the pattern of a line for `from` (`…-linux-amd64` -> `…-linux-mips64le`). */
export function imageForTarget(image: string, from: ArchInfo | undefined, to: ArchInfo): string {
  return from ? replaceNames(image, renames(from, to)) : image;
}

/** The first name of another architecture in an image name, with the target's name in its naming. */
export function otherArchInImage(
  image: string,
  target: ArchInfo,
): { index: number; name: string; arch: ArchInfo; replacement: string } | undefined {
  const own = new Set([target.oci, target.uname, target.debian, target.official, ...target.aliases]);
  let best: { index: number; name: string; arch: ArchInfo; replacement: string } | undefined;
  for (const a of ARCHES) {
    if (a === target) continue;
    for (const [name, replacement] of renames(a, target)) {
      // `arm` alone is too common a word in names to count
      if (own.has(name) || name === 'arm' || name === 'x86') continue;
      const m = new RegExp(`${SEP}${name.replace(/[.-]/g, '\\$&')}${END}`).exec(image);
      if (m && (!best || m.index < best.index)) best = { index: m.index, name, arch: a, replacement };
    }
  }
  return best;
}
