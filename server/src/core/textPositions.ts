import { Position, Range } from './types';

/** Offset -> line/character conversion for one text (UTF-16 offsets, as LSP counts them). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  offset(p: Position): number {
    return this.starts[Math.min(p.line, this.starts.length - 1)] + p.character;
  }

  lineStart(line: number): number {
    return this.starts[Math.min(line, this.starts.length - 1)];
  }
  get lineCount(): number {
    return this.starts.length;
  }
}

export function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}

/** Negative when a comes first, 0 when equal, positive when b comes first. */
export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** The ranges share at least a position (touching ends count). */
export function rangesTouch(a: Range, b: Range): boolean {
  return comparePositions(a.end, b.start) >= 0 && comparePositions(b.end, a.start) >= 0;
}

/** The ranges share more than a boundary (two edits there would clash). */
export function rangesOverlap(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) < 0 && comparePositions(b.start, a.end) < 0;
}

export function rangeContains(r: Range, p: Position): boolean {
  return comparePositions(r.start, p) <= 0 && comparePositions(p, r.end) <= 0;
}

/** The range moved inside the document (lines as split on \n): never past the end, never ending before it starts. */
export function clampRange(r: Range, lines: string[]): Range {
  const last = Math.max(0, lines.length - 1);
  const clamp = (p: Position): Position => {
    const line = Math.min(Math.max(0, p.line), last);
    const len = (lines[line] ?? '').replace(/\r$/, '').length;
    return { line, character: Math.min(Math.max(0, p.character), len) };
  };
  const start = clamp(r.start);
  const end = clamp(r.end);
  return comparePositions(end, start) < 0 ? { start, end: start } : { start, end };
}

/** Text from a user's file or a registry, cut for a message: `abc…(+12,345 characters)`. */
export function clip(text: string, max = 120): string {
  return text.length <= max ? text : `${text.slice(0, max)}…(+${(text.length - max).toLocaleString('en')} characters)`;
}
