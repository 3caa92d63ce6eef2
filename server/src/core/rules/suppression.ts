// `# mips-port: ignore MP101` (or `// mips-port: ignore …` in Go) on the line above a finding silences
// those rules there; `# mips-port: ignore` with no ids silences every rule on the next line.
import { Finding } from '../types';

const IGNORE = /(?:#|\/\/)\s*mips-port:\s*ignore\b([^\n]*)/i;

function ignored(line: string | undefined, ruleId: string): boolean {
  const m = line ? IGNORE.exec(line) : null;
  if (!m) return false;
  const ids = m[1].split(/[\s,]+/).filter((x) => /^MP\d{3}$/i.test(x));
  return ids.length === 0 || ids.some((x) => x.toUpperCase() === ruleId);
}

export function suppress(findings: Finding[], lines: string[]): Finding[] {
  return findings.filter((f) => !ignored(lines[f.range.start.line - 1], f.ruleId));
}
