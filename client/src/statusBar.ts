// `$(chip) mips64le: 12 missing, 3 unknown, 2 not checked` in the status bar; a click opens the report.
import { StatusBarAlignment, StatusBarItem, window } from 'vscode';
import { WorkspaceImages } from '../../server/src/shared/protocol';

export function createStatusBar(): StatusBarItem {
  const item = window.createStatusBarItem('mipsPort.status', StatusBarAlignment.Left, 50);
  item.name = 'MIPS Port';
  item.command = 'mipsPort.showReport';
  item.text = '$(sync~spin) mips-port';
  item.show();
  return item;
}

export function updateStatusBar(item: StatusBarItem, d: WorkspaceImages): void {
  const arch = d.platform.replace(/^linux\//, '');
  const notChecked = d.unchecked?.length ?? 0;
  // words, not a second red ⊗ beside the Problems counter; what was not checked is counted too
  const parts = [`${d.counts.missing} missing`, `${d.counts.unknown} unknown`];
  if (notChecked) parts.push(`${notChecked} not checked`);
  item.text = `$(chip) ${arch}: ${parts.join(', ')}`;
  item.tooltip =
    `MIPS Port, ${d.platform}: ${d.counts.missing} images missing, ${d.counts.unknown} unknown, ` +
    `${d.counts.available} available, ${notChecked} not checked. Click for the porting report.` +
    (d.note ? `\n\n${d.note}` : '');
}
