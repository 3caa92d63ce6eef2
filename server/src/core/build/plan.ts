// The build plan: pure data (argv lists, never shell strings) that the editor task and the CLI execute.
import { ParsedDocument } from '../documents/parsedDocument';
import path from 'node:path';
import crypto from 'node:crypto';
import os from 'node:os';
import { baseimageFileFor, siblingFileArgs } from '../documents/siblingFiles';
import { prepareLegacyDockerfile } from './legacyDockerfile';
import { DOCUMENT_CAP_BYTES, readTextFile } from '../fs/readText';
import { analyseDockerfile } from '../documents/dockerfile';
import { ImageUse } from '../types';
import { formatPlatform, officialArchName, Platform } from '../platform';
import { Builder } from './builders';
import { BuilderProfile, builderProfile } from './builderProfiles';
import { StageRun, stageRuns } from './stagePlatforms';
import { classicPlatformArgs } from './classicPlatform';
import { parseImageRef } from '../imageRef';

/** A plan that must not be made (an invalid tag): the CLI turns it into a usage error. */
export class PlanError extends Error {}

export const DEFAULT_TAG_TEMPLATE = '{name}:{tag}-{arch}';

export interface PlanInput {
  dockerfile: string;
  /** Build context; default: the Dockerfile's folder. */
  context?: string;
  target: Platform;
  builder: Builder;
  /** Explicit tag; else the template. */
  tag?: string;
  tagTemplate?: string;
  /** Registry (and path) prefix for template tags that name no registry (`registry.example.com/cke`). */
  registry?: string;
  buildArgs?: Record<string, string>;
  push?: boolean;
  /** Command run in the result to prove its arch; false to skip (and the start check too). Default `uname -m`. */
  smoke?: string[] | false;
  /** Seconds the image runs with its own ENTRYPOINT/CMD before it is judged; 0 to skip. Default 5. */
  startSeconds?: number;
  /** FROM images this workspace built for the target: name as written -> the tag it was built as. */
  baseImages?: Record<string, string>;
}

export type StepId = 'base' | 'build' | 'inspect' | 'smoke' | 'start' | 'push';

export interface BuildStep {
  id: StepId;
  title: string;
  argv: string[];
  env?: Record<string, string>;
  /** What the step must print (inspect: os/arch, smoke: uname -m). */
  expect?: string;
  /** How the step's result is named in the summary (`uname -m`). */
  label?: string;
  /** start: how long the image runs before it is judged. */
  seconds?: number;
}

export interface BuildPlan {
  dockerfile: string;
  context: string;
  platform: string;
  tag: string;
  name: string;
  version: string;
  buildArgs: Record<string, string>;
  /** Build args the FROM lines need that have no value yet (the editor asks, the CLI refuses). */
  unresolved: string[];
  steps: BuildStep[];
  notes: string[];
  /** The Dockerfile's image uses with these build args (the workspace graph's edges come from them). */
  uses: ImageUse[];
  /** An older Kubernetes template Dockerfile made buildable; the runner writes it to `path`. */
  prepared?: { path: string; text: string; inserted?: { at: number; count: number } };
  /** FROM images built by this workspace, as given in the input. */
  baseImages?: Record<string, string>;
  /** How the builder builds (`docker build with BuildKit (DOCKER_BUILDKIT=1)`). */
  builder: string;
  /** Per stage: native on the build machine or under QEMU as the target. */
  stages: StageRun[];
}

/** Image name from the Dockerfile's place: `test/images/agnhost/Dockerfile` -> `agnhost`. */
export function imageName(dockerfile: string): string {
  const base = path.basename(dockerfile);
  const m = /^(.+)\.(dockerfile|containerfile)$/i.exec(base) ?? /^(?:dockerfile|containerfile)\.(.+)$/i.exec(base);
  const raw = m ? m[1] : path.basename(path.dirname(path.resolve(dockerfile)));
  return (
    raw
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[._-]+|[._-]+$/g, '') || 'image'
  );
}

export function applyTemplate(template: string, v: { name: string; tag: string; target: Platform }): string {
  return template
    .replace(/\{name\}/g, v.name)
    .replace(/\{tag\}/g, v.tag)
    .replace(/\{arch\}/g, v.target.arch.oci)
    .replace(/\{debianArch\}/g, v.target.arch.debian ?? v.target.arch.oci)
    .replace(/\{os\}/g, v.target.os);
}

