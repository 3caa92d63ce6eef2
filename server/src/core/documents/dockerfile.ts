// Image uses of a Dockerfile: every FROM, COPY --from=<image> and RUN --mount=from=<image>,
// with global ARG defaults substituted. Stage names and `scratch` are not images.
import { Arg, Copy, From, Instruction, Run } from 'dockerfile-ast';
import { ParsedDocument } from './parsedDocument';
import { Platform, formatPlatform } from '../platform';
import { Range, ImageUse } from '../types';
import { MAX_EXPANSION, substitute, Substitution } from './buildArgs';

export interface DockerfileAnalysis {
  uses: ImageUse[];
  /** Set when the text could not be parsed at all. */
  parseError?: string;
}

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

/** Older Kubernetes image Dockerfiles say `FROM BASEIMAGE`; image-util.sh replaced it with sed. */
const LEGACY_PLACEHOLDER = 'BASEIMAGE';

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

export function isBuildPlatformRef(value: string): boolean {
  return /\$\{?BUILDPLATFORM\}?|\$\{?BUILDOS\}?\/\$\{?BUILDARCH\}?/.test(value);
}

export function analyseDockerfile(doc: ParsedDocument, options: DockerfileOptions): DockerfileAnalysis {
  let instructions: Instruction[];
  try {
    instructions = doc.instructions();
  } catch (e) {
    return { uses: [], parseError: e instanceof Error ? e.message : String(e) };
  }

  const vars = new Map<string, string | undefined>(platformArgs(options.target));
  const fromFiles = new Map(
    Object.entries(options.fileArgs ?? {}).filter(([k]) => options.buildArgs?.[k] === undefined),
  );
  const given: Record<string, string> = { ...options.buildArgs };
  for (const [k, a] of fromFiles) if (a.value !== undefined) given[k] = a.value;
  /** The file arg a value in `raw` comes from, when a file supplies (or should supply) it. */
  const fileArgOf = (raw: string): FileArg | undefined => {
    const names = [...raw.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
    return names.map((n) => fromFiles.get(n)).find((x) => x !== undefined);
  };
  const stages = new Set<string>();
  let stageCount = 0;
  let seenFrom = false;
  const uses: ImageUse[] = [];

  /** ARGs whose value would pass MAX_EXPANSION: left without a value, and said so where used. */
  const overflowed = new Set<string>();
  const resolve = (raw: string): Substitution => {
    if (!/[$"'\\]/.test(raw)) return { value: raw, unresolved: [] };
    const r = substitute(raw, vars);
    if (!r.overflow) return r;
    return { value: '', unresolved: ['(expansion over 4 KB)'], overflow: true };
  };
  const isStageRef = (v: string) => stages.has(v.toLowerCase()) || (/^\d+$/.test(v) && Number(v) < stageCount);

  for (const ins of instructions) {
    const keyword = ins.getKeyword();
    if (keyword === 'ARG' && !seenFrom) {
      for (const prop of (ins as Arg).getProperties?.() ?? []) {
        const name = prop.getName();
        if (Object.prototype.hasOwnProperty.call(given, name)) vars.set(name, given[name]);
        else {
          const raw = prop.getValue();
          const r = raw === null ? undefined : substitute(raw, vars, { quotes: false });
          if (r?.overflow || r?.unresolved.some((u) => overflowed.has(u))) overflowed.add(name);
          vars.set(name, r === undefined || r.unresolved.length || r.overflow ? undefined : r.value);
        }
      }
    } else if (keyword === 'FROM') {
      seenFrom = true;
      const from = ins as From;
      const args = from.getArguments();
      if (args.length === 0) continue;
      const imageArg = args[0];
      const raw = imageArg.getValue();
      const flag = from.getPlatformFlag();
      const flagValue = flag?.getValue() ?? undefined;
      const stageName = args.length >= 3 && args[1].getValue().toUpperCase() === 'AS' ? args[2].getValue() : undefined;
      const placeholder = raw === LEGACY_PLACEHOLDER && !isStageRef(raw);
      const r = placeholder ? substitute('$' + LEGACY_PLACEHOLDER, new Map(Object.entries(given))) : resolve(raw);
      const resolved = r.unresolved.length ? undefined : r.value;
      const isStage = resolved !== undefined && isStageRef(resolved);
      if (!isStage && resolved?.toLowerCase() !== 'scratch') {
        const use: ImageUse = {
          kind: 'from',
          text: raw,
          resolved,
          range: imageArg.getRange(),
          unresolved: r.unresolved,
          stageName,
        };
        const fileArg = fileArgOf(placeholder ? '$' + raw : raw);
        // a value from the file, or none where one is needed; an ARG default standing in is just a default
        if (fileArg && (fileArg.value !== undefined || resolved === undefined)) {
          use.argSource = fileArg.origin;
          if (resolved !== undefined) use.note = `${raw} = ${resolved}, from ${fileArg.origin}.`;
        }
        if (placeholder) use.placeholder = true;
        const big = [...overflowed].filter((n) => raw.includes(n));
        if (r.overflow || big.length) {
          use.unresolved = [...new Set([...r.unresolved.filter((u) => !u.startsWith('(')), ...big])];
          use.problem = `${big.length ? `ARG ${big.join(', ')}` : 'This value'} expands to more than ${MAX_EXPANSION} characters (a variable doubled again and again?); mips-port does not build it, so the image is not checked.`;
        }
        if (flag && flagValue !== undefined) {
          if (isBuildPlatformRef(flagValue)) use.nativeStage = true;
          else {
            const fr = resolve(flagValue);
            use.platformFlag = {
              value: fr.unresolved.length ? flagValue : fr.value,
              range: (flag.getValueRange() ?? flag.getRange()) as Range,
            };
          }
        }
        uses.push(use);
      }
      if (stageName) stages.add(stageName.toLowerCase());
      stageCount++;
    } else if (keyword === 'COPY' || keyword === 'ADD') {
      const flag = (ins as Copy).getFromFlag?.();
      const v = flag?.getValue();
      if (flag && v) {
        const r = resolve(v);
        const resolved = r.unresolved.length ? undefined : r.value;
        if (resolved === undefined || !isStageRef(resolved)) {
          uses.push({
            kind: 'copy-from',
            text: v,
            resolved,
            range: (flag.getValueRange() ?? flag.getRange()) as Range,
            unresolved: r.unresolved,
          });
        }
      }
    } else if (keyword === 'RUN') {
      for (const flag of (ins as Run).getFlags()) {
        if (flag.getName() !== 'mount') continue;
        const from = flag.getOption('from');
        const v = from?.getValue();
        if (!from || !v) continue;
        const r = resolve(v);
        const resolved = r.unresolved.length ? undefined : r.value;
        if (resolved !== undefined && (isStageRef(resolved) || resolved === 'scratch')) continue;
        const range = (from.getValueRange() ?? from.getRange()) as Range;
        uses.push({ kind: 'mount-from', text: v, resolved, range, unresolved: r.unresolved });
      }
    }
  }
  return { uses };
}
