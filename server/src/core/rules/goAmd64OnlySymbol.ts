import { ToolRule } from './rule';

/** Findings made in core/go/goFindings.ts: `undefined: X` for the target where X is defined for amd64 only. */
export const goAmd64OnlySymbol: ToolRule = {
  id: 'MP141',
  name: 'go-amd64-only-symbol',
  defaultSeverity: 'error',
  description: 'A Go symbol is defined only for amd64 (_amd64.go or //go:build amd64): the target has none.',
  tool: 'go',
};
