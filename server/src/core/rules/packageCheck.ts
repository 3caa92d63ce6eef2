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
