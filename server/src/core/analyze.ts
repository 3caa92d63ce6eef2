// The engine's entry point: file text -> image uses -> verdicts -> findings. Pure and synchronous;
// verdicts come from the `lookup` the adapter passes (knowledge base now, cache/registry later).
import { analyseDockerfile } from './documents/dockerfile';
import { detectFileKind, FileKind } from './documents/fileKind';
import { ImageUse } from './documents/imageUse';
import { ImageRef, parseImageRef } from './imageRef';
import { parsePlatform, Platform } from './platform';
import { RULES } from './rules';
import { CheckedUse, RuleContext } from './rules/rule';
import { Finding, Severity, Verdict } from './types';

export type SeverityOverride = Severity | 'off';
export type Lookup = (ref: ImageRef, platform: Platform) => Verdict;

export interface AnalysisOptions {
  target: Platform;
  lookup: Lookup;
  /** Per rule id (`MP101`) or name (`image-missing`). */
  severities?: Record<string, SeverityOverride>;
  buildArgs?: Record<string, string>;
  /** Force a kind instead of detecting it from the file name (e.g. the editor's language id). */
  kind?: FileKind;
}

export interface DocumentAnalysis {
  kind: FileKind;
  uses: CheckedUse[];
  findings: Finding[];
}

export function extractUses(kind: FileKind, text: string, target: Platform, buildArgs?: Record<string, string>): { uses: ImageUse[]; parseError?: string } {
  switch (kind) {
    case 'dockerfile': return analyseDockerfile(text, { target, buildArgs });
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

export function analyseDocument(filePath: string, text: string, options: AnalysisOptions): DocumentAnalysis | undefined {
  const kind = options.kind ?? detectFileKind(filePath);
  if (!kind) return undefined;
  let extracted: { uses: ImageUse[]; parseError?: string };
  try {
    extracted = extractUses(kind, text, options.target, options.buildArgs);
  } catch (e) {
    extracted = { uses: [], parseError: e instanceof Error ? e.message : String(e) };
  }
  const uses = checkUses(extracted.uses, options.target, options.lookup);
  const findings = runRules({ target: options.target, uses, parseError: extracted.parseError }, options.severities);
  return { kind, uses, findings };
}
