import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { ruleDocUrl } from '../core/rules/rule';
import { Finding, Severity } from '../core/types';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: Finding): Diagnostic {
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: ruleDocUrl(f.ruleId) },
    source: 'mips-port',
    message: f.message,
    data: { image: f.image, status: f.status, source: f.source, suggestions: f.suggestions },
  };
}
