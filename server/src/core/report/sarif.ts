// SARIF 2.1.0 for code-scanning UIs (GitHub, GitLab, VS Code SARIF viewer).
import { RULES } from '../rules';
import { ruleDocUrl } from '../rules/rule';
import { Severity } from '../types';
import { ScanReport } from './scanReport';

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'none' };

export function toSarif(report: ScanReport, version: string): object {
  const results = [];
  for (const f of report.files) {
    for (const x of f.findings) {
      results.push({
        ruleId: x.ruleId,
        ruleIndex: RULES.findIndex((r) => r.id === x.ruleId),
        level: LEVEL[x.severity],
        message: { text: x.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: f.file, uriBaseId: '%SRCROOT%' },
              region: {
                startLine: x.range.start.line + 1,
                startColumn: x.range.start.character + 1,
                endLine: x.range.end.line + 1,
                endColumn: x.range.end.character + 1,
              },
            },
          },
        ],
        properties: {
          platform: report.platform,
          image: x.image,
          status: x.status,
          source: x.source,
          suggestions: x.suggestions,
        },
      });
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'mips-port',
            version,
            informationUri: 'https://github.com/mips-port/mips-port',
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: r.description },
              helpUri: ruleDocUrl(r.id),
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
            })),
          },
        },
        results,
      },
    ],
  };
}
