// The workspace scan, shared by the CLI, the language server (images view, report) and the tests:
// which files, with which per-file engine options, read through the adapter's reader (disk, or the
// editor's open documents first), analysed with registry answers.
import fs from 'node:fs';
import path from 'node:path';
import { AnalysisOptions, DocumentAnalysis } from '../analyse';
import { AvailabilityResolver } from '../availability/resolver';
import { detectFileKind, FileKind } from '../documents/fileKind';
import { DOCUMENT_KINDS } from '../documents/kinds';
import { confinedReader, confinementRoot } from '../fs/confine';
import { DOCUMENT_CAP_BYTES, readRegularFile, ReadResult } from '../fs/readText';
import { findFiles, subfolders } from '../fs/walk';
import { formatPlatform } from '../platform';
import { FileFindings, ScanReport } from '../report/scanReport';
import { Settings } from '../settings';
import { Finding } from '../types';
import { analyseWithRegistry } from './analyseWithRegistry';

/** A file's text as the adapter sees it; a failure says why. */
export type ReadDocument = (file: string) => ReadResult;

export const readFromDisk: ReadDocument = (file) => readRegularFile(file, DOCUMENT_CAP_BYTES);

/** The engine options for one file: settings, plus what files beside it supply (BASEIMAGE). */
export function documentOptions(
  settings: Settings,
  file: string,
  read: ReadDocument,
  kind = detectFileKind(file),
  roots: string[] = [],
): Omit<AnalysisOptions, 'lookup'> {
  // files beside and referenced (kustomize resources, BASEIMAGE) are read only inside the workspace
  const root = confinementRoot(file, [settings.workspaceRoot, ...roots]);
  const readSide = confinedReader((f: string) => {
    const r = read(f);
    return r.ok ? r.text : undefined;
  }, root);
  return {
    target: settings.target,
    severities: settings.severities,
    buildArgs: settings.buildArgs,
    kubeTestRepoList: settings.kubeTestRepoMap,
    localImagePrefixes: settings.localImagePrefixes,
    kind,
    fileArgs: kind && DOCUMENT_KINDS[kind].argsBeside?.(file, settings.target, readSide),
    readSide: kind && DOCUMENT_KINDS[kind].readsSideFiles ? readSide : undefined,
    // a Kubernetes YAML file may be a Kustomize base: its overlays are looked for inside the workspace only
    listFolders: kind === 'yaml' ? confinedReader(subfolders, root) : undefined,
  };
}

export interface ScanInput {
  /** Files or folders; a file named here is analysed whatever its name (as a Dockerfile when unknown). */
  roots: string[];
  settings: Settings;
  read: ReadDocument;
  resolver: AvailabilityResolver;
  /** How a file is named in the report (relative path, URI). */
  display: (file: string) => string;
  packages?: AnalysisOptions['packages'];
}

export interface ScannedFile {
  path: string;
  analysis?: DocumentAnalysis;
}

export interface WorkspaceScan {
  report: ScanReport;
  files: ScannedFile[];
}

export function fileProblem(message: string): Finding {
  const at = { line: 0, character: 0 };
  return { ruleId: 'MP107', severity: 'error', message, suggestions: [], range: { start: at, end: at } };
}

export async function scanWorkspace(input: ScanInput): Promise<WorkspaceScan> {
  const walked = findFiles(input.roots, (f) => detectFileKind(f) !== undefined);
  const problems: FileFindings[] = walked.errors.map((e) => ({
    file: input.display(e.path),
    findings: [fileProblem(`Cannot read ${input.display(e.path)}: ${e.message}.`)],
  }));
  const docs: { path: string; text: string; kind: FileKind }[] = [];
  for (const file of walked.files) {
    const r = input.read(file);
    if (!r.ok) {
      problems.push({
        file: input.display(file),
        findings: [fileProblem(`Cannot read ${input.display(file)}: ${r.reason}; skipped.`)],
      });
      continue;
    }
    // editors drop the byte-order mark; do the same so columns match what the user sees
    const text = r.text.charCodeAt(0) === 0xfeff ? r.text.slice(1) : r.text;
    docs.push({ path: file, text, kind: detectFileKind(file) ?? 'dockerfile' });
  }
  const scanRoots = input.roots.map((r) => (fs.statSync(r, { throwIfNoEntry: false })?.isFile() ? path.dirname(r) : r));
  const inputs = docs.map((d) => ({
    path: d.path,
    text: d.text,
    options: {
      ...documentOptions(input.settings, d.path, input.read, d.kind, scanRoots),
      packages: input.packages,
    },
  }));
  const analyses = await analyseWithRegistry(inputs, input.resolver);
  const files: FileFindings[] = [...problems];
  const scanned: ScannedFile[] = [];
  docs.forEach((d, i) => {
    const a = analyses[i];
    scanned.push({ path: d.path, analysis: a });
    if (a && !(DOCUMENT_KINDS[a.kind].quietWhenEmpty && !a.yamlKind && a.findings.length === 0))
      files.push({ file: input.display(d.path), findings: a.findings });
  });
  files.sort((a, b) => a.file.localeCompare(b.file));
  return { report: { platform: formatPlatform(input.settings.target), files }, files: scanned };
}

/** `path` relative to `cwd` with forward slashes, as the CLI names files. */
export function relativeName(cwd: string, p: string): string {
  const r = path.relative(cwd, path.resolve(cwd, p));
  return (r === '' ? '.' : r).split(path.sep).join('/');
}
