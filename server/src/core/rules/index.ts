import { Rule } from './rule';
import { imageAvailable } from './imageAvailable';
import { imageMissing } from './imageMissing';
import { imageUnknown } from './imageUnknown';
import { invalidReference } from './invalidReference';
import { unresolvedBuildArg } from './unresolvedBuildArg';
import { platformPinned } from './platformPinned';
import { nativeStage } from './nativeStage';
import { unparsableFile } from './unparsableFile';

export const RULES: readonly Rule[] = [imageAvailable, imageMissing, imageUnknown, invalidReference, unresolvedBuildArg, platformPinned, nativeStage, unparsableFile];

export function findRule(idOrName: string): Rule | undefined {
  const k = idOrName.toLowerCase();
  return RULES.find((r) => r.id.toLowerCase() === k || r.name === k);
}
