// The replacement fixes MP101 and MP102 share: a Dockerfile's base swap (with the stage port), or a
// plain value's swap in BASEIMAGE and YAML files.
import { baseSwapFixes } from '../fixes/baseSwap';
import { valueSwapFixes } from '../fixes/valueSwap';
import { CLIENT_COMMANDS } from '../../shared/protocol';
import { pathToFileURL } from 'node:url';
import { formatPlatform } from '../platform';
import { Finding, Fix, ImageUse } from '../types';
import { RuleContext } from './rule';

/** In steps: a pause may come between them while a stage is ported (see baseSwapFixes). */
export function* replacementFixes(f: Finding, ctx: RuleContext): Generator<void, Fix[]> {
  const kind = ctx.document.kind;
  if (kind === 'dockerfile') return yield* baseSwapFixes(f, ctx);
  if (kind === 'baseimage' || kind === 'yaml') return valueSwapFixes(f, ctx.document, ctx.uses);
  return [];
}

/** The base is built by a folder of this workspace: build that (the editor's build command) first. */
export function producerBuildFix(here: ImageUse['producedHere'], ctx: RuleContext): Fix[] {
  if (!here) return [];
  const title = `Build ${here.folder} for ${formatPlatform(ctx.target)} first`;
  const uri = pathToFileURL(here.dockerfile).toString();
  return [{ title, edits: [], command: { title, command: CLIENT_COMMANDS.buildCurrent, arguments: [uri] } }];
}

/** No replacement is known: a mirror that has it (your registry's copy) is the first thing to try. */
export function mirrorFix(f: Finding): Fix[] {
  if (f.suggestions.length > 0) return [];
  const title = 'Look it up in your registry mirror (set mipsPort.mirrorTemplates)…';
  return [{ title, edits: [], command: { title: 'Set a mirror', command: CLIENT_COMMANDS.setMirror } }];
}

/** Nothing serves it, or its usual port is a Debian base: offer to make one (an editor command). */
export function createBaseFix(f: Finding): Fix[] {
  if (f.suggestions.length > 0 && !f.suggestions.some((s) => /\/debian:/.test(s.image))) return [];
  const title = 'Create a Debian base for the target (mmdebstrap through QEMU)…';
  return [{ title, edits: [], command: { title: 'Create a Debian base', command: CLIENT_COMMANDS.createDebianBase } }];
}
