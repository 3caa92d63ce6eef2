// `mips-port scan`: analyse every supported file under the given paths.
import fs from 'node:fs';
import path from 'node:path';
import { SeverityOverride } from '../core/types';
import { analyseWithRegistry } from '../core/workspace/analyseWithRegistry';
import { AvailabilityResolver } from '../core/availability/resolver';
import { formatPlatform, Platform } from '../core/platform';
import { FileFindings, ScanReport } from '../core/report/scanReport';
import { findFiles } from '../core/fs/walk';
import { detectFileKind } from '../core/documents/fileKind';
import { siblingFileArgs } from '../core/documents/siblingFiles';
import { readTextFile } from '../core/fs/readText';

const MAX_FILE_BYTES = 50 * 1024 * 1024;

export interface ScanOptions {
  paths: string[];
  target: Platform;
  severities?: Record<string, SeverityOverride>;
  buildArgs?: Record<string, string>;
  kubeTestRepoList?: Record<string, string>;
  localImagePrefixes?: string[];
  cwd: string;
}

function rel(cwd: string, p: string): string {
  const r = path.relative(cwd, path.resolve(cwd, p));
  return (r === '' ? '.' : r).split(path.sep).join('/');
}

function fileProblem(file: string, message: string): FileFindings {
  return { file, findings: [{ ruleId: 'MP107', severity: 'error', message, suggestions: [], range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] };
}

/** Scans the files under the paths, with registry answers unless the resolver is offline. */
export async function scanWithResolver(opts: ScanOptions, resolver: AvailabilityResolver): Promise<ScanReport> {
  const texts = readAll(opts);
  const readable = texts.filter((t) => t.text !== undefined);
  const known = new Map(readable.map((t) => [t.abs, t.text as string]));
  const read = (f: string) => known.get(f) ?? readTextFile(f);
  const analyses = await analyseWithRegistry(readable.map((t) => ({ path: t.abs, text: t.text as string, options: { ...engineOptions(opts, t.abs, read), severities: opts.severities } })), resolver);
  const byFile = new Map(readable.map((t, i) => [t, analyses[i]]));
  const files: FileFindings[] = [];
  for (const t of texts) {
    if (t.problem) { files.push(t.problem); continue; }
    const a = byFile.get(t);
    // YAML that is neither Kubernetes nor Compose is not ours to report on.
    if (a && !(a.kind === 'yaml' && !a.yamlKind && a.findings.length === 0)) files.push({ file: t.shown, findings: a.findings });
  }
  files.sort((a, b) => a.file.localeCompare(b.file));
  return { platform: formatPlatform(opts.target), files };
}

function engineOptions(opts: ScanOptions, file: string, read: (f: string) => string | undefined) {
  const kind = detectFileKind(file) ?? ('dockerfile' as const);
  return {
    target: opts.target, buildArgs: opts.buildArgs, kubeTestRepoList: opts.kubeTestRepoList, localImagePrefixes: opts.localImagePrefixes,
    kind, fileArgs: kind === 'dockerfile' ? siblingFileArgs(file, opts.target, read) : undefined,
  };
}

interface ReadFile { abs: string; shown: string; text?: string; problem?: FileFindings }

function readAll(opts: ScanOptions): ReadFile[] {
  const walked = findFiles(opts.paths.map((p) => path.resolve(opts.cwd, p)));
  const out: ReadFile[] = [];
  for (const e of walked.errors) out.push({ abs: e.path, shown: rel(opts.cwd, e.path), problem: fileProblem(rel(opts.cwd, e.path), `Cannot read ${rel(opts.cwd, e.path)}: ${e.message}.`) });
  for (const file of walked.files) {
    const shown = rel(opts.cwd, file);
    try {
      const size = fs.statSync(file).size;
      if (size > MAX_FILE_BYTES) { out.push({ abs: file, shown, problem: fileProblem(shown, `${shown} is ${Math.round(size / 1048576)} MB, larger than the 50 MB mips-port analyses; skipped.`) }); continue; }
      let text = fs.readFileSync(file, 'utf8');
      // Editors drop the byte-order mark; do the same so columns match what the user sees.
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      out.push({ abs: file, shown, text });
    } catch (e) {
      out.push({ abs: file, shown, problem: fileProblem(shown, `Cannot read ${shown}: ${(e as Error).message}.`) });
    }
  }
  return out;
}
