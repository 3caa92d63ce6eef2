// A Dockerfile's stages as a graph: what each builds on (an image or an earlier stage), its FROM
// --platform flag, and which later stages copy from it or build on it. The cross-compile rule and the
// build plan's "where does this stage run" both read it.
import { Copy, From, Instruction } from 'dockerfile-ast';

export interface StageNode {
  index: number;
  /** `AS name`, lower-cased as BuildKit compares it. */
  name?: string;
  /** 0-based line of the FROM keyword. */
  fromLine: number;
  /** The FROM's image operand as written. */
  base: string;
  /** The earlier stage it builds on, when the operand names one. */
  baseStage?: number;
  /** The `--platform=` value as written. */
  platform?: string;
  /** Stages that `COPY --from=` (or `RUN --mount=from=`) this one. */
  copiedBy: number[];
  /** Stages that use it as their FROM. */
  baseOf: number[];
}

function stageOf(nodes: StageNode[], operand: string): number | undefined {
  const v = operand.toLowerCase();
  const named = nodes.find((n) => n.name === v);
  if (named) return named.index;
  if (/^\d+$/.test(v) && Number(v) < nodes.length) return Number(v);
  return undefined;
}

export function stageGraph(instructions: Instruction[]): StageNode[] {
  const nodes: StageNode[] = [];
  for (const ins of instructions) {
    const kw = ins.getKeyword();
    if (kw === 'FROM') {
      const from = ins as From;
      const base = from.getArguments()[0]?.getValue() ?? '';
      const node: StageNode = {
        index: nodes.length,
        name: from.getBuildStage()?.toLowerCase() ?? undefined,
        fromLine: ins.getRange().start.line,
        base,
        baseStage: stageOf(nodes, base),
        platform: from.getPlatformFlag()?.getValue() ?? undefined,
        copiedBy: [],
        baseOf: [],
      };
      if (node.baseStage !== undefined) nodes[node.baseStage].baseOf.push(node.index);
      nodes.push(node);
      continue;
    }
    const current = nodes.length - 1;
    if (current < 0) continue;
    const sources: string[] = [];
    if (kw === 'COPY') {
      const v = (ins as Copy).getFromFlag?.()?.getValue();
      if (v) sources.push(v);
    } else if (kw === 'RUN') {
      for (const m of ins.getTextContent().matchAll(/--mount=\S*?\bfrom=([^,\s]+)/g)) sources.push(m[1]);
    }
    for (const s of sources) {
      const k = stageOf(nodes, s);
      if (k !== undefined && k !== current && !nodes[k].copiedBy.includes(current)) nodes[k].copiedBy.push(current);
    }
  }
  return nodes;
}
