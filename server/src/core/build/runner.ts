// Executes a build plan: each step a child process (argument arrays, no shell), output streamed,
// cancellation kills the whole process group, and the result is verified (os/arch, uname -m).
import { parseDockerfile } from '../documents/parseDockerfile';
import fs from 'node:fs';
import path from 'node:path';
import { BuildPlan, BuildStep, StepId } from './plan';
import { runProcess } from '../process/runProcess';
import { startCheck } from './startCheck';
import { DOCUMENT_CAP_BYTES, readTextFile } from '../fs/readText';

export interface RunOptions {
  onOutput?: (text: string, step: BuildStep) => void;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

export interface StepResult {
  id: StepId;
  code: number | null;
  output: string;
}

export interface BuildFailure {
  step: StepId;
  message: string;
  /** 1-based Dockerfile line of the failing instruction, when the builder says which. */
  line?: number;
}

export interface BuildResult {
  ok: boolean;
  cancelled: boolean;
  steps: StepResult[];
  failure?: BuildFailure;
  /** One line for the user: what was built and proven, or what went wrong. */
  summary: string;
}

async function runStep(step: BuildStep, o: RunOptions): Promise<StepResult & { cancelled: boolean; verdict?: string }> {
  if (step.id === 'start') {
    const s = await startCheck({
      cli: step.argv[0],
      tag: step.argv[step.argv.length - 1],
      platform: step.argv[step.argv.indexOf('--platform') + 1],
      seconds: step.seconds ?? 5,
      signal: o.signal,
      onOutput: (t) => o.onOutput?.(t, step),
    });
    o.onOutput?.(`${s.message}\n`, step);
    return {
      id: step.id,
      code: s.ok ? 0 : 1,
      output: s.output || s.message,
      cancelled: s.cancelled,
      verdict: s.message,
    };
  }
  const r = await runProcess(step.argv, {
    env: { ...(o.env ?? process.env), ...(step.env ?? {}) },
    signal: o.signal,
    onOutput: (t) => o.onOutput?.(t, step),
  });
  return { id: step.id, ...r, code: step.id === 'build' ? buildExitCode(r.code, r.output) : r.code };
}

/** The failing command's own exit code: the classic builder exits with it, BuildKit's docker CLI with 1
 *  and the code in its message (`executor failed running [...]: exit code: 3`). */
export function buildExitCode(code: number | null, output: string): number | null {
  if (code !== 1) return code;
  const m = [
    ...output.matchAll(/(?:executor failed running|did not complete successfully)[^\n]*exit code: (\d+)/g),
  ].pop();
  return m && Number(m[1]) > 0 ? Number(m[1]) : code;
}

/** Maps a failed build's output to the Dockerfile line of the failing instruction. */
export function failingLine(output: string, dockerfileText: string): number | undefined {
  const bk = [...output.matchAll(/^[ \t]*(?:Dockerfile|[^\s:]*Dockerfile[^\s:]*):(\d+)\s*$/gm)].pop();
  if (bk) return Number(bk[1]);
  const vertex = buildkitVertexLine(output, dockerfileText);
  if (vertex !== undefined) return vertex;
  const steps = [...output.matchAll(/^Step (\d+)\/(\d+) :/gm)].pop();
  if (steps) {
    try {
      const ins = parseDockerfile(dockerfileText);
      const i = ins[Number(steps[1]) - 1];
      if (i) return i.getRange().start.line + 1;
    } catch {
      /* unparsable: no line */
    }
  }
  return undefined;
}

/** The line of the final stage's ENTRYPOINT (else CMD): where a failed start check points. */
export function startLine(dockerfileText: string): number | undefined {
  try {
    const ins = parseDockerfile(dockerfileText);
    const from = ins.map((i) => i.getKeyword()).lastIndexOf('FROM');
    const stage = ins.slice(from + 1);
    const pick = (kw: string) => stage.filter((i) => i.getKeyword() === kw).pop();
    const i = pick('ENTRYPOINT') ?? pick('CMD');
    return i ? i.getRange().start.line + 1 : undefined;
  } catch {
    return undefined;
  }
}

/** The final stage's FROM line: a start check fails there when the ENTRYPOINT/CMD is the base image's. */
export function finalFromLine(dockerfileText: string): number | undefined {
  try {
    const from = parseDockerfile(dockerfileText)
      .filter((i) => i.getKeyword() === 'FROM')
      .pop();
    return from ? from.getRange().start.line + 1 : undefined;
  } catch {
    return undefined;
  }
}

/** A line of a prepared copy in the user's file: lines the copy inserted (ARG BUILDPLATFORM) are not theirs. */
function userLine(plan: BuildPlan, line: number | undefined): number | undefined {
  const ins = plan.prepared?.inserted;
  return line !== undefined && ins && line > ins.at ? line - ins.count : line;
}

/** BuildKit before source-mapped errors (docker 20.10) names only the vertex: ` > [build 3/4] RUN false:`,
 *  the stage (by name, `stage-N`, or none for a single stage) and the instruction's place in it (FROM = 1). */
function buildkitVertexLine(output: string, dockerfileText: string): number | undefined {
  const m = [...output.matchAll(/^\s*> \[(?:(\S+) )?(\d+)\/\d+\] [^\n]*:\s*$/gm)].pop();
  if (!m) return undefined;
  try {
    const ins = parseDockerfile(dockerfileText);
    const stages: (typeof ins)[] = [];
    const names: (string | undefined)[] = [];
    for (const i of ins) {
      if (i.getKeyword() === 'FROM') {
        stages.push([]);
        const a = i.getArguments();
        names.push(a.length >= 3 && a[1].getValue().toUpperCase() === 'AS' ? a[2].getValue().toLowerCase() : undefined);
      }
      stages[stages.length - 1]?.push(i);
    }
    const name = m[1]?.toLowerCase();
    const k = name === undefined ? (stages.length === 1 ? 0 : -1) : names.indexOf(name);
    const idx = k >= 0 ? k : /^stage-(\d+)$/.exec(name ?? '') ? Number(name!.slice(6)) : -1;
    const at = stages[idx]?.[Number(m[2]) - 1];
    return at ? at.getRange().start.line + 1 : undefined;
  } catch {
    return undefined;
  }
}

// eslint-disable-next-line no-control-regex -- escape sequences are what this strips
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07/g;

/** The line that says why: apt's `E:`, dnf's `Error:`, apk's `ERROR:` first, else the last error-ish line. */
export function lastMeaningfulLine(output: string): string {
  const lines = output
    .replace(ANSI, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^-+$/.test(l));
  const tools = lines.map((l) => l.replace(/^#\d+\s+[\d.]+\s+/, '')).filter((l) => /^(E|Error|ERROR|fatal):\s/.test(l));
  // apt says one `E:` per package it cannot find: every one of them, not only the last
  const last = tools[tools.length - 1];
  if (last) {
    const kind = last.slice(0, last.indexOf(':'));
    const same = [...new Set(tools.filter((l) => l.startsWith(`${kind}:`)))].slice(-4);
    return same.join(' | ').slice(0, 400);
  }
  const err = [...lines].reverse().find((l) => /error|failed|returned a non-zero code|not found|denied/i.test(l));
  return (err ?? lines[lines.length - 1] ?? '').slice(0, 400);
}

export function explainOutput(output: string, plan: BuildPlan): string | undefined {
  if (/exec format error/.test(output)) {
    return `"exec format error": a ${plan.platform} program ran without emulation. Register QEMU for it (MIPS Port: Set up QEMU, or docker run --privileged --rm tonistiigi/binfmt --install ${plan.platform.split('/')[1]}).`;
  }
  if (/no matching manifest for/.test(output))
    return `a base image has no ${plan.platform} variant: see mips-port scan for replacements.`;
  return undefined;
}

export async function runPlan(plan: BuildPlan, o: RunOptions = {}): Promise<BuildResult> {
  if (plan.prepared) {
    fs.mkdirSync(path.dirname(plan.prepared.path), { recursive: true });
    fs.writeFileSync(plan.prepared.path, plan.prepared.text);
  }
  try {
    return await runSteps(plan, o);
  } finally {
    if (plan.prepared) fs.rmSync(path.dirname(plan.prepared.path), { recursive: true, force: true });
  }
}

async function runSteps(plan: BuildPlan, o: RunOptions): Promise<BuildResult> {
  const results: StepResult[] = [];
  const dockerfileText = plan.prepared?.text ?? readTextFile(plan.dockerfile, DOCUMENT_CAP_BYTES) ?? '';
  const verified: string[] = [];
  for (const step of plan.steps) {
    const r = await runStep(step, o);
    results.push({ id: r.id, code: r.code, output: r.output });
    if (r.cancelled || o.signal?.aborted) {
      return {
        ok: false,
        cancelled: true,
        steps: results,
        failure: { step: step.id, message: 'cancelled' },
        summary: `Cancelled during "${step.title}".`,
      };
    }
    if (step.id === 'start') {
      if (r.code !== 0) {
        const message = `${plan.tag} was built, but ${r.verdict}`;
        const line = userLine(plan, startLine(dockerfileText) ?? finalFromLine(dockerfileText));
        return {
          ok: false,
          cancelled: false,
          steps: results,
          failure: { step: step.id, message, line },
          summary: message,
        };
      }
      verified.push(r.verdict ?? 'started');
      continue;
    }
    if (r.code !== 0) {
      const line = userLine(plan, step.id === 'build' ? failingLine(r.output, dockerfileText) : undefined);
      const explained = explainOutput(r.output, plan);
      const message = `${step.title} failed (exit ${r.code ?? 'signal'}): ${lastMeaningfulLine(r.output)}${explained ? ` — ${explained}` : ''}`;
      return {
        ok: false,
        cancelled: false,
        steps: results,
        failure: { step: step.id, message, line },
        summary: message,
      };
    }
    if (step.expect !== undefined) {
      const got = r.output.trim().split('\n').pop()?.trim() ?? '';
      if (got !== step.expect) {
        const message =
          step.id === 'inspect'
            ? `${plan.tag} is ${got || 'of unknown platform'}, not ${plan.platform}: the builder ignored --platform or a stage pinned another one.`
            : `${step.label ?? step.title} printed "${got}", expected "${step.expect}": the image does not run as ${plan.platform}.`;
        return { ok: false, cancelled: false, steps: results, failure: { step: step.id, message }, summary: message };
      }
      verified.push(step.id === 'inspect' ? got : `${step.label ?? step.title} = ${got}`);
    }
  }
  const pushed = plan.steps.some((s) => s.id === 'push') ? ', pushed' : '';
  return { ok: true, cancelled: false, steps: results, summary: `built ${plan.tag}, ${verified.join(', ')}${pushed}` };
}
