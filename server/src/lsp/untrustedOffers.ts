// What an untrusted workspace is offered: no lens or fix whose command would start a program (the list is
// shared/trust.ts's); a fix that also edits keeps its edit. Verdicts, swaps and "choose a fix" stay.
import { CodeAction, CodeLens } from 'vscode-languageserver';
import { runsPrograms } from '../shared/trust';

export function offeredLenses(lenses: CodeLens[], trusted: boolean): CodeLens[] {
  return trusted ? lenses : lenses.filter((l) => !runsPrograms(l.command?.command));
}

export function offeredActions(actions: CodeAction[], trusted: boolean): CodeAction[] {
  if (trusted) return actions;
  return actions.flatMap((a) => {
    if (!runsPrograms(a.command?.command)) return [a];
    if (!a.edit) return [];
    const editOnly = { ...a };
    delete editOnly.command;
    return [editOnly];
  });
}
