// `mips-port build`: the same plan the editor task runs, executed here with streamed output.
import fs from 'node:fs';
import path from 'node:path';
import { checkEmulation } from '../core/build/binfmt';
import { Builder, BuilderError, BuilderSetting, detectBuilder } from '../core/build/builders';
import { BuildPlan, DEFAULT_TAG_TEMPLATE, makePlan, PlanInput } from '../core/build/plan';
import { runPlan } from '../core/build/runner';
import { describeStageRun } from '../core/build/stagePlatforms';
import { planJson } from './planJson';
import { defaultJobs, runScheduled } from '../core/build/schedule';
import { bakeFile, workspaceGraph } from '../core/build/workspace';
import { joinManifest } from '../core/build/joinManifest';
import { keyValues, parseCommandArgs, UsageError } from './usage';
import { DEFAULT_PLATFORM, parsePlatform, Platform } from '../core/platform';

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

/** Everything the build prints also goes to --log FILE (opened in the editor with the build-log grammar). */
let logFile: number | undefined;
function out(text: string): void {
  process.stdout.write(text);
  if (logFile !== undefined) fs.writeSync(logFile, text);
}

function rel(p: string): string {
  return path.relative(process.cwd(), p) || '.';
}

async function builderFor(setting: string | undefined, dryRun: boolean): Promise<{ builder: Builder; note?: string }> {
  const s = (setting ?? 'auto') as BuilderSetting;
  if (!['auto', 'docker', 'podman', 'buildah'].includes(s))
    throw new UsageError(`--builder must be auto, docker, podman or buildah, not "${s}"`);
  try {
    return { builder: await detectBuilder(s) };
  } catch (e) {
    if (!dryRun || !(e instanceof BuilderError)) throw e;
    const kind = s === 'auto' ? 'docker' : s;
    return { builder: { kind, buildx: false }, note: `${e.message} The plan assumes ${kind}.` };
  }
}

/** `file:line:col: error:` lines name the Dockerfile as the user did: an absolute path given (as the
 *  editor's task does) stays absolute, so a problem matcher finds the file whatever the task's folder. */
type Locate = (p: string) => string;

/** Where one build's output goes: straight through, or held so concurrent builds' logs stay apart. */
interface Sink {
  out(text: string): void;
  err(text: string): void;
}

const direct: Sink = { out, err: (t) => process.stderr.write(t) };

/** Holds a build's output and writes it in one piece when the build ends (build --all --jobs N). */
function heldSink(): Sink & { flush(): void } {
  const parts: { to: 'out' | 'err'; text: string }[] = [];
  return {
    out: (text) => parts.push({ to: 'out', text }),
    err: (text) => parts.push({ to: 'err', text }),
    flush: () => {
      for (const p of parts.splice(0)) (p.to === 'out' ? out : direct.err)(p.text);
    },
  };
}

async function execute(plan: BuildPlan, signal: AbortSignal, where: Locate, sink: Sink = direct): Promise<number> {
  const { out, err } = sink;
  if (plan.unresolved.length) {
    const from = plan.uses.find((u) => u.unresolved.some((v) => plan.unresolved.includes(v)));
    const msg = `${where(plan.dockerfile)}:${(from?.range.start.line ?? 0) + 1}:1: error: FROM needs ${plan.unresolved.map((u) => `--build-arg ${u}=…`).join(' ')} (no default, and no BASEIMAGE line for ${plan.platform})\n`;
    err(msg);
    if (logFile !== undefined) fs.writeSync(logFile, msg);
    return 2;
  }
  for (const n of plan.notes) err(`mips-port: ${n}\n`);
  // the log says where each stage runs: what a user reads when a build is slow
  out(`==> ${plan.tag}: ${plan.builder}\n`);
  for (const s of plan.stages) out(`    ${describeStageRun(s)}\n`);
  let current = '';
  const r = await runPlan(plan, {
    signal,
    onOutput: (t, step) => {
      if (step.title !== current) {
        current = step.title;
        out(`\n==> ${step.title}\n    ${step.argv.join(' ')}\n`);
      }
      out(t);
    },
  });
  if (r.ok) {
    out(`\nmips-port: ${r.summary}\n`);
    return 0;
  }
  if (r.failure?.line) out(`\n${where(plan.dockerfile)}:${r.failure.line}:1: error: ${r.failure.message}\n`);
  else out(`\n${where(plan.dockerfile)}:1:1: error: ${r.failure?.message ?? r.summary}\n`);
  if (logFile !== undefined) fs.writeSync(logFile, `mips-port: ${r.summary}\n`);
  err(`mips-port: ${r.summary}\n`);
  if (r.cancelled) return 130;
  const code = r.steps[r.steps.length - 1]?.code;
  return typeof code === 'number' && code > 0 ? code : 1;
}

