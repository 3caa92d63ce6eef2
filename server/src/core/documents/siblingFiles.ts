// Files beside a Dockerfile that supply its build args the way Kubernetes' image-util.sh does:
// `BASEIMAGE` gives --build-arg BASEIMAGE=<the line for the target>. Reads through a callback so
// the CLI (disk), the server (open documents, then disk) and the build plan share it.
import path from 'node:path';
import { Platform } from '../platform';
import { analyseBaseimage } from './baseimage';
import { FileArg } from './dockerfile';

export type ReadFile = (file: string) => string | undefined;

const HERE = 'the BASEIMAGE file beside this Dockerfile';

export function baseimageFileFor(dockerfile: string): string {
  return path.join(path.dirname(dockerfile), 'BASEIMAGE');
}

export function siblingFileArgs(
  dockerfile: string,
  target: Platform,
  read: ReadFile,
): Record<string, FileArg> | undefined {
  const text = read(baseimageFileFor(dockerfile));
  if (text === undefined) return undefined;
  const b = analyseBaseimage(text, target);
  const line = b.uses.find((u) => !u.informational);
  const key = b.lines.find((l) => l.line === line?.range.start.line)?.key;
  if (!line)
    return {
      BASEIMAGE: { origin: `${HERE}, which has no ${b.missingTarget?.key ?? 'target'}= line (MP109 there offers one)` },
    };
  if (line.resolved === undefined)
    return {
      BASEIMAGE: { origin: `the ${key} line of ${HERE} (its REGISTRY/ placeholder is filled in by image-util.sh)` },
    };
  return { BASEIMAGE: { value: line.resolved, origin: `the ${key} line of ${HERE}` } };
}
