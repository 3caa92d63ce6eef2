import { Rule, RuleInfo, ToolRule } from './rule';
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
import { goTargetError } from './goTargetError';
import { goAmd64OnlySymbol } from './goAmd64OnlySymbol';
import { goCgoNotChecked } from './goCgoNotChecked';
import { goCheckNotRun } from './goCheckNotRun';

/** The rules over documents, run by the analysis. */
export const DOCUMENT_RULES: readonly Rule[] = [
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

/** The rules over the Go toolchain's check of a module. */
export const GO_RULES = { goTargetError, goAmd64OnlySymbol, goCgoNotChecked, goCheckNotRun } satisfies Record<
  string,
  ToolRule
>;

/** Every rule: docs, severity settings and SARIF's rule list. */
export const RULES: readonly RuleInfo[] = [...DOCUMENT_RULES, ...Object.values(GO_RULES)];
