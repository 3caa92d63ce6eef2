// Compiler-style text: `file:line:col: severity MPxxx message`, then a summary line.
import { targetFactsNote } from '../availability/targetFacts';
import { parsePlatform } from '../platform';
import { countStatuses, ScanReport } from './scanReport';

export function toText(report: ScanReport, mode: string): string {
  const out: string[] = [];
  for (const f of report.files) {
    for (const x of f.findings) {
      const sev = x.status === 'available' ? 'ok' : x.severity;
      // the Problems sentence, then the rest on the same line (a log keeps the why)
      const more = x.detail ? ` ${x.detail.replace(/\s*\n+\s*/g, ' ')}` : '';
      out.push(
        `${f.file}:${x.range.start.line + 1}:${x.range.start.character + 1}: ${sev} ${x.ruleId} ${x.message}${more}`,
      );
    }
  }
  // said once here, not in each verdict
  const p = parsePlatform(report.platform);
  const note = p.ok ? targetFactsNote(p.platform) : undefined;
  if (note) out.push(`note: ${note}`);
  const c = countStatuses(report);
  const total = c.available + c.missing + c.unknown;
  out.push(
    `${report.files.length} file${report.files.length === 1 ? '' : 's'}, ${total} image use${total === 1 ? '' : 's'} for ${report.platform} (${mode}): ${c.available} available, ${c.missing} missing, ${c.unknown} unknown${c.unchecked ? `, ${c.unchecked} not checked` : ''}${c.goErrors ? `; ${c.goErrors} Go error${c.goErrors === 1 ? '' : 's'} for the target` : ''}`,
  );
  return out.join('\n') + '\n';
}
