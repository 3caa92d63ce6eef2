// `mips-port scan`: analyse every supported file under the given paths.
import fs from 'node:fs';
import path from 'node:path';
import { analyseDocument, Lookup, SeverityOverride } from '../core/analyze';
import { formatPlatform, Platform } from '../core/platform';
import { FileFindings, ScanReport } from '../core/report/scanReport';
import { findFiles } from '../core/workspace/walk';

const MAX_FILE_BYTES = 50 * 1024 * 1024;

export interface ScanOptions {
  paths: string[];
  target: Platform;
  lookup: Lookup;
  severities?: Record<string, SeverityOverride>;
  buildArgs?: Record<string, string>;
  cwd: string;
}

function rel(cwd: string, p: string): string {
  const r = path.relative(cwd, path.resolve(cwd, p));
  return (r === '' ? '.' : r).split(path.sep).join('/');
}

function fileProblem(file: string, message: string): FileFindings {
  return { file, findings: [{ ruleId: 'MP107', severity: 'error', message, suggestions: [], range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] };
}

export function scan(opts: ScanOptions): ScanReport {
  const walked = findFiles(opts.paths.map((p) => path.resolve(opts.cwd, p)));
  const files: FileFindings[] = [];
  for (const e of walked.errors) files.push(fileProblem(rel(opts.cwd, e.path), `Cannot read ${rel(opts.cwd, e.path)}: ${e.message}.`));
  for (const file of walked.files) {
    const shown = rel(opts.cwd, file);
    let text: string;
    try {
      const size = fs.statSync(file).size;
      if (size > MAX_FILE_BYTES) { files.push(fileProblem(shown, `${shown} is ${Math.round(size / 1048576)} MB, larger than the 50 MB mips-port analyses; skipped.`)); continue; }
      text = fs.readFileSync(file, 'utf8');
      // Editors drop the byte-order mark; do the same so columns match what the user sees.
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    } catch (e) {
      files.push(fileProblem(shown, `Cannot read ${shown}: ${(e as Error).message}.`));
      continue;
    }
    const a = analyseDocument(file, text, { target: opts.target, lookup: opts.lookup, severities: opts.severities, buildArgs: opts.buildArgs, kind: 'dockerfile' });
    if (a) files.push({ file: shown, findings: a.findings });
  }
  files.sort((a, b) => a.file.localeCompare(b.file));
  return { platform: formatPlatform(opts.target), files };
}
