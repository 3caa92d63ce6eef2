import { ToolRule } from './rule';

/** Findings made in core/go/goFindings.ts for cgo packages the target's C cross compiler cannot build. */
export const goCgoNotChecked: ToolRule = {
  id: 'MP142',
  name: 'go-cgo-not-checked',
  defaultSeverity: 'warning',
  description: "A cgo package was not checked: the target's C cross compiler or its headers are missing.",
  tool: 'go',
};
