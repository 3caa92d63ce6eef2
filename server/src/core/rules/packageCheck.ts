import { Range } from '../types';
import { Rule, RuleFinding } from './rule';

const NOTE = /#\s*mips-port:\s*check package name:\s*(\S+)/g;

export const packageCheck: Rule = {
  id: 'MP123',
  name: 'package-name-check',
  defaultSeverity: 'warning',
  description: 'A package kept its Alpine/RPM name when the stage was ported to Debian; check the Debian name.',
  kinds: ['dockerfile'],
  check: (ctx) => {
    if (!ctx.document.text.includes('mips-port')) return [];
    const out: RuleFinding[] = [];
    ctx.document.lines.forEach((line, n) => {
      for (const m of line.matchAll(NOTE)) {
        out.push({
          range: { start: { line: n, character: m.index ?? 0 }, end: { line: n, character: line.length } },
          message: `Package ${m[1]} kept its Alpine name: check Debian has it (apt-cache search ${m[1]}), then remove this comment. It kept its old name when this stage was ported to Debian; packages.debian.org lists Debian's names.`,
          suggestions: [],
        });
      }
    });
    return out;
  },
};

/** A port's "check package name: X" note and MP124's "X is not a Debian package" on the RUN below it say
 *  the same thing: only MP124's, the one that knows, is kept. */
export function withoutRedundantChecks<T extends { ruleId: string; message: string; range: Range }>(
  findings: T[],
): T[] {
  const unavailable = findings
    .filter((f) => f.ruleId === 'MP124')
    .map((f) => ({ name: /^(\S+) (?:has no|is not)/.exec(f.message)?.[1], line: f.range.start.line }));
  return findings.filter((f) => {
    if (f.ruleId !== 'MP123') return true;
    const name = /^Package (\S+) kept/.exec(f.message)?.[1];
    // the note sits above the instruction it is about
    return !unavailable.some((u) => u.name === name && u.line > f.range.start.line && u.line - f.range.start.line < 40);
  });
}
