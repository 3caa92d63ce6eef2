// `mips-port scan`: analyse every supported file under the given paths.
import fs from 'node:fs';
import path from 'node:path';
import { analyseDocument, Lookup, SeverityOverride } from '../core/analyze';
import { AvailabilityResolver } from '../core/availability/resolver';
import { formatPlatform, Platform } from '../core/platform';
import { FileFindings, ScanReport } from '../core/report/scanReport';
import { findFiles } from '../core/workspace/walk';
import { detectFileKind } from '../core/documents/fileKind';

const MAX_FILE_BYTES = 50 * 1024 * 1024;

export interface ScanOptions {
  paths: string[];
  target: Platform;
  lookup: Lookup;
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

/** Scans with registry answers: a first local pass finds the references, the registry is asked for
 * those it must (concurrently, deduplicated), then the files are analysed with the answers. */
export async function scanWithResolver(opts: Omit<ScanOptions, 'lookup'>, resolver: AvailabilityResolver): Promise<ScanReport> {
  const lookup: Lookup = (ref, platform) => resolver.local(ref, platform);
  const texts = readAll(opts);
  if (!resolver.offline) {
    const pending: Promise<unknown>[] = [];
    // First pass only collects references: no verdicts needed yet.
    const collect: Lookup = () => ({ status: 'unknown', source: 'knowledge-base', reason: '', suggestions: [] });
    for (const t of texts) {
      if (t.text === undefined) continue;
      const a = analyseDocument(t.abs, t.text, { ...engineOptions(opts, t.abs), lookup: collect });
      for (const c of a?.uses ?? []) if (c.ref && !c.use.nativeStage && resolver.needsNetwork(c.ref, c.platform)) pending.push(resolver.resolve(c.ref, c.platform));
    }
    await Promise.all(pending);
  }
  return report(opts, texts, lookup);
}

function engineOptions(opts: Omit<ScanOptions, 'lookup'>, file: string) {
  return {
    target: opts.target, buildArgs: opts.buildArgs, kubeTestRepoList: opts.kubeTestRepoList, localImagePrefixes: opts.localImagePrefixes,
    kind: detectFileKind(file) ?? ('dockerfile' as const),
  };
}

interface ReadFile { abs: string; shown: string; text?: string; problem?: FileFindings }

function readAll(opts: Omit<ScanOptions, 'lookup'>): ReadFile[] {
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

function report(opts: Omit<ScanOptions, 'lookup'>, texts: ReadFile[], lookup: Lookup): ScanReport {
  const files: FileFindings[] = [];
  for (const t of texts) {
    if (t.problem) { files.push(t.problem); continue; }
    const a = analyseDocument(t.abs, t.text as string, { ...engineOptions(opts, t.abs), lookup, severities: opts.severities });
    // YAML that is neither Kubernetes nor Compose is not ours to report on.
    if (a && !(a.kind === 'yaml' && !a.yamlKind && a.findings.length === 0)) files.push({ file: t.shown, findings: a.findings });
  }
  files.sort((a, b) => a.file.localeCompare(b.file));
  return { platform: formatPlatform(opts.target), files };
}

export function scan(opts: ScanOptions): ScanReport {
  return report(opts, readAll(opts), opts.lookup);
}
