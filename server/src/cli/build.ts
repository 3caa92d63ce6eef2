// `mips-port build`: the same plan the editor task runs, executed here with streamed output. A single
// build resolves the images of its workspace it builds on as `build --all` does, and builds those that
// are not there yet first.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Builder, BuilderError, detectBuilder } from '../core/build/builders';
import { BuildPlan, DEFAULT_TAG_TEMPLATE, makePlan, PlanInput } from '../core/build/plan';
import { planJson } from './planJson';
import { workspaceBuild, workspaceGraph } from '../core/build/workspace';
import { joinManifest } from '../core/build/joinManifest';
import { hasLocalImage } from '../core/build/localImage';
import { builderArg, keyValues, parseCommandArgs, UsageError } from './usage';
import { DEFAULT_PLATFORM, parsePlatform, Platform } from '../core/platform';
import { buildLog, out, rel } from './buildLog';
import { execute, Locate, requireEmulation, unresolvedError } from './buildRun';
import { buildAll } from './buildAll';

const OPTIONS = {
  context: { type: 'string' },
  platform: { type: 'string' },
  tag: { type: 'string' },
  'tag-template': { type: 'string' },
  builder: { type: 'string' },
  'build-arg': { type: 'string', multiple: true },
  push: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  all: { type: 'boolean' },
  'keep-going': { type: 'boolean' },
  bake: { type: 'string' },
  'no-smoke': { type: 'boolean' },
  smoke: { type: 'string' },
  'start-seconds': { type: 'string' },
  registry: { type: 'string' },
  'workspace-context': { type: 'boolean' },
  log: { type: 'string' },
  join: { type: 'string' },
  insecure: { type: 'boolean' },
  jobs: { type: 'string' },
} as const;

/** The builder to plan for; `assume`: when none is usable, the plan assumes one and `missing` says why. */
async function builderFor(
  setting: string | undefined,
  assume: boolean,
): Promise<{ builder: Builder; missing?: string }> {
  const s = builderArg(setting);
  try {
    return { builder: await detectBuilder(s) };
  } catch (e) {
    if (!assume || !(e instanceof BuilderError)) throw e;
    return { builder: { kind: s === 'auto' ? 'docker' : s, buildx: false }, missing: e.message };
  }
}

const assumed = (b: { builder: Builder; missing?: string }): void => {
  if (b.missing) process.stderr.write(`mips-port: ${b.missing} The plan assumes ${b.builder.kind}.\n`);
};

export async function runBuild(argv: string[]): Promise<number> {
  try {
    return await buildCommand(argv);
  } catch (e) {
    // a refusal before any build (no emulation, no builder) is the log's whole story: write it there too
    buildLog.write(`mips-port: ${e instanceof Error ? e.message : String(e)}\n`);
    throw e;
  } finally {
    buildLog.close();
  }
}

type Values = ReturnType<typeof parseCommandArgs<typeof OPTIONS>>['values'];

type SharedInput = Omit<PlanInput, 'dockerfile' | 'builder'>;

/** What a single build and a workspace build are both given. */
function sharedInput(v: Values, target: Platform): SharedInput {
  const smoke = v['no-smoke'] ? false : v.smoke ? v.smoke.split(/\s+/).filter(Boolean) : undefined;
  const startSeconds = v['start-seconds'] === undefined ? undefined : Number(v['start-seconds']);
  if (startSeconds !== undefined && !(Number.isFinite(startSeconds) && startSeconds >= 0 && startSeconds <= 600))
    throw new UsageError(`--start-seconds expects 0 to 600, got "${v['start-seconds']}"`);
  if (v.jobs !== undefined && !/^(?:[1-9]|[1-5]\d|6[0-4])$/.test(v.jobs))
    throw new UsageError(`--jobs expects 1 to 64 builds at once, got "${v.jobs}"`);
  return {
    target,
    tagTemplate: v['tag-template'] ?? DEFAULT_TAG_TEMPLATE,
    registry: v.registry,
    buildArgs: keyValues(v['build-arg'], '--build-arg'),
    push: v.push,
    smoke,
    startSeconds,
  };
}

