import { CodeLens } from 'vscode-languageserver';
import { DocumentAnalysis } from '../core/analyze';
import { platformLabel } from '../core/platform';
import { CheckedUse } from '../core/rules/rule';

export function lensTitle(c: CheckedUse): string {
  const label = platformLabel(c.platform);
  if (c.use.nativeStage) return `${label}: runs on the build host`;
  if (c.refError) return `${label}: invalid reference`;
  if (!c.ref || !c.verdict) return `${label}: set by --build-arg`;
  const v = c.verdict;
  if (v.status === 'available') return v.frozenSince ? `${label}: available (frozen since ${v.frozenSince})` : `${label}: available`;
  const n = v.suggestions.length;
  const repl = n ? ` · ${n} replacement${n === 1 ? '' : 's'}` : '';
  return `${label}: ${v.status}${repl}`;
}

export function codeLenses(analysis: DocumentAnalysis): CodeLens[] {
  return analysis.uses.filter((c) => c.use.kind === 'from').map((c) => ({
    range: { start: { line: c.use.range.start.line, character: 0 }, end: c.use.range.start },
    // An empty command id renders as plain text: the lens informs, the hover explains.
    command: { title: lensTitle(c), command: '' },
  }));
}
