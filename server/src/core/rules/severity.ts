// A rule's severity: the user's setting by id (`MP101`, `mp101`) or name (`image-missing`), else its default.
import { SeverityOverride } from '../types';
import { RuleInfo } from './rule';

export function severityOf(rule: RuleInfo, overrides?: Record<string, SeverityOverride>): SeverityOverride {
  if (!overrides) return rule.defaultSeverity;
  return overrides[rule.id] ?? overrides[rule.id.toLowerCase()] ?? overrides[rule.name] ?? rule.defaultSeverity;
}
