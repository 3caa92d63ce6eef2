// A verdict lens's click: the quick fixes the server offers at that image, in a quick pick; the chosen
// one is applied as the light bulb would (its edit, then its command).
import {
  CodeAction,
  CodeActionKind,
  commands,
  ExtensionContext,
  Position,
  Range,
  Uri,
  window,
  workspace,
} from 'vscode';
import { CLIENT_COMMANDS } from '../../server/src/shared/protocol';

interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export function registerChooseFix(context: ExtensionContext): void {
  context.subscriptions.push(
    commands.registerCommand(CLIENT_COMMANDS.chooseFix, async (uri?: string, range?: LspRange) => {
      if (!uri || !range) return;
      const r = new Range(
        new Position(range.start.line, range.start.character),
        new Position(range.end.line, range.end.character),
      );
      const actions =
        (await commands.executeCommand<CodeAction[]>(
          'vscode.executeCodeActionProvider',
          Uri.parse(uri),
          r,
          CodeActionKind.QuickFix.value,
        )) ?? [];
      const fixes = actions.filter((a) => a.kind && CodeActionKind.QuickFix.contains(a.kind));
      if (fixes.length === 0) {
        void window.showInformationMessage('MIPS Port: no fix is offered here; the hover says why.');
        return;
      }
      const pick = await window.showQuickPick(
        fixes.map((a) => ({ label: a.title, description: a.isPreferred ? 'preferred' : undefined, a })),
        { title: 'MIPS Port: fix this image' },
      );
      if (!pick) return;
      if (pick.a.edit && !(await workspace.applyEdit(pick.a.edit))) {
        void window.showErrorMessage(`MIPS Port: the editor refused "${pick.a.title}".`);
        return;
      }
      if (pick.a.command) await commands.executeCommand(pick.a.command.command, ...(pick.a.command.arguments ?? []));
    }),
  );
}
