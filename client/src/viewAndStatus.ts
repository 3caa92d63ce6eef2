// The MIPS Porting view and the status bar item: both show the workspace's images, refreshed after
// diagnostics change or a file is saved, and the commands that refresh them.
import { commands, Disposable, languages, LogOutputChannel, window, workspace } from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { CLIENT_COMMANDS, IMAGES_VIEW, SERVER_COMMANDS } from '../../server/src/shared/protocol';
import { ImagesView } from './imagesView';
import { runServerCommand } from './protocolClient';
import { listenForRegistryTrouble, unreachable } from './registryNotice';
import { createStatusBar, updateStatusBar } from './statusBar';

export function registerViewAndStatus(
  client: LanguageClient,
  log: LogOutputChannel,
): { images: ImagesView; disposable: Disposable } {
  const images = new ImagesView(() => client);
  const status = createStatusBar();
  const tree = window.createTreeView(IMAGES_VIEW, { treeDataProvider: images });
  // what the facts hold for a target other than mips64le: said once, above the rows
  const reach = () => ({
    offline: workspace.getConfiguration('mipsPort').get<boolean>('offline', false),
    unreachable,
  });
  listenForRegistryTrouble(client, log, () => images.current && updateStatusBar(status, images.current, reach()));
  images.onDidLoad.event((d) => {
    updateStatusBar(status, d, reach());
    tree.message = d.note;
  });
  let refreshTimer: NodeJS.Timeout | undefined;
  const refreshSoon = () => {
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => void images.refresh(), 1500);
  };
  const disposable = Disposable.from(
    status,
    tree,
    languages.onDidChangeDiagnostics(refreshSoon),
    workspace.onDidSaveTextDocument(refreshSoon),
    commands.registerCommand(CLIENT_COMMANDS.refreshImages, async () => {
      const d = await window.withProgress({ location: { viewId: IMAGES_VIEW } }, () => images.refresh());
      const n = d ? d.images.length : 0;
      void window.setStatusBarMessage(`MIPS Port: ${n} image${n === 1 ? '' : 's'} checked`, 4000);
      return d;
    }),
    commands.registerCommand(CLIENT_COMMANDS.toggleAvailable, () => {
      images.showAvailable = !images.showAvailable;
      return images.refresh();
    }),
    commands.registerCommand(CLIENT_COMMANDS.refreshAvailability, async () => {
      const r = await runServerCommand(SERVER_COMMANDS.clearCache);
      await window.withProgress({ location: { viewId: IMAGES_VIEW } }, () => images.refresh());
      void window.showInformationMessage(
        `MIPS Port: availability refreshed (${r?.removed ?? 0} cached registry answers cleared).`,
      );
    }),
  );
  return { images, disposable };
}
