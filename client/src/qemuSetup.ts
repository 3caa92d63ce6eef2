// "Set up QEMU": looks first (registered and usable needs nothing), else offers the ways to register
// emulation, each shown exactly as it must be typed and run without a shell in between.
import { commands, Disposable, window } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CLIENT_COMMANDS, QemuSetupRequest } from '../../server/src/shared/protocol';
import { request } from './protocolClient';
import { asTyped } from '../../server/src/shared/asTyped';

export function registerSetupQemu(client: () => LanguageClient | undefined, currentPlatform: () => string): Disposable {
  return commands.registerCommand(CLIENT_COMMANDS.setupQemu, async () => {
    const c = client();
    const setup = c && (await request(c, QemuSetupRequest, { platform: currentPlatform() }));
    if (!setup) return;
    // look first: registered and usable needs nothing more
    if (setup.ready) {
      void window.showInformationMessage(`MIPS Port: QEMU for ${currentPlatform()} is set up; builds can run.`);
      return;
    }
    if (setup.options.length === 0) {
      void window.showErrorMessage(`MIPS Port: ${setup.problem ?? 'no QEMU set-up is known for this platform'}`);
      return;
    }
    const pick = await window.showQuickPick(
      setup.options.map((o) => ({ label: o.label, detail: `${o.detail}  $ ${asTyped(o.command)}`, o })),
      { title: `Set up QEMU for ${currentPlatform()}` },
    );
    if (!pick) return;
    // run the program itself (no shell in between), in a terminal so sudo can ask for a password
    const t = window.createTerminal({
      name: 'MIPS Port: QEMU set-up',
      shellPath: pick.o.command[0],
      shellArgs: pick.o.command.slice(1),
    });
    t.show();
  });
}
