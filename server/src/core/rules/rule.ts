// What a rule is: an id, the file kinds it reads, a check that yields findings, and optionally the
// quick fixes for one of its findings. The context carries the document, parsed once.
import { ContextReader } from '../fixes/contextScripts';
import { KnowledgeSources } from '../availability/knowledgeSources';
import { FileKind } from '../documents/fileKind';
import { ReaderData } from '../documents/kinds';
import { PackagesFor } from '../packages/debianIndex';
import { ParsedDocument } from '../documents/parsedDocument';
import { Platform } from '../platform';
import { CheckedUse, Finding, Fix, Lookup, Severity } from '../types';

/** The document, its checked uses, and what its readers found (ReaderData: notes, per-kind data). */
export interface RuleContext extends ReaderData {
  target: Platform;
  document: ParsedDocument;
  uses: CheckedUse[];
  /** Verdicts for references the rules need beyond the uses (e.g. a replacement's base). */
  lookup: Lookup;
  /** The offline knowledge base (replacement bases). */
  knowledge: KnowledgeSources;
  /** Image prefixes the user builds locally for the target (pull-policy rule). */
  localImagePrefixes: string[];
  /** The target architecture's package index for a Debian suite, when loaded. */
  packages: PackagesFor;
  /** A Dockerfile's build-context files (the scripts a stage copies in), when the file is on disk. */
  readContextFile?: ContextReader;
}

export type RuleFinding = Omit<Finding, 'ruleId' | 'severity'>;

export interface Rule {
  id: string;
  name: string;
  defaultSeverity: Severity;
  /** One line for docs and settings. */
  description: string;
  /** The file kinds the rule reads. */
  kinds: readonly FileKind[];
  check(ctx: RuleContext): RuleFinding[];
  /** Quick fixes for one of this rule's findings, beyond those the check attached. */
  fixes?(finding: Finding, ctx: RuleContext): Fix[];
}

export { ALL_KINDS } from '../documents/kinds';

export const RULES_DOC = 'https://github.com/mips-port/mips-port/blob/main/docs/rules.md';

export function ruleDocUrl(id: string): string {
  return `${RULES_DOC}#${id.toLowerCase()}`;
}
