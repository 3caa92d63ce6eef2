// Helpers for the rules that read a Dockerfile's stages.
import { Stages } from '../documents/dockerfileStages';
import { TextEdit } from '../types';
import { Rule, RuleContext, RuleFinding } from './rule';

/** Edit inserting `ARG TARGETARCH` after the stage's FROM, unless the stage declares it already. */
export function targetArchArgEdit(s: Stages, stage: number): TextEdit[] {
  if (stage < 0 || s.stages[stage].args.has('TARGETARCH')) return [];
  const line = s.stages[stage].fromLine + 1;
  return [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: 'ARG TARGETARCH\n' }];
}

/** The stages of the Dockerfile a rule looks at, or undefined when the rule does not apply. */
export function ruleStages(ctx: RuleContext, skipForAmd64: boolean): Stages | undefined {
  if (skipForAmd64 && ctx.target.arch.oci === 'amd64') return undefined;
  return ctx.document.stages;
}

/** A Dockerfile rule that reads the stages, like hadolint's simpleRule: the rule gives its check over the
 *  stages; the kind, the stages and the amd64 skip are done here. */
export interface StagesRule extends Omit<Rule, 'kinds' | 'check'> {
  /** True when x86 names are right on an amd64 target, so the rule says nothing there. */
  skipForAmd64: boolean;
  check(ctx: RuleContext, stages: Stages): RuleFinding[];
}

export function stagesRule(spec: StagesRule): Rule {
  const { skipForAmd64, check, ...rule } = spec;
  return {
    ...rule,
    kinds: ['dockerfile'],
    check: (ctx) => {
      const stages = ruleStages(ctx, skipForAmd64);
      return stages ? check(ctx, stages) : [];
    },
  };
}