export async function runBuild(argv: string[]): Promise<number> {
  try {
    return await buildCommand(argv);
  } catch (e) {
    // a refusal before any build (no emulation, no builder) is the log's whole story: write it there too
    if (logFile !== undefined) fs.writeSync(logFile, `mips-port: ${e instanceof Error ? e.message : String(e)}\n`);
    throw e;
  } finally {
    if (logFile !== undefined) fs.closeSync(logFile);
    logFile = undefined;
  }
}

async function buildCommand(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, OPTIONS);
  const v = parsed.values;
  const pr = parsePlatform(v.platform ?? DEFAULT_PLATFORM);
  if (!pr.ok) throw new UsageError(pr.error);
  const target: Platform = pr.platform;
  const buildArgs = keyValues(v['build-arg'], '--build-arg');
  const smoke = v['no-smoke'] ? false : v.smoke ? v.smoke.split(/\s+/).filter(Boolean) : undefined;
  const startSeconds = v['start-seconds'] === undefined ? undefined : Number(v['start-seconds']);
  if (startSeconds !== undefined && !(Number.isFinite(startSeconds) && startSeconds >= 0 && startSeconds <= 600))
    throw new UsageError(`--start-seconds expects 0 to 600, got "${v['start-seconds']}"`);
  if (v.jobs !== undefined && !/^(?:[1-9]|[1-5]\d|6[0-4])$/.test(v.jobs))
    throw new UsageError(`--jobs expects 1 to 64 builds at once, got "${v.jobs}"`);
  const tagTemplate = v['tag-template'] ?? DEFAULT_TAG_TEMPLATE;
  // what a single build and a workspace build are both given
  const shared: Omit<PlanInput, 'dockerfile' | 'builder'> = {
    target,
    tagTemplate,
    registry: v.registry,
    buildArgs,
    push: v.push,
    smoke,
    startSeconds,
  };
  const dryRun = v['dry-run'] === true;
  const named = parsed.positionals[0] ?? '.';
  const where: Locate = (p) => (path.isAbsolute(named) ? p : rel(p));
  if (v.log) logFile = fs.openSync(v.log, 'w');
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  if (v.all) {
    const root = path.resolve(parsed.positionals[0] ?? '.');
    const { builder, note } = await builderFor(v.builder, dryRun || !!v.bake);
    if (note) process.stderr.write(`mips-port: ${note}\n`);
    const g = workspaceGraph(root, {
      ...shared,
      builder,
      contextMode: v['workspace-context'] ? 'workspace' : 'dockerfile',
    });
    for (const c of g.cycles) process.stderr.write(`mips-port: cycle: ${c.map(rel).join(' -> ')} -> ${rel(c[0])}\n`);
    for (const m of g.missing)
      process.stderr.write(
        `mips-port: ${rel(m.dockerfile)} uses ${m.image}, which no Dockerfile here produces (build or pull it first)\n`,
      );
    if (v.bake) {
      fs.writeFileSync(v.bake, JSON.stringify(bakeFile(g, root), null, 2) + '\n');
      process.stderr.write(`mips-port: wrote ${v.bake} (${g.order.length} targets; docker buildx bake -f ${v.bake})\n`);
      if (dryRun) return g.cycles.length ? 1 : 0;
    }
    if (dryRun) {
      process.stdout.write(
        JSON.stringify(
          {
            platform: `${target.os}/${target.arch.oci}`,
            order: g.order.map((f) => planJson(g.nodes.get(f)!.plan)),
            cycles: g.cycles,
            missing: g.missing,
          },
          null,
          2,
        ) + '\n',
      );
      return g.cycles.length ? 1 : 0;
    }
    if (g.cycles.length) return 1;
    await requireEmulation(target);
    const jobs = v.jobs === undefined ? defaultJobs() : Number(v.jobs);
    const held = jobs > 1 && g.order.length > 1;
    const r = await runScheduled(
      g.order.map((f) => ({ id: f, dependsOn: g.nodes.get(f)!.dependsOn })),
      jobs,
      async (f) => {
        const plan = g.nodes.get(f)!.plan;
        if (!held) return execute(plan, controller.signal, where);
        // concurrent builds: each log is written whole when its build ends, never interleaved
        process.stderr.write(`mips-port: building ${plan.tag} (${rel(f)})\n`);
        const sink = heldSink();
        try {
          return await execute(plan, controller.signal, where, sink);
        } finally {
          sink.flush();
        }
      },
      {
        keepGoing: v['keep-going'] === true,
        aborted: () => controller.signal.aborted,
        onSkip: (f, blockedBy) =>
          process.stderr.write(`mips-port: skipped ${rel(f)}: its base ${rel(blockedBy)} was not built\n`),
      },
    );
    const done = r.done.map((f) => g.nodes.get(f)!.plan.tag);
    if (r.stoppedAt !== undefined) {
      const f = r.stoppedAt;
      const code = r.failed.get(f)!;
      process.stderr.write(
        `mips-port: stopped at ${rel(f)} (exit ${code}); built: ${done.length ? done.join(', ') : 'nothing'}; not built: ${
          r.notStarted.map(rel).join(', ') || 'nothing'
        } (--keep-going builds the images that do not depend on it)\n`,
      );
      return code;
    }
    if (r.failed.size) {
      process.stderr.write(
        `mips-port: built ${done.length}: ${done.join(', ') || 'nothing'}; failed ${r.failed.size}: ${[...r.failed]
          .map(([f, c]) => `${rel(f)} (exit ${c})`)
          .join(', ')}; skipped ${r.skipped.length}: ${r.skipped.map((x) => rel(x.id)).join(', ') || 'nothing'}\n`,
      );
      return [...r.failed.values()][0];
    }
    out(`mips-port: built ${done.length} image${done.length === 1 ? '' : 's'} in order: ${done.join(', ')}\n`);
    return 0;
  }

  const file = parsed.positionals[0];
  if (!file || parsed.positionals.length > 1)
    throw new UsageError(
      'usage: mips-port build DOCKERFILE [--context DIR] [--platform P] [--tag T] [--builder docker|podman|buildah] [--build-arg K=V…] [--push] [--dry-run], or mips-port build --all [ROOT] [--bake FILE]',
    );
  if (!fs.existsSync(file)) throw new UsageError(`${file}: no such file`);
  const { builder, note } = await builderFor(v.builder, dryRun);
  if (note) process.stderr.write(`mips-port: ${note}\n`);
  const plan = makePlan({ ...shared, dockerfile: file, context: v.context, builder, tag: v.tag });
  if (dryRun) {
    process.stdout.write(JSON.stringify(planJson(plan), null, 2) + '\n');
    return 0;
  }
  if (v.join && !v.push) throw new UsageError('--join needs --push (the image must be in the registry to join it)');
  // a FROM without a value is the file's own problem: said on its line before anything about this machine
  if (plan.unresolved.length === 0) await requireEmulation(target);
  const code = await execute(plan, controller.signal, where);
  if (code !== 0 || !v.join) return code;
  const host = plan.tag.split('/')[0];
  const insecure = v.insecure === true || /^(localhost|127\.|\[::1\])/.test(host);
  const j = await joinManifest({
    pushedTag: plan.tag,
    joinTag: v.join,
    target,
    insecure,
    onOutput: out,
    signal: controller.signal,
  });
  out(`mips-port: ${j.summary}\n`);
  return j.ok ? 0 : 1;
}

async function requireEmulation(target: Platform): Promise<void> {
  const e = checkEmulation(target);
  if (!e.ok) throw new UsageError(`refusing to build for ${target.os}/${target.arch.oci}: ${e.problem}`);
}
