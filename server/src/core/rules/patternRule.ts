// A Dockerfile rule made of patterns, the shape the x86-naming rules share (GOARCH=amd64, amd64 download
// URLs, x86 paths and flags), like hadolint's simpleRule: the rule says which instructions it reads and
// what one match means; the stages, the amd64 skip and the search outside arch dispatch are done here.
import { StageInstruction, Stages } from '../documents/dockerfileStages';
import { InstructionMatch, matchesOutsideDispatch } from './outsideDispatch';
import { Rule, RuleContext, RuleFinding } from './rule';
import { ruleStages } from './dockerfileStages';

/** One match of one of the rule's patterns, with what a finding about it needs. */
export interface PatternHit extends InstructionMatch {
  ctx: RuleContext;
  stages: Stages;
  /** Which of the rule's patterns matched (its index). */
  pattern: number;
}

export interface PatternRule extends Omit<Rule, 'kinds' | 'check' | 'fixes'> {
  /** True when x86 names are right on an amd64 target, so the rule says nothing there. */
  skipForAmd64: boolean;
  keywords: readonly string[];
  /** Global regular expressions, searched in this order. */
  patterns: readonly RegExp[];
  /** Only instructions this keeps are searched (default: every one of the keywords). */
  wanted?: (item: StageInstruction, body: string) => boolean;
  findings(hit: PatternHit): RuleFinding[];
}

export function patternRule(spec: PatternRule): Rule {
  const { id, name, defaultSeverity, description } = spec;
  return {
    id,
    name,
    defaultSeverity,
    description,
    kinds: ['dockerfile'],
    check: (ctx) => {
      const stages = ruleStages(ctx, spec.skipForAmd64);
      if (!stages) return [];
      return spec.patterns.flatMap((re, pattern) =>
        matchesOutsideDispatch(stages, ctx.document.text, spec.keywords, re, spec.wanted).flatMap((m) =>
          spec.findings({ ...m, ctx, stages, pattern }),
        ),
      );
    },
  };
}
