// Instructions of a Dockerfile grouped by stage, for rules and fixes that look inside RUN/ENV/ARG/ADD text.
import { Instruction } from 'dockerfile-ast';
import { LineIndex } from '../textPositions';

export interface StageInstruction {
  ins: Instruction;
  stage: number;
  keyword: string;
  /** Offsets of the instruction's arguments (after the keyword) in the text. */
  start: number;
  end: number;
}

export interface Stages {
  items: StageInstruction[];
  /** Per stage: the FROM line and the ARG names it declares. */
  stages: { fromLine: number; args: Set<string> }[];
}

export function groupStages(instructions: Instruction[], lines: LineIndex): Stages {
  const out: Stages = { items: [], stages: [] };
  let stage = -1;
  for (const ins of instructions) {
    const keyword = ins.getKeyword();
    if (keyword === 'FROM') {
      stage++;
      out.stages.push({ fromLine: ins.getRange().end.line, args: new Set() });
    }
    if (keyword === 'ARG' && stage >= 0) {
      for (const a of (ins.getArgumentsContent() ?? '').split(/\s+/))
        if (a) out.stages[stage].args.add(a.split('=')[0]);
    }
    const start = lines.offset(ins.getInstructionRange().end);
    out.items.push({ ins, stage, keyword, start, end: lines.offset(ins.getRange().end) });
  }
  return out;
}
