// A Dockerfile rule made of patterns, the shape the x86-naming rules share (GOARCH=amd64, amd64 download
// URLs, x86 paths and flags), on top of stagesRule: the rule says which instructions it reads and what one
// match means; the search outside arch dispatch is done here.
import { StageInstruction, Stages } from '../documents/dockerfileStages';
import { InstructionMatch, matchesOutsideDispatch } from './outsideDispatch';
import { Rule, RuleContext, RuleFinding } from './rule';
import { StagesRule, stagesRule } from './dockerfileStages';

/** One match of one of the rule's patterns, with what a finding about it needs. */
export interface PatternHit extends InstructionMatch {
  ctx: RuleContext;
  stages: Stages;
  /** Which of the rule's patterns matched (its index). */
  pattern: number;
}

export interface PatternRule extends Omit<StagesRule, 'check' | 'fixes'> {
  keywords: readonly string[];
  /** Global regular expressions, searched in this order. */
  patterns: readonly RegExp[];
  /** Only instructions this keeps are searched (default: every one of the keywords). */
  wanted?: (item: StageInstruction, body: string) => boolean;
  findings(hit: PatternHit): RuleFinding[];
}

export function patternRule(spec: PatternRule): Rule {
  const { keywords, patterns, wanted, findings, ...rule } = spec;
  return stagesRule({
    ...rule,
    check: (ctx, stages) =>
      patterns.flatMap((re, pattern) =>
        matchesOutsideDispatch(stages, ctx.document.text, keywords, re, wanted).flatMap((m) =>
          findings({ ...m, ctx, stages, pattern }),
        ),
      ),
  });
}
