// LSP base-protocol framing, checked before the JSON-RPC reader sees it. The reader stops for good at a
// header it cannot parse (a line without ':', no or a bad Content-Length): the server stays up and never
// answers again. Here a bad header is said on stderr and skipped to the next `Content-Length:` line, LF-only
// separators are taken as CRLF, and only well-formed frames reach the reader.
import { Transform, TransformCallback } from 'node:stream';

/** A header block longer than this without its blank line is garbage, not a header. */
const MAX_HEADER_BYTES = 64 * 1024;
/** One message at most (an editor's biggest didOpen is far below). */
const MAX_CONTENT_BYTES = 256 * 1024 * 1024;
// frames follow each other without a newline (`…}Content-Length: 52`): a header may start anywhere
const NEXT_HEADER = /content-length:/i;

export class FrameFilter extends Transform {
  private buf: Buffer = Buffer.alloc(0);
  /** Body bytes still to come of the frame being passed on. */
  private expect = -1;

  constructor(private readonly warn: (message: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    this.drain();
    done();
  }

  private drain(): void {
    for (;;) {
      if (this.expect >= 0) {
        if (this.buf.length < this.expect) return;
        const body = this.buf.subarray(0, this.expect);
        this.buf = this.buf.subarray(this.expect);
        this.push(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
        this.expect = -1;
        continue;
      }
      const end = headerEnd(this.buf);
      if (!end) {
        if (this.buf.length > MAX_HEADER_BYTES) this.skip('a header line longer than 64 KB');
        return;
      }
      const lines = this.buf.subarray(0, end.at).toString('latin1').split(/\r?\n/);
      const problem = headerProblem(lines);
      if (typeof problem === 'string') {
        this.skip(problem);
        continue;
      }
      this.buf = this.buf.subarray(end.at + end.length);
      this.expect = problem;
    }
  }

  /** Drops bytes up to the next `Content-Length:` (keeping the last line: it may be one cut short). */
  private skip(why: string): void {
    this.warn(`mips-port: bad LSP message header (${why}): skipped to the next Content-Length header`);
    const text = this.buf.toString('latin1');
    const m = NEXT_HEADER.exec(text.slice(1));
    if (m) {
      this.buf = this.buf.subarray(1 + m.index);
      return;
    }
    const nl = text.lastIndexOf('\n');
    this.buf = nl >= 0 ? this.buf.subarray(nl + 1) : Buffer.alloc(0);
  }
}

/** Where the header block ends: `\r\n\r\n`, or `\n\n` for LF-only separators, whichever comes first. */
function headerEnd(buf: Buffer): { at: number; length: number } | undefined {
  const crlf = buf.indexOf('\r\n\r\n');
  const lf = buf.indexOf('\n\n');
  if (crlf < 0 && lf < 0) return undefined;
  if (lf >= 0 && (crlf < 0 || lf < crlf + 1)) return { at: lf, length: 2 };
  return { at: crlf, length: 4 };
}

/** The Content-Length a header block gives, or what is wrong with it. */
function headerProblem(lines: string[]): number | string {
  let length: number | undefined;
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) return `"${line.slice(0, 40)}" is not a header line`;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name !== 'content-length') continue;
    if (!/^\d{1,10}$/.test(value) || Number(value) > MAX_CONTENT_BYTES)
      return `Content-Length "${value.slice(0, 20)}" is not a length`;
    length = Number(value);
  }
  return length ?? 'no Content-Length';
}
