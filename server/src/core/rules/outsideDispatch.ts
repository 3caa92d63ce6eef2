// The loop the x86-naming rules share (GOARCH=amd64, amd64 download URLs, x86 paths and flags): a
// pattern's matches in the instructions of a few keywords, outside shell blocks that choose by arch.
import { StageInstruction, Stages } from '../documents/dockerfileStages';
import { archDispatchSpans, insideSpans } from './archDispatch';

export interface InstructionMatch {
  item: StageInstruction;
  /** The match, its offsets relative to the instruction's arguments. */
  match: RegExpMatchArray;
  /** The match's offset in the document. */
  start: number;
}

/** Matches of `re` (global) in the arguments of `keywords` instructions that `wanted` keeps. */
export function matchesOutsideDispatch(
  s: Stages,
  text: string,
  keywords: readonly string[],
  re: RegExp,
  wanted: (item: StageInstruction, body: string) => boolean = () => true,
): InstructionMatch[] {
  const out: InstructionMatch[] = [];
  for (const item of s.items) {
    if (!keywords.includes(item.keyword)) continue;
    const body = text.slice(item.start, item.end);
    if (!wanted(item, body)) continue;
    const dispatch = archDispatchSpans(body);
    for (const match of body.matchAll(re)) {
      if (insideSpans(dispatch, match.index ?? 0)) continue;
      out.push({ item, match, start: item.start + (match.index ?? 0) });
    }
  }
  return out;
}
