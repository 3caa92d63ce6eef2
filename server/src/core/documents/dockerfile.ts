// Image uses of a Dockerfile: every FROM, COPY --from=<image> and RUN --mount=from=<image>,
// with global ARG defaults substituted. Stage names and `scratch` are not images.
import { Arg, Copy, From, Instruction, Run } from 'dockerfile-ast';
import { ParsedDocument } from './parsedDocument';
import { Range, ImageUse } from '../types';
import { MAX_EXPANSION, substitute, Substitution } from './buildArgs';
import {
  addStage,
  declareGlobalArgs,
  DockerfileOptions,
  DockerfileScope,
  fileArgOf,
  isStageRef,
  resolveRef,
  startScope,
} from './dockerfileScope';

export type { DockerfileOptions, FileArg } from './dockerfileScope';

export interface DockerfileAnalysis {
  uses: ImageUse[];
  /** Set when the text could not be parsed at all. */
  parseError?: string;
}

/** Older Kubernetes image Dockerfiles say `FROM BASEIMAGE`; image-util.sh replaced it with sed. */
const LEGACY_PLACEHOLDER = 'BASEIMAGE';

export function isBuildPlatformRef(value: string): boolean {
  return /\$\{?BUILDPLATFORM\}?|\$\{?BUILDOS\}?\/\$\{?BUILDARCH\}?/.test(value);
}

/** The image a FROM names: the legacy placeholder filled from the given args, or its ARGs substituted. */
function fromImage(raw: string, scope: DockerfileScope): { r: Substitution; placeholder: boolean } {
  const placeholder = raw === LEGACY_PLACEHOLDER && !isStageRef(scope, raw);
  const r = placeholder
    ? substitute('$' + LEGACY_PLACEHOLDER, new Map(Object.entries(scope.given)))
    : resolveRef(scope, raw);
  return { r, placeholder };
}

/** Where a file supplies the FROM's value, or should: a value from the file, or none where one is needed
 *  (an ARG default standing in is just a default). Also the placeholder and an expansion over the cap. */
function addOrigin(use: ImageUse, r: Substitution, placeholder: boolean, scope: DockerfileScope): void {
  const raw = use.text;
  const fileArg = fileArgOf(scope, placeholder ? '$' + raw : raw);
  if (fileArg && (fileArg.value !== undefined || use.resolved === undefined)) {
    use.argSource = fileArg.origin;
    if (use.resolved !== undefined) use.note = `${raw} = ${use.resolved}, from ${fileArg.origin}.`;
  }
  if (placeholder) use.placeholder = true;
  const big = [...scope.overflowed].filter((n) => raw.includes(n));
  if (!r.overflow && !big.length) return;
  use.unresolved = [...new Set([...r.unresolved.filter((u) => !u.startsWith('(')), ...big])];
  use.problem = `${big.length ? `ARG ${big.join(', ')}` : 'This value'} expands to more than ${MAX_EXPANSION} characters (a variable doubled again and again?); mips-port does not build it, so the image is not checked.`;
}

/** `FROM --platform=…`: a stage on the build platform, or the platform the image is pinned to. */
function addPlatformFlag(use: ImageUse, from: From, scope: DockerfileScope): void {
  const flag = from.getPlatformFlag();
  const value = flag?.getValue() ?? undefined;
  if (!flag || value === undefined) return;
  if (isBuildPlatformRef(value)) {
    use.nativeStage = true;
    return;
  }
  const fr = resolveRef(scope, value);
  use.platformFlag = {
    value: fr.unresolved.length ? value : fr.value,
    range: (flag.getValueRange() ?? flag.getRange()) as Range,
  };
}

/** A FROM's image use (none for a stage or scratch); the stage it opens is added to the scope. */
function fromUse(from: From, scope: DockerfileScope): ImageUse | undefined {
  const args = from.getArguments();
  if (args.length === 0) return undefined;
  const stageName = args.length >= 3 && args[1].getValue().toUpperCase() === 'AS' ? args[2].getValue() : undefined;
  const raw = args[0].getValue();
  const { r, placeholder } = fromImage(raw, scope);
  const resolved = r.unresolved.length ? undefined : r.value;
  const image = resolved === undefined || (!isStageRef(scope, resolved) && resolved.toLowerCase() !== 'scratch');
  addStage(scope, stageName);
  if (!image) return undefined;
  const use: ImageUse = {
    kind: 'from',
    text: raw,
    resolved,
    range: args[0].getRange(),
    unresolved: r.unresolved,
    stageName,
  };
  addOrigin(use, r, placeholder, scope);
  addPlatformFlag(use, from, scope);
  return use;
}

function copyFromUse(ins: Copy, scope: DockerfileScope): ImageUse | undefined {
  const flag = ins.getFromFlag?.();
  const v = flag?.getValue();
  if (!flag || !v) return undefined;
  const r = resolveRef(scope, v);
  const resolved = r.unresolved.length ? undefined : r.value;
  if (resolved !== undefined && isStageRef(scope, resolved)) return undefined;
  const range = (flag.getValueRange() ?? flag.getRange()) as Range;
  return { kind: 'copy-from', text: v, resolved, range, unresolved: r.unresolved };
}

function mountFromUses(ins: Run, scope: DockerfileScope): ImageUse[] {
  const uses: ImageUse[] = [];
  for (const flag of ins.getFlags()) {
    const from = flag.getName() === 'mount' ? flag.getOption('from') : undefined;
    const v = from?.getValue();
    if (!from || !v) continue;
    const r = resolveRef(scope, v);
    const resolved = r.unresolved.length ? undefined : r.value;
    if (resolved !== undefined && (isStageRef(scope, resolved) || resolved === 'scratch')) continue;
    const range = (from.getValueRange() ?? from.getRange()) as Range;
    uses.push({ kind: 'mount-from', text: v, resolved, range, unresolved: r.unresolved });
  }
  return uses;
}

/** One instruction's image uses, in the scope of those before it. */
function instructionUses(ins: Instruction, scope: DockerfileScope, seenFrom: boolean): ImageUse[] {
  const keyword = ins.getKeyword();
  if (keyword === 'ARG' && !seenFrom) declareGlobalArgs(ins as Arg, scope);
  else if (keyword === 'FROM') return [fromUse(ins as From, scope) ?? []].flat();
  else if (keyword === 'COPY' || keyword === 'ADD') return [copyFromUse(ins as Copy, scope) ?? []].flat();
  else if (keyword === 'RUN') return mountFromUses(ins as Run, scope);
  return [];
}

export function analyseDockerfile(doc: ParsedDocument, options: DockerfileOptions): DockerfileAnalysis {
  let instructions: Instruction[];
  try {
    instructions = doc.instructions();
  } catch (e) {
    return { uses: [], parseError: e instanceof Error ? e.message : String(e) };
  }
  const scope = startScope(options);
  const uses: ImageUse[] = [];
  let seenFrom = false;
  for (const ins of instructions) {
    for (const u of instructionUses(ins, scope, seenFrom)) uses.push(u);
    seenFrom ||= ins.getKeyword() === 'FROM';
  }
  return { uses };
}
