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

/** What every rule has: a stable id and name, a default severity the user can change, one line of docs. */
export interface RuleInfo {
  id: string;
  name: string;
  defaultSeverity: Severity;
  /** One line for docs and settings. */
  description: string;
}

/** A rule over a document: it reads the document's context and yields findings. */
export interface Rule extends RuleInfo {
  /** The file kinds the rule reads. */
  kinds: readonly FileKind[];
  check(ctx: RuleContext): RuleFinding[];
  /** Quick fixes for one of this rule's findings, beyond those the check attached; long work (a stage's
   *  port) comes in steps, so a pause may come between them. */
  fixes?(finding: Finding, ctx: RuleContext): Fix[] | Generator<void, Fix[]>;
}

/** A rule whose findings a program's results give (the Go toolchain's check of a module), not a document. */
export interface ToolRule extends RuleInfo {
  tool: 'go';
}

export { ALL_KINDS } from '../documents/kinds';

export const RULES_DOC = 'https://github.com/mips-port/mips-port/blob/main/docs/rules.md';

export function ruleDocUrl(id: string): string {
  return `${RULES_DOC}#${id.toLowerCase()}`;
}
