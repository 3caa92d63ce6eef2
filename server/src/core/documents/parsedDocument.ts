// One document's text, parsed once and shared by the extractor, every rule and every fix of an
// analysis: line offsets, lines, and for Dockerfiles the instructions and their stages.
import { Instruction } from 'dockerfile-ast';
import { LineIndex } from '../textPositions';
import { groupStages, Stages } from './dockerfileStages';
import { FileKind } from '../../shared/documentFiles';
import { parseDockerfile } from './parseDockerfile';

export class ParsedDocument {
  private index?: LineIndex;
  private split?: string[];
  private parsed?: { instructions: Instruction[] } | { error: unknown };
  private grouped?: Stages | null;
  private shell?: string;

  constructor(
    readonly text: string,
    readonly kind: FileKind,
  ) {}

  get lineIndex(): LineIndex {
    return (this.index ??= new LineIndex(this.text));
  }

  get lines(): string[] {
    return (this.split ??= this.text.split('\n'));
  }

  /** Dockerfile instructions; throws what the parser threw (parsed once, success or not). */
  instructions(): Instruction[] {
    if (!this.parsed) {
      try {
        this.parsed = { instructions: parseDockerfile(this.text) };
      } catch (error) {
        this.parsed = { error };
      }
    }
    if ('error' in this.parsed) throw this.parsed.error;
    return this.parsed.instructions;
  }

  /** A Dockerfile's instructions by stage; undefined for other kinds or an unparsable text. */
  get stages(): Stages | undefined {
    if (this.grouped === undefined) {
      if (this.kind !== 'dockerfile') this.grouped = null;
      else {
        try {
          this.grouped = groupStages(this.instructions(), this.lineIndex);
        } catch {
          this.grouped = null;
        }
      }
    }
    return this.grouped ?? undefined;
  }

  /** The Dockerfile's escape character: `\\` unless a `# escape=` parser directive says otherwise. */
  get escapeChar(): string {
    return this.kind === 'dockerfile' ? escapeDirective(this.text) : '\\';
  }

  /** The text as the shell sees RUN bodies: escape-character line continuations written as `\\`
   *  (same length, so offsets into it are offsets into the text). */
  get shellText(): string {
    if (this.shell === undefined) {
      const e = this.escapeChar;
      this.shell = e === '\\' ? this.text : this.text.replace(/`(?=\r?\n|\r)/g, '\\');
    }
    return this.shell;
  }

  /** Leading spaces of a line (for inserted YAML keys). */
  indentOf(line: number): number {
    return /^\s*/.exec(this.lines[line] ?? '')?.[0].length ?? 0;
  }
}

/** The `# escape=` directive among the leading comment lines (BuildKit accepts only \\ and `). */
export function escapeDirective(text: string): string {
  for (const line of text.replace(/^\ufeff/, '').split(/\r?\n|\r/, 20)) {
    const m = /^#\s*([a-zA-Z]+)\s*=\s*(\S*)\s*$/.exec(line.trim());
    if (!m) break;
    if (m[1].toLowerCase() === 'escape') return m[2] === '`' ? '`' : '\\';
  }
  return '\\';
}
