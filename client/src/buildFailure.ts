// What a failed build's notification says and offers: the cause the CLI already wrote (its last
// `mips-port:` or `error:` line in the build log), and buttons that act on that cause.
import * as fs from 'node:fs';
import { CLIENT_COMMANDS } from '../../server/src/shared/protocol';

export interface FailureAction {
  title: string;
  /** A VS Code command and its arguments. */
  command: string;
  args?: unknown[];
}

/** The last line of the log that says why, without the `mips-port:` prefix. */
export function failureCause(logText: string): string | undefined {
  const lines = logText.split('\n').map((l) => l.trim());
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i];
    const m = /^mips-port: (.+)$/.exec(l) ?? /:\d+:\d+: error: (.+)$/.exec(l);
    if (m) return m[1].length > 300 ? `${m[1].slice(0, 297)}…` : m[1];
  }
  return undefined;
}

export function failureActions(cause: string | undefined): FailureAction[] {
  if (!cause) return [];
  if (/qemu|binfmt|emulation/i.test(cause)) return [{ title: 'Set up QEMU', command: CLIENT_COMMANDS.setupQemu }];
  if (/daemon|docker\.sock|Cannot connect/i.test(cause))
    return [{ title: 'Open terminal', command: 'workbench.action.terminal.new' }];
  if (/not installed|builder/i.test(cause))
    return [{ title: 'Open settings', command: 'workbench.action.openSettings', args: ['mipsPort.builder'] }];
  if (/--build-arg/.test(cause))
    return [{ title: 'Open settings', command: 'workbench.action.openSettings', args: ['mipsPort.buildArgs'] }];
  return [];
}

export function readLog(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
