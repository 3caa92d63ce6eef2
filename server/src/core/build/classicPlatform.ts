// The classic docker builder sets none of BuildKit's platform args (BUILDPLATFORM, TARGETARCH, …) and
// fails on `FROM --platform=$BUILDPLATFORM` ("failed to parse platform"). Nor can it run a stage on
// another platform than the build's (its COPY wants the build's platform). So it is given them as build
// args with the build platform set to the target (BUILDPLATFORM declared before the first FROM): the
// cross-compiling stage then builds, under QEMU, for the target.
import { parseDockerfile } from '../documents/parseDockerfile';
import { formatPlatform, Platform } from '../platform';

export interface ClassicPlatformArgs {
  /** The args passed, in order. */
  names: string[];
  values: Record<string, string>;
  /** The Dockerfile with the FROM-level ARGs it lacks declared, when it needs them. */
  text?: string;
  /** Where they went: `count` lines inserted before 0-based line `at`. */
  inserted?: { at: number; count: number };
}

const FROM_LEVEL = ['BUILDPLATFORM', 'BUILDOS', 'BUILDARCH'];

export function classicPlatformArgs(
  text: string,
  target: Platform,
  given: Record<string, string>,
): ClassicPlatformArgs {
  const host = target;
  const all: Record<string, string | undefined> = {
    BUILDPLATFORM: formatPlatform(host),
    BUILDOS: host.os,
    BUILDARCH: host.arch.oci,
    TARGETPLATFORM: formatPlatform(target),
    TARGETOS: target.os,
    TARGETARCH: target.arch.oci,
    TARGETVARIANT: target.arch.oci === 'arm' ? target.arch.variant : undefined,
  };
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(all))
    if (v !== undefined && given[k] === undefined && new RegExp(`\\b${k}\\b`).test(text)) values[k] = v;
  let instructions;
  try {
    instructions = parseDockerfile(text);
  } catch {
    return { names: Object.keys(values), values };
  }
  const firstFrom = instructions.findIndex((i) => i.getKeyword() === 'FROM');
  if (firstFrom < 0) return { names: Object.keys(values), values };
  const declared = new Set(
    instructions
      .slice(0, firstFrom)
      .filter((i) => i.getKeyword() === 'ARG')
      .flatMap((i) => (i.getArgumentsContent() ?? '').split(/\s+/).map((a) => a.split('=')[0])),
  );
  const fromText = instructions
    .filter((i) => i.getKeyword() === 'FROM')
    .map((i) => i.getTextContent())
    .join('\n');
  const missing = FROM_LEVEL.filter((k) => values[k] !== undefined && !declared.has(k) && fromText.includes(k));
  if (!missing.length) return { names: Object.keys(values), values };
  const line = instructions[firstFrom].getRange().start.line;
  const lines = text.split('\n');
  lines.splice(line, 0, ...missing.map((k) => `ARG ${k}`));
  return { names: Object.keys(values), values, text: lines.join('\n'), inserted: { at: line, count: missing.length } };
}
