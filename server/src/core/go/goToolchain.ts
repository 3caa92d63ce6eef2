// The Go toolchain and the C cross compilers cgo needs, found on PATH (never through a shell).
import fs from 'node:fs';
import path from 'node:path';
import { Platform } from '../platform';

/**
 * Debian's cross compiler for a Go architecture: the command, the package that installs it, and Debian's name
 * of the architecture (its C library headers for cgo come in `libc6-dev-<deb>-cross`).
 */
const CROSS_CC: Record<string, { cc: string; pkg: string; deb: string }> = {
  mips64le: { cc: 'mips64el-linux-gnuabi64-gcc', pkg: 'gcc-mips64el-linux-gnuabi64', deb: 'mips64el' },
  mips64: { cc: 'mips64-linux-gnuabi64-gcc', pkg: 'gcc-mips64-linux-gnuabi64', deb: 'mips64' },
  mipsle: { cc: 'mipsel-linux-gnu-gcc', pkg: 'gcc-mipsel-linux-gnu', deb: 'mipsel' },
  riscv64: { cc: 'riscv64-linux-gnu-gcc', pkg: 'gcc-riscv64-linux-gnu', deb: 'riscv64' },
  arm64: { cc: 'aarch64-linux-gnu-gcc', pkg: 'gcc-aarch64-linux-gnu', deb: 'arm64' },
  arm: { cc: 'arm-linux-gnueabihf-gcc', pkg: 'gcc-arm-linux-gnueabihf', deb: 'armhf' },
  loong64: { cc: 'loongarch64-linux-gnu-gcc', pkg: 'gcc-loongarch64-linux-gnu', deb: 'loong64' },
  ppc64le: { cc: 'powerpc64le-linux-gnu-gcc', pkg: 'gcc-powerpc64le-linux-gnu', deb: 'ppc64el' },
  s390x: { cc: 's390x-linux-gnu-gcc', pkg: 'gcc-s390x-linux-gnu', deb: 's390x' },
  '386': { cc: 'i686-linux-gnu-gcc', pkg: 'gcc-i686-linux-gnu', deb: 'i386' },
  amd64: { cc: 'x86_64-linux-gnu-gcc', pkg: 'gcc-x86-64-linux-gnu', deb: 'amd64' },
};

export interface CrossCompiler {
  /** The compiler command (`mips64el-linux-gnuabi64-gcc`). */
  cc: string;
  /** The package that installs the compiler. */
  pkg: string;
  /** The package with the target's C library headers and start files, which cgo needs as well. */
  libc: string;
  /** The package that brings both (`crossbuild-essential-mips64el`). */
  essential: string;
}

/** Where a command lives on PATH, if it does. */
export function findOnPath(cmd: string, envPath = process.env.PATH ?? ''): string | undefined {
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, cmd);
    if (isExecutableFile(p)) return p;
  }
  return undefined;
}

export function isExecutableFile(p: string): boolean {
  try {
    if (!fs.statSync(p).isFile()) return false;
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** GOARCH (and GOMIPS/GOARM where the variant says) for the target platform. */
export function goEnvFor(target: Platform): Record<string, string> {
  const env: Record<string, string> = { GOOS: target.os, GOARCH: target.arch.oci };
  if (target.arch.oci === 'arm' && target.arch.variant) env.GOARM = target.arch.variant.replace(/^v/, '');
  return env;
}

export function crossCompiler(target: Platform): CrossCompiler | undefined {
  const c = CROSS_CC[target.arch.oci];
  if (!c) return undefined;
  return { cc: c.cc, pkg: c.pkg, libc: `libc6-dev-${c.deb}-cross`, essential: `crossbuild-essential-${c.deb}` };
}

export const GO_INSTALL_HINT =
  'Install Go to check Go code for the target: apt-get install golang-go (or https://go.dev/dl), then reload.';
