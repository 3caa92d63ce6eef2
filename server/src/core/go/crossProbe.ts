// Whether a C cross compiler can really build for the target: a compiler on PATH is not enough, cgo also
// needs the target's C library headers and start files (Debian's libc6-dev-<arch>-cross, which the
// compiler package only recommends). The probe compiles and links a small program, as cgo does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Platform } from '../platform';
import { runProcess } from '../process/runProcess';
import { crossCompiler, findOnPath } from './goToolchain';

export type CrossProbe =
  | { ok: true; cc: string }
  /** `why` says what is missing and which Debian package brings it. */
  | { ok: false; why: string; cc?: string };

const PROBE_C = '#include <stdio.h>\n#include <stdlib.h>\nint main(void) { puts(getenv("HOME")); return 0; }\n';
const PROBE_TIMEOUT_MS = 60_000;
/** Compilers that built the probe: asked once per process (a failure is asked again, the user may install). */
const working = new Set<string>();

export async function probeCrossCompiler(
  target: Platform,
  find: (cmd: string) => string | undefined = (c) => findOnPath(c),
  signal?: AbortSignal,
): Promise<CrossProbe> {
  const cross = crossCompiler(target);
  if (!cross) return { ok: false, why: `no C cross compiler is known for ${target.arch.oci}` };
  const cc = find(cross.cc);
  const install = `apt-get install ${cross.essential}, or ${cross.pkg} ${cross.libc}`;
  if (!cc) return { ok: false, why: `needs the C cross compiler ${cross.cc} (${install})` };
  if (working.has(cc)) return { ok: true, cc };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-cc-probe-'));
  try {
    fs.writeFileSync(path.join(dir, 'probe.c'), PROBE_C);
    const timeout = AbortSignal.timeout(PROBE_TIMEOUT_MS);
    const r = await runProcess([cc, '-o', path.join(dir, 'probe'), path.join(dir, 'probe.c')], {
      cwd: dir,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      maxOutput: 20_000,
    });
    if (r.code === 0 && !r.cancelled) {
      working.add(cc);
      return { ok: true, cc };
    }
    const headers = /No such file or directory|no include path|cannot find (crt|-lc)/.test(r.output);
    const what = headers
      ? `lacks the target's C headers and libraries (apt-get install ${cross.libc}, or ${cross.essential})`
      : `cannot build a C program (${firstError(r.output, r.cancelled)}; ${install})`;
    return { ok: false, cc, why: `${cross.cc} is installed but ${what}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function firstError(output: string, cancelled: boolean): string {
  if (cancelled) return 'timed out';
  const line = output.split('\n').find((l) => /error/i.test(l)) ?? output.trim().split('\n')[0] ?? '';
  return line.replace(/^.*?error:\s*/i, '').slice(0, 120) || 'no output';
}
