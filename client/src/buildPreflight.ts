// Before a build starts: what the extension already knows that would make it fail. A base marked
// missing offers its fix (or "Build anyway"), emulation that is not set up is said at once, and an
// unreachable registry is named, instead of docker's raw error after a "building…" toast.
import { commands, DiagnosticSeverity, languages, Range, Uri, window } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CLIENT_COMMANDS, QemuSetupRequest } from '../../server/src/shared/protocol';
import { request } from './protocolClient';
import { unreachable } from './registryNotice';

const ANYWAY = 'Build anyway';

/** Resolves to true when the build should start. */
export async function buildPreflight(
  dockerfile: string,
  client: LanguageClient | undefined,
  platform: string,
): Promise<boolean> {
  const uri = Uri.file(dockerfile);
  const missing = languages
    .getDiagnostics(uri)
    .find((d) => d.source === 'mips-port' && codeOf(d.code) === 'MP101' && d.severity === DiagnosticSeverity.Error);
  if (missing) {
    const pick = await window.showWarningMessage(`MIPS Port: ${missing.message}`, 'Show the fix', ANYWAY);
    if (pick === 'Show the fix') {
      await window.showTextDocument(uri, { selection: new Range(missing.range.start, missing.range.end) });
      await commands.executeCommand('editor.action.quickFix');
      return false;
    }
    if (pick !== ANYWAY) return false;
  }
  const setup = client
    ? await request(client, QemuSetupRequest, { platform }).then(
        (s) => s,
        () => undefined,
      )
    : undefined;
  if (setup && !setup.ready) {
    const why = setup.problem ?? `emulation for ${platform} is not set up`;
    const pick = await window.showWarningMessage(
      `MIPS Port: cannot build for ${platform}: ${why}.`,
      'Set up QEMU',
      ANYWAY,
    );
    if (pick === 'Set up QEMU') await commands.executeCommand(CLIENT_COMMANDS.setupQemu);
    if (pick !== ANYWAY) return false;
  }
  if (unreachable.length) {
    const pick = await window.showWarningMessage(
      `MIPS Port: the build pulls from a registry that could not be reached (${unreachable.join('; ')}).`,
      'Set a mirror',
      ANYWAY,
    );
    if (pick === 'Set a mirror') await commands.executeCommand(CLIENT_COMMANDS.setMirror);
    if (pick !== ANYWAY) return false;
  }
  return true;
}

function codeOf(code: unknown): string | undefined {
  if (typeof code === 'string') return code;
  if (code && typeof code === 'object' && 'value' in code) return String((code as { value: unknown }).value);
  return undefined;
}
