// The engine's entry point: file text -> image uses -> verdicts -> findings (with their fixes). Pure
// and synchronous; verdicts come from the `lookup` the adapter passes (knowledge base now, cache or
// registry later).
import { ContextReader } from './fixes/contextScripts';
import path from 'node:path';
import { realWithin } from './fs/confine';
import { KnowledgeSources, lazyKnowledge } from './availability/knowledgeSources';
import { rankStageReplacements } from './availability/suiteRanking';
import { FileArg } from './documents/dockerfile';
import { detectFileKind, FileKind } from './documents/fileKind';
import { DOCUMENT_KINDS, Extracted, ReaderData, readDocument } from './documents/kinds';
import { ParsedDocument } from './documents/parsedDocument';
import { parseImageRef } from './imageRef';
import { parsePlatform, Platform } from './platform';
import { DebianIndex } from './packages/debianIndex';
import { DOCUMENT_RULES } from './rules';
import { RuleContext } from './rules/rule';
import { severityOf } from './rules/severity';
import { suppress } from './rules/suppression';
import { kustomizeDeployments } from './rules/kustomizeDeployments';
import { withOverlayVerdicts } from './rules/overlayVerdicts';
import { withoutRedundantChecks } from './rules/packageCheck';
import { splitMessage } from './rules/problemMessage';
import { runInSlices, runToEnd, SliceOptions } from './slices';
import { clampRange, clip, comparePositions } from './textPositions';
import { CheckedUse, Finding, ImageUse, Lookup, SeverityOverride } from './types';

export interface AnalysisOptions {
  target: Platform;
  lookup: Lookup;
  /** The offline knowledge base for replacement bases; loaded on first use when not given. */
  knowledge?: KnowledgeSources;
  /** Per rule id (`MP101`) or name (`image-missing`). */
  severities?: Record<string, SeverityOverride>;
  buildArgs?: Record<string, string>;
  /** Build args from files beside a Dockerfile (its Kubernetes BASEIMAGE file): see siblingFileArgs. */
  fileArgs?: Record<string, FileArg>;
  /** Force a kind instead of detecting it from the file name (e.g. the editor's language id). */
  kind?: FileKind;
  /** KUBE_TEST_REPO_LIST contents for manifest.go registries. */
  kubeTestRepoList?: Record<string, string>;
  /** Images the user rebuilds locally for the target (pull-policy rule). */
  localImagePrefixes?: string[];
  /** Reads a file beside the document (Chart.yaml, values.yaml, a Kustomization's resources). */
  readSide?: (file: string) => string | undefined;
  /** Lists the folders inside a folder (where a Kustomize overlay of a YAML file's base may be). */
  listFolders?: (dir: string) => string[] | undefined;
  /** Package indexes (suite, Debian architecture) the engine may consult; none: names are not checked. */
  packages?: (suite: string, debianArch: string) => DebianIndex | undefined;
}

export interface DocumentAnalysis {
  kind: FileKind;
  /** For YAML: what the file turned out to be (none when it has no Kubernetes or Compose content). */
  yamlKind?: 'kubernetes' | 'compose';
  uses: CheckedUse[];
  findings: Finding[];
}

export type { Extracted };

/** Files of the build context (the Dockerfile's folder) by the path a COPY names; nothing outside it. */
function contextReader(file: string, read: AnalysisOptions['readSide']): ContextReader | undefined {
  if (!read || !path.isAbsolute(file)) return undefined;
  const dir = path.dirname(file);
  return (source) => {
    const f = path.resolve(dir, source.replace(/^\/+/, ''));
    // the real path too: a symlink out of the build context is not read (Docker does not follow it)
    return f.startsWith(dir + path.sep) && realWithin(f, dir) ? read(f) : undefined;
  };
}

export function checkUses(uses: ImageUse[], target: Platform, lookup: Lookup): CheckedUse[] {
  return runToEnd(checkUseSteps(uses, target, lookup));
}

/** checkUses one use at a time: a pause may come between two uses (see analyseInSlices). */
function* checkUseSteps(uses: ImageUse[], target: Platform, lookup: Lookup): Generator<void, CheckedUse[]> {
  const out: CheckedUse[] = [];
  for (const use of uses) {
    out.push(checkUse(use, target, lookup));
    yield;
  }
  return out;
}

function checkUse(use: ImageUse, target: Platform, lookup: Lookup): CheckedUse {
  let platform = target;
  if (use.platform) {
    const p = parsePlatform(use.platform);
    if (p.ok) platform = p.platform;
  }
  const c: CheckedUse = { use, platform };
  if (use.resolved === undefined) return c;
  const r = parseImageRef(use.resolved);
  if (!r.ok) {
    c.refError = r.error;
    return c;
  }
  c.ref = r.ref;
  if (!use.nativeStage) {
    try {
      c.verdict = lookup(r.ref, platform);
    } catch (e) {
      const reason = `Look-up failed: ${e instanceof Error ? e.message : String(e)}`;
      c.verdict = { status: 'unknown', source: 'knowledge-base', suggestions: [], reason };
    }
  }
  return c;
}

/** Every rule that reads this kind of file, with each finding's fixes from its own rule. */
export function runRules(ctx: RuleContext, severities?: Record<string, SeverityOverride>): Finding[] {
  return runToEnd(ruleSteps(ctx, severities));
}

