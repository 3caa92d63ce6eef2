// `base create`: mmdebstrap under QEMU -> docker-archive with the target's config -> `docker load`
// -> verification (os/arch, uname -m, /etc/debian_version) -> optional push. Stages report progress;
// cancel kills the running tool's process group and removes the temp folder and any loaded image.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkEmulation } from '../build/binfmt';
import { Builder } from '../build/builders';
import { builderProfile } from '../build/builderProfiles';
import { lastMeaningfulLine } from '../build/runner';
import { formatPlatform } from '../platform';
import { BaseOptions, MERGED_USR_HOOKS, mmdebstrapCommand, usesMergedUsrHook } from './debianBase';
import { writeDockerArchive } from './imageArchive';
import { runProcess } from '../process/runProcess';

export type BaseStage = 'bootstrap' | 'image' | 'verify' | 'push';

export interface CreateBaseOptions extends BaseOptions {
  tag: string;
  push: boolean;
  builder: Builder;
  onStage?: (stage: BaseStage, message: string) => void;
  onOutput?: (text: string) => void;
  signal?: AbortSignal;
}

export interface CreateBaseResult {
  ok: boolean;
  cancelled: boolean;
  summary: string;
  layerDigest?: string;
  debianVersion?: string;
}

export class BaseError extends Error {}

function run(
  argv: string[],
  o: { env?: Record<string, string>; signal?: AbortSignal; onOutput?: (t: string) => void },
) {
  return runProcess(argv, {
    env: { ...process.env, ...(o.env ?? {}) },
    signal: o.signal,
    onOutput: o.onOutput,
    maxOutput: 2_000_000,
  });
}

function onPath(cmd: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((d) => {
    try {
      fs.accessSync(path.join(d, cmd), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** What must be on the machine, as one message naming the fix (undefined when all is there). */
export function baseRequirements(o: BaseOptions): string | undefined {
  const missing = ['mmdebstrap', 'arch-test'].filter((c) => !onPath(c));
  if (missing.length)
    return `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not installed: apt-get install mmdebstrap arch-test (Debian packages).`;
  if (usesMergedUsrHook(o.suite) && !fs.existsSync(MERGED_USR_HOOKS))
    return `mmdebstrap's merged-/usr hook (${MERGED_USR_HOOKS}) is missing: install mmdebstrap 1.0 or later (Debian 12 has it).`;
  const e = checkEmulation(o.target);
  if (!e.ok) return e.problem;
  return undefined;
}

export async function createBase(o: CreateBaseOptions): Promise<CreateBaseResult> {
  const problem = baseRequirements(o);
  if (problem) throw new BaseError(problem);
  const platform = formatPlatform(o.target);
  const cli = builderProfile(o.builder).runner;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-base-'));
  let loaded = false;
  let survivors = false;
  const cancelled = (stage: string): CreateBaseResult => ({
    ok: false,
    cancelled: true,
    summary: survivors
      ? `Cancelled during ${stage}; some of its processes did not stop even after SIGKILL (see ps).`
      : `Cancelled during ${stage}; nothing was left behind.`,
  });
  try {
    const rootfs = path.join(tmp, 'rootfs.tar');
    const mm = mmdebstrapCommand(o, rootfs);
    o.onStage?.(
      'bootstrap',
      `Downloading Debian ${o.suite} (${o.target.arch.debian}) from ${mm.mirror} and unpacking it under QEMU`,
    );
    const r = await run(mm.argv, { env: mm.env, signal: o.signal, onOutput: o.onOutput });
    survivors = r.survivors === true;
    if (r.cancelled || o.signal?.aborted) return cancelled('the bootstrap (download and unpack)');
    if (r.code !== 0)
      return {
        ok: false,
        cancelled: false,
        // every `E:` line apt and mmdebstrap print, not only the last
        summary: `mmdebstrap failed (exit ${r.code}): ${lastMeaningfulLine(r.output)}`,
      };

    o.onStage?.('image', `Making the ${platform} image ${o.tag}`);
    const epoch = mm.env.SOURCE_DATE_EPOCH ? new Date(Number(mm.env.SOURCE_DATE_EPOCH) * 1000) : new Date();
    const files = await writeDockerArchive(rootfs, path.join(tmp, 'archive'), {
      target: o.target,
      tag: o.tag,
      created: epoch,
      signal: o.signal,
    });
    fs.rmSync(rootfs);
    const archive = path.join(tmp, 'image.tar');
    const t = await run(['tar', '-C', files.dir, '-cf', archive, '.'], { signal: o.signal });
    if (t.cancelled || o.signal?.aborted) return cancelled('the image');
    if (t.code !== 0) return { ok: false, cancelled: false, summary: `tar failed: ${t.output.trim()}` };
    const l = await run([cli, 'load', '-i', archive], { signal: o.signal, onOutput: o.onOutput });
    loaded = l.code === 0;
    if (l.cancelled || o.signal?.aborted) return cancelled('loading');
    if (l.code !== 0) return { ok: false, cancelled: false, summary: `${cli} load failed: ${l.output.trim()}` };

    o.onStage?.('verify', `Checking ${o.tag} runs as ${platform}`);
    const fmt = '{{.Os}}/{{.Architecture}}{{if .Variant}}/{{.Variant}}{{end}}';
    const inspect = await run([cli, 'image', 'inspect', '--format', fmt, '--', o.tag], { signal: o.signal });
    const arch = inspect.output.trim();
    if (arch !== platform)
      return { ok: false, cancelled: false, summary: `${o.tag} is ${arch || 'unknown'}, not ${platform}` };
    const probe = await run(
      [cli, 'run', '--rm', '--platform', platform, '--', o.tag, 'sh', '-c', 'uname -m; cat /etc/debian_version'],
      { signal: o.signal },
    );
    if (probe.cancelled || o.signal?.aborted) return cancelled('verification');
    const [uname, debianVersion] = probe.output
      .trim()
      .split('\n')
      .map((x) => x.trim());
    if (probe.code !== 0 || uname !== o.target.arch.uname)
      return {
        ok: false,
        cancelled: false,
        summary: `running ${o.tag}: uname -m printed "${uname ?? ''}", expected "${o.target.arch.uname}" (${probe.output.trim().slice(0, 300)})`,
      };

    if (o.push) {
      o.onStage?.('push', `Pushing ${o.tag}`);
      const p = await run([cli, 'push', '--', o.tag], { signal: o.signal, onOutput: o.onOutput });
      if (p.cancelled || o.signal?.aborted) return cancelled('the push');
      if (p.code !== 0)
        return {
          ok: false,
          cancelled: false,
          summary: `push of ${o.tag} failed: ${p.output.trim().split('\n').pop()}`,
        };
    }
    loaded = false; // a finished image stays
    return {
      ok: true,
      cancelled: false,
      layerDigest: files.layerDigest,
      debianVersion,
      summary: `created ${o.tag}, ${arch}, uname -m = ${uname}, Debian ${debianVersion}, layer ${files.layerDigest}${o.push ? ', pushed' : ''}`,
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (loaded) await run([cli, 'image', 'rm', '-f', '--', o.tag], {});
  }
}
