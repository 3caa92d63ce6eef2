// `mips-port build --all [ROOT]`: every Dockerfile under ROOT, bases first, up to --jobs at once, each
// log written whole; --bake writes the same graph as a docker-bake.json.
import fs from 'node:fs';
import { defaultJobs, runScheduled } from '../core/build/schedule';
import { bakeFile, WorkspaceGraph } from '../core/build/workspace';
import { Platform } from '../core/platform';
import { heldSink, out, rel } from './buildLog';
import { execute, Locate, requireEmulation, unresolvedError } from './buildRun';
import { planJson } from './planJson';

export interface AllOptions {
  root: string;
  graph: WorkspaceGraph;
  target: Platform;
  dryRun: boolean;
  bake?: string;
  jobs?: string;
  keepGoing: boolean;
  signal: AbortSignal;
  where: Locate;
}

/** What the graph says before any build: cycles, images no Dockerfile here produces, FROMs without a value. */
function reportGraph(o: AllOptions): boolean {
  const g = o.graph;
  for (const c of g.cycles) process.stderr.write(`mips-port: cycle: ${c.map(rel).join(' -> ')} -> ${rel(c[0])}\n`);
  for (const m of g.missing)
    process.stderr.write(
      `mips-port: ${rel(m.dockerfile)} uses ${m.image}, which no Dockerfile here produces (build or pull it first)\n`,
    );
  if (!o.dryRun) return false;
  // a dry run says what the real run would refuse
  const unresolved = g.order.map((f) => unresolvedError(g.nodes.get(f)!.plan, o.target, o.where, rel(o.root)));
  for (const u of unresolved) if (u) process.stderr.write(u);
  return unresolved.some(Boolean);
}

export async function buildAll(o: AllOptions): Promise<number> {
  const g = o.graph;
  const unresolved = reportGraph(o);
  const dryCode = g.cycles.length ? 1 : unresolved ? 2 : 0;
  if (o.bake) {
    fs.writeFileSync(o.bake, JSON.stringify(bakeFile(g, o.root), null, 2) + '\n');
    process.stderr.write(`mips-port: wrote ${o.bake} (${g.order.length} targets; docker buildx bake -f ${o.bake})\n`);
    if (o.dryRun) return dryCode;
  }
  if (o.dryRun) {
    const platform = `${o.target.os}/${o.target.arch.oci}`;
    const order = g.order.map((f) => planJson(g.nodes.get(f)!.plan));
    process.stdout.write(JSON.stringify({ platform, order, cycles: g.cycles, missing: g.missing }, null, 2) + '\n');
    return dryCode;
  }
  if (g.cycles.length) return 1;
  requireEmulation(o.target);
  const jobs = o.jobs === undefined ? defaultJobs() : Number(o.jobs);
  const held = jobs > 1 && g.order.length > 1;
  const run = { signal: o.signal, where: o.where, target: o.target, root: rel(o.root) };
  const r = await runScheduled(
    g.order.map((f) => ({ id: f, dependsOn: g.nodes.get(f)!.dependsOn })),
    jobs,
    async (f) => {
      const plan = g.nodes.get(f)!.plan;
      if (!held) return execute(plan, run);
      // concurrent builds: each log is written whole when its build ends, never interleaved
      process.stderr.write(`mips-port: building ${plan.tag} (${rel(f)})\n`);
      const sink = heldSink();
      try {
        return await execute(plan, run, sink);
      } finally {
        sink.flush();
      }
    },
    {
      keepGoing: o.keepGoing,
      aborted: () => o.signal.aborted,
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
