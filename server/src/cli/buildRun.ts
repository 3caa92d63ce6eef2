// One plan executed with streamed output: notes, where each stage runs, each step's argv and output,
// and a `file:line:col: error:` line a problem matcher reads when it fails.
import { checkEmulation } from '../core/build/binfmt';
import { BuildPlan } from '../core/build/plan';
import { runPlan } from '../core/build/runner';
import { describeStageRun } from '../core/build/stagePlatforms';
import { unresolvedReason } from '../core/build/workspace';
import { Platform } from '../core/platform';
import { buildLog, direct, Sink } from './buildLog';
import { UsageError } from './usage';

/** `file:line:col: error:` lines name the Dockerfile as the user did: an absolute path given (as the
 *  editor's task does) stays absolute, so a problem matcher finds the file whatever the task's folder. */
export type Locate = (p: string) => string;

/** A FROM without a value: the line that says so (exit 2), the same in a dry run and a real one. */
export function unresolvedError(plan: BuildPlan, target: Platform, where: Locate, root?: string): string | undefined {
  if (!plan.unresolved.length) return undefined;
  const from = plan.uses.find((u) => u.unresolved.some((v) => plan.unresolved.includes(v)));
  const line = (from?.range.start.line ?? 0) + 1;
  return `${where(plan.dockerfile)}:${line}:1: error: ${unresolvedReason(plan, target, root)}\n`;
}

export async function execute(
  plan: BuildPlan,
  o: { signal: AbortSignal; where: Locate; target: Platform; root?: string },
  sink: Sink = direct,
): Promise<number> {
  const { out, err } = sink;
  const unresolved = unresolvedError(plan, o.target, o.where, o.root);
  if (unresolved) {
    err(unresolved);
    buildLog.write(unresolved);
    return 2;
  }
  for (const n of plan.notes) err(`mips-port: ${n}\n`);
  // the log says where each stage runs: what a user reads when a build is slow
  out(`==> ${plan.tag}: ${plan.builder}\n`);
  for (const s of plan.stages) out(`    ${describeStageRun(s)}\n`);
  let current = '';
  const r = await runPlan(plan, {
    signal: o.signal,
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
  out(`\n${o.where(plan.dockerfile)}:${r.failure?.line ?? 1}:1: error: ${r.failure?.message ?? r.summary}\n`);
  buildLog.write(`mips-port: ${r.summary}\n`);
  err(`mips-port: ${r.summary}\n`);
  if (r.cancelled) return 130;
  const code = r.steps[r.steps.length - 1]?.code;
  return typeof code === 'number' && code > 0 ? code : 1;
}

export function requireEmulation(target: Platform): void {
  const e = checkEmulation(target);
  if (!e.ok) throw new UsageError(`refusing to build for ${target.os}/${target.arch.oci}: ${e.problem}`);
}
