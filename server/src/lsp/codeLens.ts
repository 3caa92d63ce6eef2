import { CodeLens } from 'vscode-languageserver';
import { DocumentAnalysis } from '../core/analyse';
import { platformLabel } from '../core/platform';
import { CheckedUse } from '../core/types';
import { CLIENT_COMMANDS } from '../shared/protocol';

const zero = { line: 0, character: 0 };

/** `clientCommands`: the client (the VS Code extension) runs mips-port's editor commands from lenses. */
export function codeLenses(
  analysis: DocumentAnalysis,
  lensTitle: (c: CheckedUse) => string,
  clientCommands = false,
  /** Emulation for the target is registered: no "Set up QEMU" lens then. */
  emulationReady = false,
): CodeLens[] {
  // An empty command id renders as plain text: the lens informs, the hover explains.
  const lens = (line: number, title: string): CodeLens => ({
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    command: { title, command: '' },
  });
  if (analysis.kind === 'manifest-go') {
    const entries = analysis.uses.filter((c) => c.use.kind === 'manifest');
    if (entries.length === 0) return [];
    const label = platformLabel(entries[0].platform);
    const ok = entries.filter((c) => c.verdict?.status === 'available').length;
    const missing = entries.filter((c) => c.verdict?.status === 'missing').length;
    const other = entries.length - ok - missing;
    return [
      {
        range: { start: zero, end: zero },
        command: {
          title: `${label}: ${ok} of ${entries.length} images available · ${missing} missing · ${other} unknown or not checked`,
          command: '',
        },
      },
    ];
  }
  const shown = analysis.uses.filter(
    (c) => c.use.kind === 'from' || ((c.use.kind === 'yaml' || c.use.kind === 'baseimage') && !c.use.informational),
  );
  const out = shown.map((c) => lens(c.use.range.start.line, lensTitle(c)));
  const firstFrom = analysis.uses.find((c) => c.use.kind === 'from');
  if (clientCommands && analysis.kind === 'dockerfile' && firstFrom) {
    const label = platformLabel(firstFrom.platform);
    const line = firstFrom.use.range.start.line;
    out.push({
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      command: { title: `$(package) Build for ${label}`, command: CLIENT_COMMANDS.buildCurrent },
    });
    if (!emulationReady)
      out.push({
        range: { start: { line, character: 0 }, end: { line, character: 0 } },
        command: { title: `$(warning) Set up QEMU for ${label}`, command: CLIENT_COMMANDS.setupQemu },
      });
  }
  return out;
}
