import { ImageRef } from '../imageRef';
import { CheckedUse, Finding, Severity, Verdict } from '../types';
import { MissingBaseimageLine } from '../documents/baseimage';
import { Platform } from '../platform';

export interface RuleContext {
  target: Platform;
  uses: CheckedUse[];
  parseError?: string;
  /** A file-level note (a template or unreadable YAML that was skipped). */
  skipped?: string;
  /** BASEIMAGE without a line for the target. */
  missingTarget?: MissingBaseimageLine;
  /** Verdicts for references the rules need beyond the uses (e.g. a replacement's base). */
  lookup: (ref: ImageRef, platform: Platform) => Verdict;
  /** Image prefixes the user builds locally for the target (pull-policy rule). */
  localImagePrefixes: string[];
  /** The document text and kind, for rules that read instructions themselves. */
  text?: string;
  kind?: string;
  /** Leading spaces of a line of the document (for inserted YAML keys). */
  indentOf?: (line: number) => number;
}

export type RuleFinding = Omit<Finding, 'ruleId' | 'severity'>;

export interface Rule {
  id: string;
  name: string;
  defaultSeverity: Severity;
  /** One line for docs and settings. */
  description: string;
  check(ctx: RuleContext): RuleFinding[];
}

export const RULES_DOC = 'https://github.com/mips-port/mips-port/blob/main/docs/rules.md';

export function ruleDocUrl(id: string): string {
  return `${RULES_DOC}#${id.toLowerCase()}`;
}
