// QEMU user emulation through binfmt_misc: is the target's ELF handled, enabled, and usable inside
// containers (the F flag keeps the interpreter open, so it need not exist in the image)?
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Platform, qemuName } from '../platform';

export const BINFMT_DIR = '/proc/sys/fs/binfmt_misc';

/** The binfmt_misc entry name, as Debian's qemu-user-static and tonistiigi/binfmt register it. */
export function qemuEntry(target: Platform): string {
  return `qemu-${qemuName(target.arch)}`;
}

export interface BinfmtEntry {
  enabled: boolean;
  interpreter?: string;
  flags: string;
  magic?: string;
}

export function parseBinfmtEntry(text: string): BinfmtEntry {
  const lines = text.split('\n').map((l) => l.trim());
  // "interpreter /path", "flags: POF", "offset 0", "magic 7f45…"
  const get = (k: string) =>
    lines
      .find((l) => l.startsWith(k + ' ') || l.startsWith(k + ':'))
      ?.slice(k.length)
      .replace(/^:/, '')
      .trim();
  return {
    enabled: lines[0] === 'enabled',
    interpreter: get('interpreter'),
    flags: get('flags') ?? '',
    magic: get('magic'),
  };
}

export interface EmulationStatus {
  ok: boolean;
  native: boolean;
  entryName: string;
  entry?: BinfmtEntry;
  /** What is wrong, in words a user can act on. */
  problem?: string;
}

export function checkEmulation(
  target: Platform,
  opts: { binfmtDir?: string; hostMachine?: string } = {},
): EmulationStatus {
  const dir = opts.binfmtDir ?? BINFMT_DIR;
  const machine = opts.hostMachine ?? os.machine();
  const entryName = qemuEntry(target);
  if (machine === target.arch.uname || (target.arch.oci === 'arm64' && machine === 'arm64'))
    return { ok: true, native: true, entryName };
  if (!fs.existsSync(path.join(dir, 'status'))) {
    return {
      ok: false,
      native: false,
      entryName,
      problem: `binfmt_misc is not mounted at ${dir}: the kernel cannot run ${target.arch.uname} programs through QEMU. Mount it (mount -t binfmt_misc binfmt_misc ${dir}) and register ${entryName}.`,
    };
  }
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, entryName), 'utf8');
  } catch {
    return {
      ok: false,
      native: false,
      entryName,
      problem: `${entryName} is not registered in binfmt_misc: ${target.arch.uname} programs (every RUN step of a ${target.os}/${target.arch.oci} build) would fail with "exec format error". Run "MIPS Port: Set up QEMU" (or: docker run --privileged --rm tonistiigi/binfmt --install ${target.arch.oci}).`,
    };
  }
  const entry = parseBinfmtEntry(text);
  if (!entry.enabled)
    return {
      ok: false,
      native: false,
      entryName,
      entry,
      problem: `${entryName} is registered but disabled (echo 1 > ${path.join(dir, entryName)}, or update-binfmts --enable ${entryName}).`,
    };
  if (!entry.flags.includes('F')) {
    return {
      ok: false,
      native: false,
      entryName,
      entry,
      problem: `${entryName} is registered without the F flag: the interpreter ${entry.interpreter ?? ''} is looked up inside each container, where it does not exist. Re-register it with F (qemu-user-static's /usr/lib/binfmt.d/${entryName}.conf has it).`,
    };
  }
  return { ok: true, native: false, entryName, entry };
}

/** Registers a binfmt entry from a binfmt.d conf file (root only). */
export function registerFromConf(confFile: string, binfmtDir = BINFMT_DIR): void {
  const line = fs
    .readFileSync(confFile, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(':'));
  if (!line) throw new Error(`${confFile} holds no binfmt registration line`);
  fs.writeFileSync(path.join(binfmtDir, 'register'), line);
}

/** The standard ways to set emulation up, for the editor to offer (each runs in a terminal). */
export function qemuSetupOptions(target: Platform): { label: string; detail: string; command: string[] }[] {
  const entry = qemuEntry(target);
  return [
    {
      label: 'tonistiigi/binfmt (Docker)',
      detail: 'Registers QEMU from a container; needs a running Docker daemon.',
      command: ['docker', 'run', '--privileged', '--rm', 'tonistiigi/binfmt', '--install', target.arch.oci],
    },
    {
      label: "Host's qemu-user-static (update-binfmts)",
      detail: 'Debian/Ubuntu: apt-get install qemu-user-static binfmt-support first.',
      command: ['sudo', 'update-binfmts', '--enable', entry],
    },
    {
      label: "Host's qemu-user-static (write the register file)",
      detail: `Writes /usr/lib/binfmt.d/${entry}.conf to ${BINFMT_DIR}/register.`,
      command: ['sudo', 'sh', '-c', `cat /usr/lib/binfmt.d/${entry}.conf > ${BINFMT_DIR}/register`],
    },
  ];
}
