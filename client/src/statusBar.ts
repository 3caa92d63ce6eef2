// `mips64le ✗ 12 ? 3 ✓ 28` in the status bar; a click opens the porting report.
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
  item.text = `${arch} ✗ ${d.counts.missing} ? ${d.counts.unknown} ✓ ${d.counts.available}`;
  item.tooltip = `MIPS Port, ${d.platform}: ${d.counts.missing} images missing, ${d.counts.unknown} unknown, ${d.counts.available} available. Click for the porting report.`;
}
