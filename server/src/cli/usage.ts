// Command-line errors and options shared by every mips-port command.
import { parseArgs, ParseArgsConfig } from 'node:util';
import { BuilderSetting } from '../core/build/builders';

/** A mistake in how the command was called: one line on stderr, exit status 2. */
export class UsageError extends Error {}

/** `KEY=VALUE` options (`--build-arg`, `--mirror`) as a record. */
export function keyValues(list: string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of list ?? []) {
    const i = kv.indexOf('=');
    if (i <= 0) throw new UsageError(`${flag} expects KEY=VALUE, got "${kv}"`);
    out[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return out;
}

/** A command's arguments, strict and with positionals; a mistake in them is a UsageError (exit 2). */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, allowPositionals: true, strict: true, options });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

const BUILDER_SETTINGS: readonly BuilderSetting[] = ['auto', 'docker', 'podman', 'buildah'];

/** `--builder`'s value (absent: auto); anything else is a UsageError. */
export function builderArg(value: string | undefined): BuilderSetting {
  const s = value ?? 'auto';
  if (!(BUILDER_SETTINGS as readonly string[]).includes(s))
    throw new UsageError(`--builder must be auto, docker, podman or buildah, not "${s}"`);
  return s as BuilderSetting;
}