/** runRules one finding (with its fixes) at a time. */
function* ruleSteps(ctx: RuleContext, severities?: Record<string, SeverityOverride>): Generator<void, Finding[]> {
  const out: Finding[] = [];
  for (const rule of DOCUMENT_RULES) {
    if (!rule.kinds.includes(ctx.document.kind)) continue;
    const severity = severityOf(rule, severities);
    if (severity === 'off') continue;
    for (const f of rule.check(ctx)) {
      // whatever a file or a registry put into a message, it stays readable
      const finding: Finding = { ...f, ...splitMessage(clip(f.message, 1000), f.detail), ruleId: rule.id, severity };
      const made = rule.fixes?.(finding, ctx) ?? [];
      const more = Array.isArray(made) ? made : yield* made;
      if (more.length) finding.fixes = [...(finding.fixes ?? []), ...more];
      out.push(finding);
      yield;
    }
    yield;
  }
  return withoutRedundantChecks(out).sort(
    (a, b) => comparePositions(a.range.start, b.range.start) || a.ruleId.localeCompare(b.ruleId),
  );
}

/** A document's kind and image uses, before any verdict: what a registry pass needs to know. */
export interface ExtractedDocument {
  document: ParsedDocument;
  extracted: Extracted;
}

export function extractDocument(
  filePath: string,
  text: string,
  options: Omit<AnalysisOptions, 'lookup'>,
): ExtractedDocument | undefined {
  return runToEnd(extractSteps(filePath, text, options));
}

/** extractDocument in steps: a pause may come between them while the file is read. */
function* extractSteps(
  filePath: string,
  text: string,
  options: Omit<AnalysisOptions, 'lookup'>,
): Generator<void, ExtractedDocument | undefined> {
  const kind = options.kind ?? detectFileKind(filePath);
  if (!kind) return undefined;
  // LSP counts a lone \r as a line break; as \n (same length) every offset and position agrees with the editor
  const document = new ParsedDocument(text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text, kind);
  const lines = document.lineIndex.lineCount;
  const max = DOCUMENT_KINDS[kind].maxLines;
  if (lines > max) {
    const skipped = `This file is too large to analyse (${lines} lines; mips-port reads ${kind} files of up to ${max}): its images are not checked.`;
    return { document, extracted: { uses: [], skipped } };
  }
  try {
    return { document, extracted: yield* readDocument(document, { ...options, filePath }) };
  } catch (e) {
    return { document, extracted: { uses: [], parseError: e instanceof Error ? e.message : String(e) } };
  }
}

const defaultKnowledge = lazyKnowledge();

/** What the readers found for the rules: everything but the uses (checked apart) and the YAML role. */
function readerData({ uses: _uses, yamlKind: _yamlKind, ...data }: Extracted): ReaderData {
  return data;
}

/** `prepared`: the same text's extraction, when a caller already made it (the registry pass). */
export function analyseDocument(
  filePath: string,
  text: string,
  options: AnalysisOptions,
  prepared?: ExtractedDocument,
): DocumentAnalysis | undefined {
  return runToEnd(analyseSteps(filePath, text, options, prepared));
}

/** The same analysis in slices of about `sliceMs` of work, with `pause()` awaited between them, so a
 *  server keeps answering while a huge document is read; `stop()` true between slices abandons it. */
export function analyseInSlices(
  filePath: string,
  text: string,
  options: AnalysisOptions,
  o: SliceOptions,
): Promise<DocumentAnalysis | undefined> {
  return runInSlices(analyseSteps(filePath, text, options), o);
}

function* analyseSteps(
  filePath: string,
  text: string,
  options: AnalysisOptions,
  prepared?: ExtractedDocument,
): Generator<void, DocumentAnalysis | undefined> {
  if (!prepared) {
    prepared = yield* extractSteps(filePath, text, options);
    yield;
  }
  if (!prepared) return undefined;
  const { document, extracted } = prepared;
  const knowledge = options.knowledge ?? defaultKnowledge;
  const checked = yield* checkUseSteps(extracted.uses, options.target, options.lookup);
  // a stage's replacements ranked once (slim for small images, apt that works for apt stages): every
  // finding, fix and hover reads the same order
  const uses = rankStageReplacements(checked, document, options.target, knowledge);
  const findings = yield* ruleSteps(
    {
      target: options.target,
      document,
      uses,
      ...readerData(extracted),
      lookup: options.lookup,
      knowledge,
      localImagePrefixes: options.localImagePrefixes ?? [],
      packages: (suite) =>
        options.target.arch.debian ? options.packages?.(suite, options.target.arch.debian) : undefined,
      readContextFile: document.kind === 'dockerfile' ? contextReader(filePath, options.readSide) : undefined,
    },
    options.severities,
  );
  // a Kustomize base's images are weighed by what its overlays deploy
  const deployments =
    document.kind === 'yaml' && options.readSide && options.listFolders && path.isAbsolute(filePath)
      ? kustomizeDeployments(filePath, options.readSide, options.listFolders)
      : undefined;
  const weighed = deployments ? withOverlayVerdicts(findings, uses, deployments, options.lookup) : findings;
  // every published range lies inside the document, whatever a parser or rule computed
  const kept = suppress(weighed, document.lines).map((f) => ({ ...f, range: clampRange(f.range, document.lines) }));
  return { kind: document.kind, uses, findings: kept, yamlKind: extracted.yamlKind };
}
