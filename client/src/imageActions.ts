// What the images view's rows do: replace an image in every use (one workspace edit, made by the
// server with the same fixes as the quick fixes), copy its reference, open its registry page, build
// the Dockerfiles that use it.
import { commands, env, ExtensionContext, Uri, window } from 'vscode';
import { CLIENT_COMMANDS, SERVER_COMMANDS, WorkspaceImage } from '../../server/src/shared/protocol';
import { runServerCommand } from './protocolClient';
import { registryPage } from './registryPage';

export type ImageRow = { kind: 'image'; image: WorkspaceImage };
export type SuggestionRow = { kind: 'suggestion'; of: WorkspaceImage; image: string; name: string; reason: string };

export async function replaceEverywhere(image: WorkspaceImage, replacement: string): Promise<void> {
  const r = await runServerCommand(SERVER_COMMANDS.replaceImage, image.image, replacement);
  if (!r || r.uses === 0) {
    void window.showWarningMessage(
      `MIPS Port: no use of ${image.name} could be replaced${r?.skipped.length ? ` (written through a variable or a file beside it: ${r.skipped.join(', ')})` : ''}.`,
    );
    return;
  }
  if (!r.applied) {
    void window.showErrorMessage(`MIPS Port: the editor refused the edit replacing ${image.name}.`);
    return;
  }
  const left = r.skipped.length ? `; left as written: ${r.skipped.join(', ')}` : '';
  void window.showInformationMessage(
    `MIPS Port: replaced ${image.name} with ${replacement} in ${r.uses} use${r.uses === 1 ? '' : 's'} (${r.files} file${r.files === 1 ? '' : 's'})${left}.`,
  );
}

async function pickReplacement(image: WorkspaceImage): Promise<string | undefined> {
  const other = { label: '$(edit) Another image…', image: '' };
  const pick = await window.showQuickPick(
    [...image.suggestions.map((s) => ({ label: s.name, detail: s.reason, image: s.image })), other],
    { title: `Replace ${image.name} in all ${image.uses.length} uses with…` },
  );
  if (!pick) return undefined;
  if (pick !== other) return pick.image;
  return window.showInputBox({
    title: `Replace ${image.name} with`,
    prompt: 'An image reference',
    ignoreFocusOut: true,
  });
}

const isDockerfile = (uri: string) => /(^|\/)(Dockerfile|Containerfile)[^/]*$|\.(Dockerfile|dockerfile)$/.test(uri);

export function registerImageActions(context: ExtensionContext): void {
  context.subscriptions.push(
    commands.registerCommand(CLIENT_COMMANDS.replaceInAllUses, async (row?: ImageRow) => {
      if (!row) return;
      const to = await pickReplacement(row.image);
      if (to) await replaceEverywhere(row.image, to);
    }),
    commands.registerCommand(CLIENT_COMMANDS.applySuggestion, (row?: SuggestionRow) =>
      row ? replaceEverywhere(row.of, row.image) : undefined,
    ),
    commands.registerCommand(CLIENT_COMMANDS.copyReference, async (row?: ImageRow) => {
      if (!row) return;
      await env.clipboard.writeText(row.image.image);
      void window.setStatusBarMessage(`MIPS Port: copied ${row.image.image}`, 3000);
    }),
    commands.registerCommand(CLIENT_COMMANDS.openOnRegistry, async (row?: ImageRow) => {
      if (!row) return;
      const page = registryPage(row.image.image);
      if (!page) {
        void window.showInformationMessage(`MIPS Port: no web page is known for ${row.image.image.split('/')[0]}.`);
        return;
      }
      await env.openExternal(Uri.parse(page));
    }),
    commands.registerCommand(CLIENT_COMMANDS.buildImageUse, async (row?: ImageRow) => {
      if (!row) return;
      const files = [...new Set(row.image.uses.map((u) => u.uri).filter(isDockerfile))];
      if (files.length === 0) {
        void window.showInformationMessage(`MIPS Port: no Dockerfile here uses ${row.image.name} as a base.`);
        return;
      }
      const file =
        files.length === 1
          ? files[0]
          : (await window.showQuickPick(files.map((f) => ({ label: Uri.parse(f).fsPath, uri: f }))))?.uri;
      if (file) await commands.executeCommand(CLIENT_COMMANDS.buildCurrent, Uri.parse(file));
    }),
  );
}
