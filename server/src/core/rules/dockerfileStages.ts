// Instructions of a Dockerfile grouped by stage, for rules that look inside RUN/ENV/ARG/ADD text.
import { Instruction } from 'dockerfile-ast';
import { dockerfileInstructions } from '../documents/dockerfileInstructions';
import { LineIndex } from '../textPositions';

export interface StageInstruction { ins: Instruction; stage: number; keyword: string; start: number; end: number }
export interface Stages {
  items: StageInstruction[];
  /** Per stage: the FROM line and the ARG names it declares. */
  stages: { fromLine: number; args: Set<string> }[];
  lines: LineIndex;
}

// Several rules read the same text in one analysis: group its instructions once.
let lastText: string | undefined;
let lastStages: Stages | undefined;

export function stagesOf(text: string): Stages | undefined {
  if (text === lastText && lastStages) return lastStages;
  let instructions: Instruction[];
  try { instructions = dockerfileInstructions(text); } catch { return undefined; }
  const lines = new LineIndex(text);
  const out: Stages = { items: [], stages: [], lines };
  let stage = -1;
  for (const ins of instructions) {
    const keyword = ins.getKeyword();
    if (keyword === 'FROM') { stage++; out.stages.push({ fromLine: ins.getRange().end.line, args: new Set() }); }
    if (keyword === 'ARG' && stage >= 0) {
      for (const a of (ins.getArgumentsContent() ?? '').split(/\s+/)) if (a) out.stages[stage].args.add(a.split('=')[0]);
    }
    out.items.push({ ins, stage, keyword, start: lines.offset(ins.getInstructionRange().end), end: lines.offset(ins.getRange().end) });
  }
  lastText = text; lastStages = out;
  return out;
}

/** Edit inserting `ARG TARGETARCH` after the stage's FROM, unless the stage declares it already. */
export function targetArchArgEdit(s: Stages, stage: number): { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[] {
  if (stage < 0 || s.stages[stage].args.has('TARGETARCH')) return [];
  const line = s.stages[stage].fromLine + 1;
  return [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: 'ARG TARGETARCH\n' }];
}

/** The stages of the document a Dockerfile rule looks at, or undefined when the rule does not apply. */
export function ruleStages(ctx: { kind?: string; text?: string; target: { arch: { oci: string } } }, skipForAmd64: boolean): Stages | undefined {
  if (ctx.kind !== 'dockerfile' || !ctx.text || (skipForAmd64 && ctx.target.arch.oci === 'amd64')) return undefined;
  return stagesOf(ctx.text);
}
