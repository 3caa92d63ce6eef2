// The result of scanning files, and its JSON form (the contract in DESIGN §3).
import { Finding } from '../types';

export interface FileFindings {
  /** Path relative to the working directory, with forward slashes. */
  file: string;
  findings: Finding[];
}

export interface ScanReport {
  platform: string;
  files: FileFindings[];
}

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  severity: string;
  message: string;
  /** What the one-sentence message leaves out: why, sources, dates, alternatives. */
  detail?: string;
  image?: string;
  status?: string;
  source?: string;
  suggestions: { image: string; reason: string }[];
}

export function toJson(report: ScanReport): { platform: string; findings: JsonFinding[] } {
  const findings: JsonFinding[] = [];
  for (const f of report.files) {
    for (const x of f.findings) {
      findings.push({
        file: f.file,
        line: x.range.start.line + 1,
        column: x.range.start.character + 1,
        endLine: x.range.end.line + 1,
        endColumn: x.range.end.character + 1,
        ruleId: x.ruleId,
        severity: x.severity,
        message: x.message,
        ...(x.detail !== undefined ? { detail: x.detail } : {}),
        ...(x.image !== undefined ? { image: x.image } : {}),
        ...(x.status !== undefined ? { status: x.status } : {}),
        ...(x.source !== undefined ? { source: x.source } : {}),
        suggestions: x.suggestions.map((s) => ({ image: s.image, reason: s.reason })),
      });
    }
  }
  return { platform: report.platform, findings };
}

export interface Counts {
  available: number;
  missing: number;
  unknown: number;
  /** Image uses, entries and files that could not be checked (unreadable, unresolved, invalid). */
  unchecked: number;
  /** Go code that does not compile for the target (the Go check). */
  goErrors: number;
}

/** Findings that stand for an image, entry or file mips-port could not check. */
export const UNCHECKED_RULES = new Set(['MP103', 'MP104', 'MP107', 'MP108', 'MP110', 'MP142']);
/** Go check findings: code that does not build for the target. */
const GO_ERROR_RULES = new Set(['MP140', 'MP141']);

export function countStatuses(report: ScanReport): Counts {
  const c: Counts = { available: 0, missing: 0, unknown: 0, unchecked: 0, goErrors: 0 };
  for (const f of report.files) {
    for (const x of f.findings) {
      if (x.status) c[x.status]++;
      else if (UNCHECKED_RULES.has(x.ruleId)) c.unchecked++;
      else if (GO_ERROR_RULES.has(x.ruleId)) c.goErrors++;
    }
  }
  return c;
}

/** Error findings of any rule (MP124: a package name apt will reject), image verdicts aside. */
export function errorFindings(report: ScanReport): { file: string; finding: Finding }[] {
  return report.files.flatMap((f) =>
    f.findings.filter((x) => x.severity === 'error').map((x) => ({ file: f.file, finding: x })),
  );
}

/** CI's verdict: 0 only when every image use was checked and is available, and no finding is an error. */
export function scanExitCode(report: ScanReport): number {
  const c = countStatuses(report);
  return c.missing + c.unknown + c.unchecked + c.goErrors > 0 || errorFindings(report).length > 0 ? 1 : 0;
}