/** The tag the plan builds: `--tag`, else the template over the Dockerfile's name and VERSION file. */
function planTag(input: PlanInput, name: string, version: string): string {
  const templated = applyTemplate(input.tagTemplate || DEFAULT_TAG_TEMPLATE, {
    name,
    tag: version,
    target: input.target,
  });
  const tag = input.tag ?? withRegistry(templated, input.registry);
  // a tag is checked against the reference grammar before it goes into any argv (`--tag=--privileged`)
  const valid = parseImageRef(tag);
  if (!valid.ok) throw new PlanError(`the image tag "${tag}" is not a valid reference: ${valid.error}`);
  return tag;
}

/** The Dockerfile the builder is given: the user's, or a prepared copy (an image-util.sh template, or
 *  the classic builder's platform args) written to a temp folder by the runner. */
function preparedFile(o: {
  dockerfile: string;
  text: string;
  target: Platform;
  profile: BuilderProfile;
  buildArgs: Record<string, string>;
  /** Where what was changed is said. */
  notes: string[];
}) {
  const { dockerfile, text, target, profile, buildArgs, notes } = o;
  const legacy = prepareLegacyDockerfile(text, buildArgs.BASEIMAGE, officialArchName(target) ?? target.arch.oci);
  if (legacy)
    notes.push(
      `${path.basename(dockerfile)} is an image-util.sh template; building a prepared copy: ${legacy.changes.join('; ')}`,
    );
  // the classic builder knows neither $BUILDPLATFORM nor the TARGET* args: they are passed as build args
  const platformArgs = profile.classic ? classicPlatformArgs(legacy?.text ?? text, target, buildArgs) : undefined;
  if (platformArgs?.names.length)
    notes.push(
      `the classic builder has no BuildKit platform args and runs every stage as the target: passing ${platformArgs.names.join(', ')} for ${formatPlatform(target)}`,
    );
  const built = platformArgs?.text ?? legacy?.text;
  let prepared: BuildPlan['prepared'];
  if (built !== undefined) {
    // per process: a VS Code task and a CLI run may build the same template at once
    const id = crypto.createHash('sha256').update(dockerfile).update(built).digest('hex').slice(0, 12);
    prepared = {
      path: path.join(os.tmpdir(), `mips-port-dockerfile-${id}-${process.pid}`, path.basename(dockerfile)),
      text: built,
      ...(platformArgs?.inserted ? { inserted: platformArgs.inserted } : {}),
    };
    if (platformArgs?.text)
      notes.push('building a prepared copy that declares ARG BUILDPLATFORM before its first FROM');
  }
  return { prepared, stagesText: legacy?.text ?? text, platformValues: platformArgs?.values };
}

