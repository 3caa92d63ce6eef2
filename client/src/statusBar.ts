// `mips64le $(error) 12 $(warning) 3 $(check) 28` in the status bar (codicons); a click opens the report.
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
  item.text = `${arch} $(error) ${d.counts.missing} $(warning) ${d.counts.unknown} $(check) ${d.counts.available}`;
  item.tooltip = `MIPS Port, ${d.platform}: ${d.counts.missing} images missing, ${d.counts.unknown} unknown, ${d.counts.available} available. Click for the porting report.${d.note ? `\n\n${d.note}` : ''}`;
}
