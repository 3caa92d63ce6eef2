// The target platform the user chose (mipsPort.platform), read where a command needs it.
import { workspace } from 'vscode';
import { DEFAULT_TARGET_PLATFORM } from '../../server/src/shared/protocol';

export function currentPlatform(): string {
  return workspace.getConfiguration('mipsPort').get<string>('platform', DEFAULT_TARGET_PLATFORM);
}
