// The engine's entry point: file text -> image uses -> verdicts -> findings. Pure and synchronous;
// verdicts come from the `lookup` the adapter passes (knowledge base now, cache/registry later).
import { analyseBaseimage, MissingBaseimageLine } from './documents/baseimage';
import { analyseDockerfile, FileArg } from './documents/dockerfile';
import { analyseManifestGo } from './documents/manifestGo';
import { analyseYaml } from './documents/yamlImages';
import { dockerfileFixes } from './fixes/dockerfileFixes';
import { imageSwapFixes } from './fixes/imageSwapFixes';
import { suppress } from './rules/suppression';
import { detectFileKind, FileKind } from './documents/fileKind';
import { ImageUse, CheckedUse, Finding, Lookup, Severity, SeverityOverride } from './types';
import { parseImageRef } from './imageRef';
import { parsePlatform, Platform } from './platform';
import { RULES } from './rules';
import { RuleContext } from './rules/rule';


export interface AnalysisOptions {
  target: Platform;
  lookup: Lookup;
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
}

export interface DocumentAnalysis {
  kind: FileKind;
  /** For YAML: what the file turned out to be (none when it has no Kubernetes or Compose content). */
  yamlKind?: 'kubernetes' | 'compose';
  uses: CheckedUse[];
  findings: Finding[];
}

export interface Extracted {
  uses: ImageUse[];
  parseError?: string;
  skipped?: string;
  missingTarget?: MissingBaseimageLine;
  yamlKind?: 'kubernetes' | 'compose';
}

export function extractUses(kind: FileKind, text: string, target: Platform, o: Pick<AnalysisOptions, 'buildArgs' | 'fileArgs' | 'kubeTestRepoList'> = {}): Extracted {
  switch (kind) {
    case 'dockerfile': return analyseDockerfile(text, { target, buildArgs: o.buildArgs, fileArgs: o.fileArgs });
    case 'manifest-go': return analyseManifestGo(text, { target, repoList: o.kubeTestRepoList });
    case 'baseimage': return analyseBaseimage(text, target);
    case 'yaml': { const y = analyseYaml(text); return { uses: y.uses, skipped: y.skipped, yamlKind: y.kind }; }
  }
}

export function checkUses(uses: ImageUse[], target: Platform, lookup: Lookup): CheckedUse[] {
  return uses.map((use) => {
    let platform = target;
    if (use.platform) {
      const p = parsePlatform(use.platform);
      if (p.ok) platform = p.platform;
    }
    const c: CheckedUse = { use, platform };
    if (use.resolved === undefined) return c;
    const r = parseImageRef(use.resolved);
    if (!r.ok) { c.refError = r.error; return c; }
    c.ref = r.ref;
    if (!use.nativeStage) {
      try {
        c.verdict = lookup(r.ref, platform);
      } catch (e) {
        c.verdict = { status: 'unknown', source: 'knowledge-base', suggestions: [], reason: `Look-up failed: ${e instanceof Error ? e.message : String(e)}` };
      }
    }
    return c;
  });
}

function severityFor(id: string, name: string, def: Severity, overrides?: Record<string, SeverityOverride>): SeverityOverride {
  if (!overrides) return def;
  return overrides[id] ?? overrides[id.toLowerCase()] ?? overrides[name] ?? def;
}

export function runRules(ctx: RuleContext, severities?: Record<string, SeverityOverride>): Finding[] {
  const out: Finding[] = [];
  for (const rule of RULES) {
    const sev = severityFor(rule.id, rule.name, rule.defaultSeverity, severities);
    if (sev === 'off') continue;
    for (const f of rule.check(ctx)) out.push({ ...f, ruleId: rule.id, severity: sev });
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
}

/** A document's kind and image uses, before any verdict: what a registry pass needs to know. */
export interface ExtractedDocument { kind: FileKind; extracted: Extracted }

export function extractDocument(filePath: string, text: string, options: Omit<AnalysisOptions, 'lookup'>): ExtractedDocument | undefined {
  const kind = options.kind ?? detectFileKind(filePath);
  if (!kind) return undefined;
  try {
    return { kind, extracted: extractUses(kind, text, options.target, options) };
  } catch (e) {
    return { kind, extracted: { uses: [], parseError: e instanceof Error ? e.message : String(e) } };
  }
}

/** `prepared`: the same text's extraction, when a caller already made it (the registry pass). */
export function analyseDocument(filePath: string, text: string, options: AnalysisOptions, prepared = extractDocument(filePath, text, options)): DocumentAnalysis | undefined {
  if (!prepared) return undefined;
  const { kind, extracted } = prepared;
  const uses = checkUses(extracted.uses, options.target, options.lookup);
  const lines = text.split('\n');
  const findings = runRules({
    target: options.target, uses, parseError: extracted.parseError, skipped: extracted.skipped, missingTarget: extracted.missingTarget,
    lookup: options.lookup, localImagePrefixes: options.localImagePrefixes ?? [],
    indentOf: (line) => (/^\s*/.exec(lines[line] ?? '')?.[0].length ?? 0),
    text, kind,
  }, options.severities);
  if (kind === 'dockerfile') dockerfileFixes(text, uses, findings, options.target, options.lookup);
  else if (kind === 'baseimage' || kind === 'yaml') imageSwapFixes(text, uses, findings);
  const kept = suppress(findings, lines, kind);
  return { kind, uses, findings: kept, yamlKind: extracted.yamlKind };
}
