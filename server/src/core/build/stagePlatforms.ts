// Where each stage of a build runs: on the build machine (natively) or under QEMU as the target. A
// `FROM --platform=$BUILDPLATFORM` stage runs natively; so does one pinned to the build machine's own
// platform; a stage built on another stage runs where that one does; the rest run as the target.
import { isBuildPlatformRef } from '../documents/dockerfile';
import { parseDockerfile } from '../documents/parseDockerfile';
import { stageGraph, StageNode } from '../documents/stageGraph';
import { ARCHES, formatPlatform, parsePlatform, Platform } from '../platform';

export interface StageRun {
  index: number;
  name?: string;
  /** 1-based line of the stage's FROM. */
  line: number;
  from: string;
  runs: 'native' | 'qemu';
  /** The platform the stage's programs run as. */
  platform: string;
  why: string;
}

const NODE_ARCH: Record<string, string> = {
  x64: 'amd64',
  arm64: 'arm64',
  arm: 'arm',
  ia32: '386',
  mips64el: 'mips64le',
  ppc64: 'ppc64le',
  riscv64: 'riscv64',
  s390x: 's390x',
  loong64: 'loong64',
};

/** The machine the builder runs on (the daemon is taken to be local). */
export function buildPlatform(nodeArch: string = process.arch): Platform {
  const oci = NODE_ARCH[nodeArch] ?? nodeArch;
  const arch = ARCHES.find((a) => a.oci === oci) ?? ARCHES[0];
  return { os: 'linux', arch };
}

/** `classic`: the classic docker builder, which runs every stage as the target (see classicPlatform.ts). */
export function stageRuns(
  text: string,
  target: Platform,
  host: Platform = buildPlatform(),
  classic = false,
): StageRun[] {
  let nodes: StageNode[];
  try {
    nodes = stageGraph(parseDockerfile(text));
  } catch {
    return [];
  }
  const hostName = formatPlatform(host);
  const targetName = formatPlatform(target);
  const out: StageRun[] = [];
  for (const n of nodes) {
    let platform = targetName;
    let why = `built for the target ${targetName}`;
    if (n.platform !== undefined && isBuildPlatformRef(n.platform)) {
      platform = classic ? targetName : hostName;
      why = classic
        ? `--platform=${n.platform}, but the classic builder runs every stage as the target`
        : `--platform=${n.platform}`;
    } else if (n.platform !== undefined && /^\$\{?TARGETPLATFORM\}?$/.test(n.platform.trim())) {
      why = `--platform=${n.platform}`;
    } else if (n.platform !== undefined) {
      const p = parsePlatform(n.platform);
      platform = p.ok ? formatPlatform(p.platform) : n.platform;
      why = `--platform=${n.platform}`;
    } else if (n.baseStage !== undefined) {
      platform = out[n.baseStage].platform;
      why = `built on stage ${out[n.baseStage].name ?? n.baseStage}`;
    }
    const runs = platform === hostName ? 'native' : 'qemu';
    out.push({
      index: n.index,
      ...(n.name ? { name: n.name } : {}),
      line: n.fromLine + 1,
      from: n.base,
      runs,
      platform,
      why,
    });
  }
  return out;
}

/** One line per stage for logs: `stage build (golang:1.22), line 1: native on linux/amd64 (--platform=…)`. */
export function describeStageRun(s: StageRun): string {
  const where = s.runs === 'native' ? `native on ${s.platform}` : `under QEMU as ${s.platform}`;
  return `stage ${s.name ?? s.index} (${s.from}), line ${s.line}: ${where} (${s.why})`;
}