async function buildCommand(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, OPTIONS);
  const v = parsed.values;
  const pr = parsePlatform(v.platform ?? DEFAULT_PLATFORM);
  if (!pr.ok) throw new UsageError(pr.error);
  const target: Platform = pr.platform;
  const shared = sharedInput(v, target);
  const dryRun = v['dry-run'] === true;
  const named = parsed.positionals[0] ?? '.';
  const where: Locate = (p) => (path.isAbsolute(named) ? p : rel(p));
  if (v.log) buildLog.open(v.log);
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  if (v.all) {
    const root = path.resolve(parsed.positionals[0] ?? '.');
    const found = await builderFor(v.builder, dryRun || !!v.bake);
    assumed(found);
    const builder = found.builder;
    const contextMode = v['workspace-context'] ? 'workspace' : 'dockerfile';
    return buildAll({
      root,
      graph: workspaceGraph(root, { ...shared, builder, contextMode }),
      target,
      dryRun,
      bake: v.bake,
      jobs: v.jobs,
      keepGoing: v['keep-going'] === true,
      signal: controller.signal,
      where,
    });
  }

  const file = parsed.positionals[0];
  if (!file || parsed.positionals.length > 1)
    throw new UsageError(
      'usage: mips-port build DOCKERFILE [--context DIR] [--platform P] [--tag T] [--builder docker|podman|buildah] [--build-arg K=V…] [--registry HOST] [--push] [--dry-run], or mips-port build --all [ROOT] [--bake FILE] [--keep-going]',
    );
  if (!fs.existsSync(file)) throw new UsageError(`${file}: no such file`);
  return buildOne(file, v, { shared, target, dryRun, where, signal: controller.signal });
}

/** One Dockerfile, on the images of its workspace it builds on (built first when the builder lacks them). */
async function buildOne(
  file: string,
  v: Values,
  o: { shared: SharedInput; target: Platform; dryRun: boolean; where: Locate; signal: AbortSignal },
): Promise<number> {
  const { shared, target, dryRun, where } = o;
  // no builder is a problem of this machine: said after the file's own problems (the plan assumes one)
  const found = await builderFor(v.builder, true);
  if (dryRun) assumed(found);
  const { builder, missing } = found;
  const input = { ...shared, builder };
  const own = { tag: v.tag, context: v.context };
  const alone = makePlan({ ...input, ...own, dockerfile: file });
  const root = workspaceRoot(file, alone.unresolved.length > 0);
  const ws = root ? workspaceBuild(file, root, input, own) : { plan: alone, producers: [] };
  if (ws.cycle) {
    process.stderr.write(`mips-port: cycle: ${ws.cycle.map(rel).join(' -> ')} -> ${rel(ws.cycle[0])}\n`);
    return 1;
  }
  // images of this workspace it builds on that are not built yet: built first, with the same options
  const first: BuildPlan[] = [];
  for (const p of ws.producers) {
    // no builder answered: nothing is known to be built
    const built = !missing && (await hasLocalImage(builder, p.tag, p.platform));
    if (!built) first.push(p);
  }
  const plan = ws.plan;
  const unresolved = unresolvedError(plan, target, where, root && rel(root));
  if (dryRun) {
    const json = { ...planJson(plan), ...(first.length ? { first: first.map(planJson) } : {}) };
    process.stdout.write(JSON.stringify(json, null, 2) + '\n');
    // the dry run ends as the real run would: a FROM without a value is refused
    if (unresolved) process.stderr.write(unresolved);
    return unresolved ? 2 : 0;
  }
  if (v.join && !v.push) throw new UsageError('--join needs --push (the image must be in the registry to join it)');
  if (unresolved) {
    process.stderr.write(unresolved);
    buildLog.write(unresolved);
    return 2;
  }
  if (missing) throw new BuilderError(missing);
  requireEmulation(target);
  const run = { signal: o.signal, where, target, root: root && rel(root) };
  for (const p of first) {
    process.stderr.write(
      `mips-port: ${rel(plan.dockerfile)} builds on ${p.tag}, not built yet: building ${rel(p.dockerfile)} first\n`,
    );
    const code = await execute(p, run);
    if (code !== 0) return code;
  }
  const code = await execute(plan, run);
  if (code !== 0 || !v.join) return code;
  const host = plan.tag.split('/')[0];
  const insecure = v.insecure === true || /^(localhost|127\.|\[::1\])/.test(host);
  const j = await joinManifest({
    pushedTag: plan.tag,
    joinTag: v.join,
    target,
    insecure,
    onOutput: out,
    signal: o.signal,
  });
  out(`mips-port: ${j.summary}\n`);
  return j.ok ? 0 : 1;
}

/** Where a single build looks for the images it builds on: the working folder when the Dockerfile is in
 *  it; for a FROM with no value yet, else the folder above the image's own (Kubernetes'
 *  test/images/<image>/Dockerfile). Never the root, home or temp folder as a whole. */
function workspaceRoot(file: string, needed: boolean): string | undefined {
  const abs = path.resolve(file);
  const cwd = process.cwd();
  const tooWide = (d: string) => [path.parse(d).root, os.homedir(), os.tmpdir()].includes(d);
  if (!path.relative(cwd, abs).startsWith('..') && !tooWide(cwd)) return cwd;
  const above = path.dirname(path.dirname(abs));
  return needed && !tooWide(above) ? above : undefined;
}
