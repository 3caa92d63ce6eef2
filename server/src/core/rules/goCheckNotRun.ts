import { ToolRule } from './rule';

/** Findings made in core/go/goFindings.ts when a module's check could not run (no go, bad flags, time-out). */
export const goCheckNotRun: ToolRule = {
  id: 'MP143',
  name: 'go-check-not-run',
  defaultSeverity: 'info',
  description: 'The Go check of this module did not run (Go not installed, bad flags, time-out): nothing was checked.',
  tool: 'go',
};
