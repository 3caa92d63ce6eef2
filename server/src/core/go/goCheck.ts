// The Go toolchain's own view of the target: `go build` of every package of a module for the target
// (GOOS/GOARCH from the platform) and for the host, all errors listed (-gcflags=-e); only the errors
// the host build does not give are porting problems. cgo packages use the target's C cross compiler
// when it builds for the target, and are reported as not checked (with what to install) when it does not.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Platform } from '../platform';
import { runProcess } from '../process/runProcess';
import { goFlagProblem } from '../../shared/goFlags';
import { errorKey, GoError, parseGoErrors } from './goErrors';
import { probeCrossCompiler } from './crossProbe';
import { findOnPath, GO_INSTALL_HINT, goEnvFor, isExecutableFile } from './goToolchain';

export interface GoCheckOptions {
  moduleDir: string;
  target: Platform;
  /** Extra build flags (`-tags=integration`). */
  flags?: string[];
  signal?: AbortSignal;
  /** Whole check, both builds included. */
  timeoutMs?: number;
  /** The go binary to run (mipsPort.go.path); else `go` on PATH. */
  go?: string;
  /** PATH look-up (tests hide a cross compiler through it). */
  find?: (cmd: string) => string | undefined;
  /** No network: modules come from the Go module cache only (GOPROXY=off). */
  offline?: boolean;
}

export interface NotChecked {
  pkg: string;
  dir: string;
  why: string;
}

export interface GoCheckResult {
  /** Why nothing was checked (no go, the module could not be listed), else undefined. */
  problem?: string;
  cancelled?: boolean;
  /** Errors only the target build gives: the porting problems. */
  targetOnly: GoError[];
  /** Errors both builds give (the user's ordinary compile errors, left to gopls). */
  ordinary: number;
  notChecked: NotChecked[];
  packages: number;
  /** The C compiler cgo packages were checked with. */
  cc?: string;
  goVersion?: string;
}

/** Each go, compile, link or C compiler process of a check: enough for big packages, not for a bomb. */
const CHECK_LIMITS = { addressSpaceBytes: 3 * 1024 ** 3, cpuSeconds: 240 };

/** Runs the check, cancelled by `o.signal` or after `o.timeoutMs`: a timer held here (a timeout signal
 *  can be collected before it fires), cleared when the check ends. */
export async function checkGoModule(o: GoCheckOptions): Promise<GoCheckResult> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  if (o.signal?.aborted) abort();
  o.signal?.addEventListener('abort', abort, { once: true });
  const limitMs = o.timeoutMs ?? 300_000;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort();
  }, limitMs);
  try {
    const r = await check(o, controller.signal);
    if (!(r.cancelled && timedOut)) return r;
    return { ...r, cancelled: false, problem: `the check took longer than ${Math.round(limitMs / 1000)} s: stopped` };
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', abort);
  }
}

async function check(o: GoCheckOptions, signal: AbortSignal): Promise<GoCheckResult> {
  const find = o.find ?? ((c: string) => findOnPath(c));
  const empty: GoCheckResult = { targetOnly: [], ordinary: 0, notChecked: [], packages: 0 };
  if (o.go && !isExecutableFile(o.go))
    return { ...empty, problem: `mipsPort.go.path: ${o.go} is not an executable file` };
  const go = o.go ?? find('go');
  if (!go) return { ...empty, problem: GO_INSTALL_HINT };
  const flags = o.flags ?? [];
  const bad = flags.map(goFlagProblem).find((p) => p !== undefined);
  if (bad) return { ...empty, problem: `mipsPort.go.flags: ${bad}` };
  // never fetch a newer toolchain behind the user's back (no network on many build hosts)
  const base = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: process.env.GOFLAGS ?? '', ...offlineEnv(o) };
  const run = (args: string[], env: Record<string, string>) =>
    runProcess([go, ...args], {
      cwd: o.moduleDir,
      env: { ...base, ...env },
      signal,
      maxOutput: 2_000_000,
      limits: CHECK_LIMITS,
    });

  const target = goEnvFor(o.target);
  const [listed, version, hostArch] = await Promise.all([
    run(['list', '-e', ...flags, '-f', '{{.ImportPath}}\t{{.Dir}}\t{{len .CgoFiles}}', './...'], {
      ...target,
      CGO_ENABLED: '1',
    }),
    run(['env', 'GOVERSION'], {}),
    run(['env', 'GOHOSTARCH'], {}),
  ]);
  if (listed.cancelled) return { ...empty, cancelled: true };
  const pkgs = listed.output
    .split('\n')
    .map((l) => l.split('\t'))
    .filter((p) => p.length === 3);
  if (pkgs.length === 0)
    return { ...empty, problem: `go list found no package in ${o.moduleDir}: ${lastLines(listed.output)}` };

  const cgoPkgs = pkgs.filter((p) => Number(p[2]) > 0);
  // a compiler on PATH is not enough: it must build for the target (headers and libc), as cgo will ask
  const probe = cgoPkgs.length ? await probeCrossCompiler(o.target, find, signal) : undefined;
  if (signal.aborted) return { ...empty, cancelled: true };
  const cc = probe?.ok ? probe.cc : undefined;
  const cgo: Record<string, string> = cc ? { CGO_ENABLED: '1', CC: cc } : { CGO_ENABLED: '0' };
  const notChecked: NotChecked[] =
    probe && !probe.ok ? cgoPkgs.map(([pkg, dir]) => ({ pkg, dir, why: `uses cgo: ${probe.why}` })) : [];

  // -o /dev/null: every package is compiled and every failing one reported, nothing is written
  const build = (env: Record<string, string>) =>
    run(['build', '-gcflags=-e', '-buildvcs=false', ...flags, '-o', os.devNull, './...'], env);
  const host = hostArch.output.trim();
  const sameArch = host === target.GOARCH;
  {
    const [t, h] = await Promise.all([
      build({ ...target, ...cgo }),
      sameArch ? undefined : build({ GOOS: 'linux', GOARCH: host, CGO_ENABLED: cgo.CGO_ENABLED }),
    ]);
    if (t.cancelled || h?.cancelled) return { ...empty, cancelled: true };
    if (o.offline && NO_PROXY_LOOKUP.test(listed.output + t.output))
      return { ...empty, problem: `offline, and ${o.moduleDir} needs modules that are not in the Go module cache` };
    const targetErrors = parseGoErrors(t.output, o.moduleDir).filter((e) => !/^too many errors/.test(e.message));
    const hostKeys = new Set(h ? parseGoErrors(h.output, o.moduleDir).map(errorKey) : targetErrors.map(errorKey));
    if (t.code !== 0 && targetErrors.length === 0)
      return { ...empty, problem: `go build for ${target.GOARCH} failed: ${lastLines(t.output)}` };
    const targetOnly = targetErrors.filter((e) => !hostKeys.has(errorKey(e)));
    return {
      targetOnly,
      ordinary: targetErrors.length - targetOnly.length,
      notChecked,
      packages: pkgs.length,
      cc,
      goVersion: version.output.trim() || undefined,
    };
  }
}

// offline: no module proxy and no direct fetch; what is missing from the module cache is an error
const offlineEnv = (o: GoCheckOptions): Record<string, string> => (o.offline ? { GOPROXY: 'off' } : {});
const NO_PROXY_LOOKUP = /module lookup disabled by GOPROXY=off/;

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' ').slice(0, 400) || '(no output)';
}

/** The folder with the go.mod that governs `dir`, walking up (not past `stop`). */
export function moduleRootOf(dir: string, stop?: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'go.mod'))) return d;
    if (d === stop || path.dirname(d) === d) return undefined;
  }
}
