// `$(chip) mips64le: 12 missing, 3 unknown, 2 not checked` in the status bar; a click opens the report.
import { StatusBarAlignment, StatusBarItem, window } from 'vscode';
import { CLIENT_COMMANDS, WorkspaceImages } from '../../server/src/shared/protocol';

export function createStatusBar(): StatusBarItem {
  const item = window.createStatusBarItem('mipsPort.status', StatusBarAlignment.Left, 50);
  item.name = 'MIPS Port';
  item.command = CLIENT_COMMANDS.showReport;
  item.text = '$(sync~spin) mips-port';
  item.show();
  return item;
}

/** Offline by setting, or registries unreachable since start-up: shown on the item, not in toasts. */
export interface Reachability {
  offline: boolean;
  unreachable: readonly string[];
}

export function updateStatusBar(item: StatusBarItem, d: WorkspaceImages, net?: Reachability): void {
  const arch = d.platform.replace(/^linux\//, '');
  const notChecked = d.unchecked?.length ?? 0;
  // words, not a second red ⊗ beside the Problems counter; what was not checked is counted too
  const parts = [`${d.counts.missing} missing`, `${d.counts.unknown} unknown`];
  if (notChecked) parts.push(`${notChecked} not checked`);
  const state = net?.offline
    ? ' $(cloud-offline) offline'
    : net?.unreachable.length
      ? ' $(cloud-offline) unreachable'
      : '';
  item.text = `$(chip) ${arch}: ${parts.join(', ')}${state}`;
  item.tooltip =
    `MIPS Port, ${d.platform}: ${d.counts.missing} images missing, ${d.counts.unknown} unknown, ` +
    `${d.counts.available} available, ${notChecked} not checked. Click for the porting report.` +
    (d.note ? `\n\n${d.note}` : '') +
    (net?.offline ? '\n\nOffline (mipsPort.offline): answers come from the knowledge base and the cache.' : '') +
    (!net?.offline && net?.unreachable.length
      ? `\n\nUnreachable, answered from the knowledge base: ${net.unreachable.join('; ')}`
      : '');
}
