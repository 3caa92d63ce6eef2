import { Rule } from './rule';
import { imageAvailable } from './imageAvailable';
import { imageMissing } from './imageMissing';
import { imageUnknown } from './imageUnknown';
import { invalidReference } from './invalidReference';
import { unresolvedBuildArg } from './unresolvedBuildArg';
import { platformPinned } from './platformPinned';
import { nativeStage } from './nativeStage';
import { unparsableFile } from './unparsableFile';
import { entryNotUnderstood } from './entryNotUnderstood';
import { baseimageTargetMissing } from './baseimageTargetMissing';
import { fileSkipped } from './fileSkipped';
import { fileNote } from './fileNote';
import { pullPolicy } from './pullPolicy';
import { goarchHardcoded } from './goarchHardcoded';
import { archInDownload } from './archInDownload';
import { archSpecificPath } from './archSpecificPath';
import { packageCheck } from './packageCheck';
import { packageManagerMismatch } from './packageManagerMismatch';
import { packageUnavailable } from './packageUnavailable';
import { platformListMissing, platformListOk } from './platformList';
import { caCertificates } from './caCertificates';
import { archDispatchMissing } from './archDispatchMissing';
import { baseimageOtherArch } from './baseimageOtherArch';
import { suiteApt } from './suiteApt';
import { compileUnderEmulation } from './compileUnderEmulation';

export const RULES: readonly Rule[] = [
  imageAvailable,
  imageMissing,
  imageUnknown,
  invalidReference,
  unresolvedBuildArg,
  platformPinned,
  nativeStage,
  unparsableFile,
  entryNotUnderstood,
  baseimageTargetMissing,
  fileSkipped,
  fileNote,
  pullPolicy,
  goarchHardcoded,
  archInDownload,
  archSpecificPath,
  packageCheck,
  packageManagerMismatch,
  packageUnavailable,
  platformListMissing,
  platformListOk,
  caCertificates,
  archDispatchMissing,
  baseimageOtherArch,
  suiteApt,
  compileUnderEmulation,
];