export function makePlan(input: PlanInput): BuildPlan {
  const dockerfile = path.resolve(input.dockerfile);
  const dir = path.dirname(dockerfile);
  const context = path.resolve(input.context ?? dir);
  const platform = formatPlatform(input.target);
  const name = imageName(dockerfile);
  const version = readTextFile(path.join(dir, 'VERSION'))?.split('\n')[0].trim() || 'latest';
  const tag = planTag(input, name, version);
  for (const k of Object.keys(input.buildArgs ?? {}))
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new PlanError(`"${k}" is not a build argument name`);
  const bases = Object.entries(input.baseImages ?? {});
  for (const [written] of bases)
    if (!parseImageRef(written).ok) throw new PlanError(`"${written}" is not an image reference`);
  const buildArgs: Record<string, string> = { ...(input.buildArgs ?? {}) };
  const notes: string[] = [];

  const fromFile = siblingFileArgs(dockerfile, input.target, readTextFile)?.BASEIMAGE;
  if (fromFile?.value !== undefined && buildArgs.BASEIMAGE === undefined) {
    buildArgs.BASEIMAGE = fromFile.value;
    notes.push(`BASEIMAGE=${fromFile.value} from ${baseimageFileFor(dockerfile)}`);
  }
  const text = readTextFile(dockerfile, DOCUMENT_CAP_BYTES) ?? '';
  const uses = analyseDockerfile(new ParsedDocument(text, 'dockerfile'), { target: input.target, buildArgs }).uses;
  const profile = builderProfile(input.builder);
  const { prepared, stagesText, platformValues } = preparedFile({
    dockerfile,
    text,
    target: input.target,
    profile,
    buildArgs,
    notes,
  });
  const stages = stageRuns(stagesText, input.target, undefined, profile.classic);
  const unresolved = [...new Set(uses.flatMap((u) => u.unresolved))].filter((v) => buildArgs[v] === undefined);

  const argFlags = Object.entries({ ...buildArgs, ...platformValues }).flatMap(([k, v]) => [
    '--build-arg',
    `${k}=${v}`,
  ]);
  const steps: BuildStep[] = [];
  // builders without named contexts use a local image of the FROM's name, so it is tagged so first
  if (!profile.namedContexts)
    for (const [w, t] of bases) {
      steps.push({ id: 'base', title: `Tag ${t} as ${w} (the base this workspace built)`, argv: profile.tag(t, w) });
      notes.push(`FROM ${w} is built here: tagged ${t} as ${w} locally for this build`);
    }
  // a named context stands in for the FROM image: nothing local is renamed
  const named = profile.namedContexts ? bases.flatMap(([w, t]) => ['--build-context', `${w}=docker-image://${t}`]) : [];
  // what every builder is told: platform, tag, file and build args; then its own head and tail, and a
  // `--` before every positional so no name or path is ever read as an option
  const common = ['--platform', platform, '--tag', tag, '--file', prepared?.path ?? dockerfile, ...argFlags];
  steps.push({
    id: 'build',
    title: `Build ${tag} for ${platform}`,
    argv: [...profile.build, ...common, ...named, ...profile.buildTail, '--', context],
    ...(profile.env ? { env: profile.env } : {}),
  });
  steps.push({ id: 'inspect', title: `Check ${tag} is ${platform}`, argv: profile.inspect(tag), expect: platform });
  if (input.smoke !== false) steps.push(...checkSteps(input, profile.runner, tag, platform));
  if (input.push) steps.push({ id: 'push', title: `Push ${tag}`, argv: profile.push(tag) });
  return {
    dockerfile,
    context,
    platform,
    tag,
    name,
    version,
    buildArgs,
    unresolved,
    steps,
    notes,
    uses,
    ...(prepared ? { prepared } : {}),
    ...(bases.length ? { baseImages: input.baseImages } : {}),
    builder: profile.label,
    stages,
  };
}

/** The smoke run (`uname -m` by default) and the start check with the image's own ENTRYPOINT/CMD. */
function checkSteps(input: PlanInput, cli: string, tag: string, platform: string): BuildStep[] {
  const cmd = input.smoke || ['uname', '-m'];
  const expect = cmd.length === 2 && cmd[0] === 'uname' && cmd[1] === '-m' ? input.target.arch.uname : undefined;
  // --entrypoint: images with an ENTRYPOINT (dig, redis-server) would otherwise get cmd as arguments
  const steps: BuildStep[] = [
    {
      id: 'smoke',
      title: `Run ${cmd.join(' ')} in ${tag}`,
      argv: [cli, 'run', '--rm', '--platform', platform, '--entrypoint', cmd[0], '--', tag, ...cmd.slice(1)],
      expect,
      label: cmd.join(' '),
    },
  ];
  const seconds = input.startSeconds ?? 5;
  if (seconds > 0)
    steps.push({
      id: 'start',
      title: `Start ${tag} with its own ENTRYPOINT/CMD for ${seconds} s`,
      argv: [cli, 'run', '-d', '--platform', platform, '--', tag],
      seconds,
    });
  return steps;
}

/** `registry.example.com/cke/agnhost:2.47-mips64le` for `agnhost:2.47-mips64le`; a tag that names a registry stays. */
export function withRegistry(tag: string, registry: string | undefined): string {
  const prefix = registry?.trim().replace(/\/+$/, '');
  if (!prefix) return tag;
  const first = tag.split('/')[0];
  const namesRegistry = tag.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return namesRegistry ? tag : `${prefix}/${tag}`;
}
