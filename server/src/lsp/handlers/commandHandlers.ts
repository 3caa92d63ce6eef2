// The requests and commands of shared/protocol.ts: the workspace's images, QEMU set-up, and the
// server commands (Go check, show a document, replace an image everywhere, clear the cache).
import { Range } from 'vscode-languageserver';
import { checkEmulation, qemuSetupOptions } from '../../core/build/binfmt';
import { parsePlatform } from '../../core/platform';
import { QemuSetupRequest, WorkspaceImagesRequest } from '../../shared/protocol';
import { replaceImageEverywhere } from '../replaceImage';
import { ServerState } from '../serverState';
import { onRequest, runServerCommand, ServerCommandHandlers } from '../typedProtocol';
import { workspaceImages } from '../workspaceImages';
import { HandlerContext } from './handlerContext';

function serverCommands(s: ServerState): ServerCommandHandlers {
  return {
    goCheck: (args) => s.goChecks.checkNow(typeof args[0] === 'string' ? args[0] : undefined, s.folders()),
    showDocument: (args) =>
      typeof args[0] === 'string'
        ? s.connection.window.showDocument({ uri: args[0], selection: args[1] as Range | undefined, takeFocus: true })
        : null,
    replaceImage: async ([image, replacement]) => {
      if (typeof image !== 'string' || typeof replacement !== 'string') return null;
      const r = await replaceImageEverywhere(s.service, {
        folders: s.folders(),
        settings: await s.folderSettings(),
        read: s.analyses.read,
        image,
        replacement,
      });
      const label = `Replace ${image} with ${replacement}`;
      const applied = r.uses > 0 ? (await s.connection.workspace.applyEdit({ label, edit: r.edit })).applied : false;
      return { applied, uses: r.uses, files: r.files, skipped: r.skipped };
    },
    clearCache: () => {
      const removed = s.service.clearCache();
      s.analyses.revalidateAll();
      return { removed };
    },
  };
}

export function registerCommandHandlers(ctx: HandlerContext): void {
  const { connection, life } = ctx;

  onRequest(
    connection,
    WorkspaceImagesRequest,
    life.guard(async () => {
      const s = ctx.state();
      return workspaceImages(s.service, s.folders(), await s.folderSettings(), s.analyses.read);
    }),
  );

  onRequest(
    connection,
    QemuSetupRequest,
    life.guard((p) => {
      const parsed = parsePlatform(p.platform);
      if (!parsed.ok) return { platform: p.platform, ready: false, problem: parsed.error, options: [] };
      const e = checkEmulation(parsed.platform);
      return { platform: p.platform, ready: e.ok, problem: e.problem, options: qemuSetupOptions(parsed.platform) };
    }),
  );

  connection.onExecuteCommand(
    life.guard((params) => runServerCommand(serverCommands(ctx.state()), params.command, params.arguments ?? [])),
  );
}
