import { CodeLens } from 'vscode-languageserver';
import { DocumentAnalysis } from '../core/analyse';
import { platformLabel } from '../core/platform';
import { CheckedUse } from '../core/types';
import { CLIENT_COMMANDS } from '../shared/protocol';
import { MAX_PROBLEMS_PER_FILE } from './diagnosticsPublisher';

const zero = { line: 0, character: 0 };

export interface LensOptions {
  /** A use's lens text (the service's wording). */
  lensTitle: (c: CheckedUse) => string;
  /** The document's URI, for the lenses that open its fixes. */
  uri: string;
  /** The client (the VS Code extension) runs mips-port's editor commands from lenses. */
  clientCommands: boolean;
  /** Emulation for the target is registered: no "Set up QEMU" lens then. */
  emulationReady: boolean;
}

export function codeLenses(analysis: DocumentAnalysis, o: LensOptions): CodeLens[] {
  const { lensTitle, clientCommands, emulationReady, uri } = o;
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
  // YAML files hold many images: a lens only where one needs action, the hover tells the rest
  const shown = analysis.uses.filter(
    (c) =>
      c.use.kind === 'from' ||
      (c.use.kind === 'baseimage' && !c.use.informational) ||
      (c.use.kind === 'yaml' && !c.use.informational && c.verdict?.status !== 'available'),
  );
  // a generated file with thousands of such images: lenses on the first ones and one that counts them
  const lensed = shown.length > MAX_PROBLEMS_PER_FILE ? shown.slice(0, MAX_PROBLEMS_PER_FILE) : shown;
  const out = lensed.map((c) => {
    const l = lens(c.use.range.start.line, lensTitle(c));
    // a verdict with replacements opens them in a quick pick (the same fixes as the light bulb)
    if (clientCommands && uri && c.verdict && c.verdict.status !== 'available' && c.verdict.suggestions.length)
      l.command = { title: l.command!.title, command: CLIENT_COMMANDS.chooseFix, arguments: [uri, c.use.range] };
    return l;
  });
  if (lensed.length < shown.length)
    out.unshift(
      lens(
        0,
        `Lenses on the first ${lensed.length.toLocaleString('en-US')} of ${shown.length.toLocaleString('en-US')} images that need action; hover any image for its verdict`,
      ),
    );
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
