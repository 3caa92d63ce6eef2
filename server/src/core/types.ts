// Shared shapes of the engine. Positions are 0-based (LSP style); adapters convert for humans.

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type Status = 'available' | 'missing' | 'unknown';
export type VerdictSource = 'registry' | 'cache' | 'knowledge-base' | 'mirror';

export interface Suggestion {
  /** Fully normalised replacement reference. */
  image: string;
  /** One line on why this candidate. */
  reason: string;
}

export interface Verdict {
  status: Status;
  source: VerdictSource;
  /** What was found and why it means `status`, in one or two sentences. */
  reason: string;
  /** Platforms the source knows for this reference (`linux/amd64`, …), when it knows them. */
  platforms?: string[];
  /** Date the tag stopped being rebuilt, for tags the registry keeps frozen. */
  frozenSince?: string;
  /** Content digest the registry (or cache) gave for the reference. */
  digest?: string;
  suggestions: Suggestion[];
}

export interface TextEdit { range: Range; newText: string }

/** A safe edit that resolves a finding (an LSP quick fix). */
export interface Fix {
  title: string;
  edits: TextEdit[];
  isPreferred?: boolean;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  range: Range;
  message: string;
  /** Normalised reference the finding is about, if any. */
  image?: string;
  status?: Status;
  source?: VerdictSource;
  suggestions: Suggestion[];
  /** Longer Markdown text for hovers. */
  detail?: string;
  fixes?: Fix[];
}
