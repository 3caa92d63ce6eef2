import { ToolRule } from './rule';

/** Findings made in core/go/goFindings.ts from the Go toolchain's errors for the target only. */
export const goTargetError: ToolRule = {
  id: 'MP140',
  name: 'go-target-error',
  defaultSeverity: 'error',
  description: "The Go compiler's error for the target only (the host build compiles).",
  tool: 'go',
};
