// Images whose name spells one architecture (`debian-base-amd64`, `busybox-linux-amd64`, Docker Hub's
// per-arch namespaces such as `amd64/busybox`): they hold that architecture only, so for any other target
// they are missing by name, and the multi-arch or the target's own name is what to try.
import { formatRef, ImageRef } from '../imageRef';
import { formatPlatform, parsePlatform, Platform } from '../platform';
import { Verdict } from '../types';

const SUFFIX =
  /^(.*?)[-_](?:linux[-_])?(amd64|x86_64|arm64|aarch64|arm64v8|armhf|arm32v7|arm|ppc64le|s390x|i386|386|riscv64|mips64le|mips64el|loong64)$/;
const HUB_NAMESPACES = new Set([
  'amd64',
  'arm32v5',
  'arm32v6',
  'arm32v7',
  'arm64v8',
  'i386',
  'ppc64le',
  's390x',
  'mips64le',
  'riscv64',
]);

/** The architecture a name's word spells, by the platform module's own table of spellings. */
function archOf(word: string): string | undefined {
  const p = parsePlatform(word);
  return p.ok ? p.platform.arch.oci : undefined;
}

function targetWord(target: Platform): string {
  return target.arch.oci === 'arm' ? 'arm' : target.arch.oci;
}

export function archInNameVerdict(ref: ImageRef, target: Platform): Verdict | undefined {
  const parts = ref.repository.split('/');
  const last = parts[parts.length - 1];
  const t = formatPlatform(target);
  const m = SUFFIX.exec(last);
  if (m && archOf(m[2]) && archOf(m[2]) !== target.arch.oci) {
    const base = [...parts.slice(0, -1), m[1]].join('/');
    const multi: ImageRef = { ...ref, repository: base, digest: undefined };
    const own: ImageRef = { ...ref, repository: `${base}-${targetWord(target)}`, digest: undefined };
    return {
      status: 'missing',
      source: 'knowledge-base',
      suggestions: [
        {
          image: formatRef(multi),
          reason: `the multi-arch name, if the project publishes one (it serves each platform under one name)`,
        },
        {
          image: formatRef(own),
          reason: `the ${target.arch.oci} build under the same naming scheme, if the project publishes one`,
        },
      ],
      reason: `The name ends in -${m[2]}: an image named for one architecture holds ${m[2]} only, not ${t}.`,
    };
  }
  if (
    ref.registry === 'docker.io' &&
    parts.length === 2 &&
    HUB_NAMESPACES.has(parts[0]) &&
    archOf(parts[0]) !== target.arch.oci
  ) {
    const library: ImageRef = { ...ref, repository: `library/${last}`, digest: undefined };
    return {
      status: 'missing',
      source: 'knowledge-base',
      suggestions: [
        { image: formatRef(library), reason: 'the official multi-arch image these per-architecture builds belong to' },
      ],
      reason: `${parts[0]}/ is Docker Hub's namespace of ${parts[0]} builds of the official images: it holds ${parts[0]} only, not ${t}.`,
    };
  }
  return undefined;
}
