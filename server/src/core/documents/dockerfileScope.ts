// What a Dockerfile's image references resolve against while it is read top to bottom: build args
// (given, supplied by files beside it, global ARG defaults, BuildKit's platform args) and the stages
// declared so far. Only the reading loop (dockerfile.ts) changes it: ARG before the first FROM, and FROM.
import { Arg } from 'dockerfile-ast';
import { Platform, formatPlatform } from '../platform';
import { substitute, Substitution } from './buildArgs';

export interface DockerfileOptions {
  target: Platform;
  /** Values given with --build-arg / the buildArgs setting; they win over ARG defaults. */
  buildArgs?: Record<string, string>;
  /** Build args that files beside the Dockerfile supply (a Kubernetes BASEIMAGE file); explicit
   *  buildArgs win over them. */
  fileArgs?: Record<string, FileArg>;
}

/** A build arg a file supplies: its value (none when the file has no line for the target) and where. */
export interface FileArg {
  value?: string;
  origin: string;
}

export interface DockerfileScope {
  /** Global ARGs with their values (undefined: declared without a value that can be known). */
  vars: Map<string, string | undefined>;
  /** Build args given or supplied by a file, by name. */
  given: Record<string, string>;
  /** The file args that no explicit build arg overrides. */
  fromFiles: Map<string, FileArg>;
  /** ARGs whose value would pass MAX_EXPANSION: left without a value, and said so where used. */
  overflowed: Set<string>;
  /** Stage names so far, lower-cased, and how many stages. */
  stages: Set<string>;
  stageCount: number;
}

/** BuildKit's automatic platform ARGs, available in FROM without declaring them. */
function platformArgs(target: Platform): Map<string, string> {
  const arch = target.arch.oci;
  const variant = arch === 'arm' ? (target.arch.variant ?? '') : '';
  return new Map([
    ['TARGETPLATFORM', formatPlatform(target)],
    ['TARGETOS', target.os],
    ['TARGETARCH', arch],
    ['TARGETVARIANT', variant],
  ]);
}

export function startScope(options: DockerfileOptions): DockerfileScope {
  const fromFiles = new Map(
    Object.entries(options.fileArgs ?? {}).filter(([k]) => options.buildArgs?.[k] === undefined),
  );
  const given: Record<string, string> = { ...options.buildArgs };
  for (const [k, a] of fromFiles) if (a.value !== undefined) given[k] = a.value;
  const vars = new Map<string, string | undefined>(platformArgs(options.target));
  return { vars, given, fromFiles, overflowed: new Set(), stages: new Set(), stageCount: 0 };
}

/** A global `ARG` (before the first FROM): a given value wins over its default. */
export function declareGlobalArgs(ins: Arg, scope: DockerfileScope): void {
  const { vars, given, overflowed } = scope;
  for (const prop of ins.getProperties?.() ?? []) {
    const name = prop.getName();
    if (Object.prototype.hasOwnProperty.call(given, name)) {
      vars.set(name, given[name]);
      continue;
    }
    const raw = prop.getValue();
    const r = raw === null ? undefined : substitute(raw, vars, { quotes: false });
    if (r?.overflow || r?.unresolved.some((u) => overflowed.has(u))) overflowed.add(name);
    vars.set(name, r === undefined || r.unresolved.length || r.overflow ? undefined : r.value);
  }
}

export function addStage(scope: DockerfileScope, name: string | undefined): void {
  if (name) scope.stages.add(name.toLowerCase());
  scope.stageCount++;
}

/** A reference with the global ARGs substituted; an expansion over the cap resolves to nothing. */
export function resolveRef(scope: DockerfileScope, raw: string): Substitution {
  if (!/[$"'\\]/.test(raw)) return { value: raw, unresolved: [] };
  const r = substitute(raw, scope.vars);
  if (!r.overflow) return r;
  return { value: '', unresolved: ['(expansion over 4 KB)'], overflow: true };
}

/** A stage name or index declared before: not an image. */
export function isStageRef(scope: DockerfileScope, v: string): boolean {
  return scope.stages.has(v.toLowerCase()) || (/^\d+$/.test(v) && Number(v) < scope.stageCount);
}

/** The file arg a value in `raw` comes from, when a file supplies (or should supply) it. */
export function fileArgOf(scope: DockerfileScope, raw: string): FileArg | undefined {
  const names = [...raw.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
  return names.map((n) => scope.fromFiles.get(n)).find((x) => x !== undefined);
}
