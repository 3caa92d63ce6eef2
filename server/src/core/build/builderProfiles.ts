// One description per way of building: the argv of each step the plan makes, and what the builder can
// do (named contexts, BuildKit's platform args). The plan reads the description; it has no builder branches.
import { Builder } from './builders';

export interface BuilderProfile {
  /** How it builds, for notes and logs (`docker buildx (BuildKit)`). */
  label: string;
  /** The build command up to the common flags (platform, tag, file, build args). */
  build: string[];
  /** Flags after the common ones, before `--` and the context. */
  buildTail: string[];
  env?: Record<string, string>;
  /** A FROM image this workspace built is given as a named context; else it is tagged locally first. */
  namedContexts: boolean;
  /** The classic builder: no $BUILDPLATFORM or TARGET* args (they are passed as build args). */
  classic: boolean;
  /** The CLI that tags, runs and starts the result (buildah's images are podman's). */
  runner: string;
  tag(from: string, to: string): string[];
  inspect(tag: string): string[];
  push(tag: string): string[];
}

const FORMAT = '{{.Os}}/{{.Architecture}}{{if .Variant}}/{{.Variant}}{{end}}';

/** What docker and podman share: `image inspect`, `push`, `tag`. */
function engine(cli: 'docker' | 'podman'): Pick<BuilderProfile, 'runner' | 'tag' | 'inspect' | 'push'> {
  return {
    runner: cli,
    tag: (from, to) => [cli, 'tag', '--', from, to],
    inspect: (tag) => [cli, 'image', 'inspect', '--format', FORMAT, '--', tag],
    push: (tag) => [cli, 'push', '--', tag],
  };
}

export type ProfileId = 'buildx' | 'buildkit' | 'classic' | 'podman' | 'buildah';

export const BUILDER_PROFILES: Record<ProfileId, BuilderProfile> = {
  buildx: {
    label: 'docker buildx (BuildKit)',
    build: ['docker', 'buildx', 'build'],
    buildTail: ['--load', '--progress', 'plain'],
    namedContexts: true,
    classic: false,
    ...engine('docker'),
  },
  // a docker CLI before 23.0 runs BuildKit itself: $BUILDPLATFORM stages run natively
  buildkit: {
    label: 'docker build with BuildKit (DOCKER_BUILDKIT=1)',
    build: ['docker', 'build'],
    buildTail: ['--progress', 'plain'],
    env: { DOCKER_BUILDKIT: '1' },
    namedContexts: false,
    classic: false,
    ...engine('docker'),
  },
  // newer docker CLIs need BuildKit off explicitly when buildx is absent
  classic: {
    label: 'the classic docker builder',
    build: ['docker', 'build', '--force-rm'],
    buildTail: [],
    env: { DOCKER_BUILDKIT: '0' },
    namedContexts: false,
    classic: true,
    ...engine('docker'),
  },
  podman: {
    label: 'podman',
    build: ['podman', 'build'],
    buildTail: [],
    namedContexts: false,
    classic: false,
    ...engine('podman'),
  },
  buildah: {
    label: 'buildah',
    build: ['buildah', 'bud'],
    buildTail: [],
    namedContexts: false,
    classic: false,
    ...engine('podman'),
    tag: (from, to) => ['buildah', 'tag', '--', from, to],
    inspect: (tag) => [
      'buildah',
      'inspect',
      '--type',
      'image',
      '--format',
      '{{.OCIv1.OS}}/{{.OCIv1.Architecture}}',
      '--',
      tag,
    ],
    push: (tag) => ['buildah', 'push', '--', tag],
  },
};

export function profileId(b: Builder): ProfileId {
  if (b.kind !== 'docker') return b.kind;
  if (b.buildx) return 'buildx';
  return b.buildkit ? 'buildkit' : 'classic';
}

export function builderProfile(b: Builder): BuilderProfile {
  return BUILDER_PROFILES[profileId(b)];
}
