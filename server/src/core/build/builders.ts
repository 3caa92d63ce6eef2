// Which container builder to drive: docker (buildx when the plugin is there, else the BuildKit built
// into docker CLIs before 23.0, else the classic builder), podman or buildah. DOCKER_HOST and the current
// docker context are the CLI's business: we pass the environment through untouched.
import { childProcess } from '../lazyBuiltins';

export type BuilderKind = 'docker' | 'podman' | 'buildah';
export type BuilderSetting = 'auto' | BuilderKind;

export interface Builder {
  kind: BuilderKind;
  /** docker: `docker buildx build` (BuildKit) instead of the classic `docker build`. */
  buildx: boolean;
  /** docker without buildx: a CLI before 23.0 (Debian bookworm's docker.io 20.10) that runs BuildKit
   *  itself with DOCKER_BUILDKIT=1. Newer CLIs need the buildx plugin for BuildKit. */
  buildkit?: boolean;
  version?: string;
}

export interface ProbeResult {
  code: number | null;
  stdout: string;
  stderr: string;
  missing: boolean;
}
export type Probe = (cmd: string, args: string[]) => Promise<ProbeResult>;

export const realProbe: Probe = (cmd, args) =>
  new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let child;
    try {
      child = childProcess().spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch {
      resolve({ code: null, stdout, stderr, missing: true });
      return;
    }
    const t = setTimeout(() => child.kill('SIGKILL'), 15000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(t);
      resolve({ code: null, stdout, stderr: e.message, missing: e.code === 'ENOENT' });
    });
    child.on('close', (code) => {
      clearTimeout(t);
      resolve({ code, stdout, stderr, missing: false });
    });
  });

export class BuilderError extends Error {}

function majorVersion(v: string): number {
  const m = /(\d+)\.(\d+)/.exec(v);
  return m ? Number(m[1]) : NaN;
}

function atLeast(v: string, major: number, minor: number): boolean {
  const m = /(\d+)\.(\d+)/.exec(v);
  return !!m && (Number(m[1]) > major || (Number(m[1]) === major && Number(m[2]) >= minor));
}

export async function detectBuilder(setting: BuilderSetting = 'auto', probe: Probe = realProbe): Promise<Builder> {
  const problems: string[] = [];
  const tryDocker = async (): Promise<Builder | undefined> => {
    const v = await probe('docker', ['version', '--format', '{{.Server.Version}}']);
    if (v.missing) {
      problems.push('docker is not installed (apt-get install docker.io, or Docker Engine)');
      return undefined;
    }
    if (v.code !== 0) {
      const host = process.env.DOCKER_HOST ? ` at DOCKER_HOST=${process.env.DOCKER_HOST}` : '';
      problems.push(
        `the Docker daemon${host} does not answer: ${(v.stderr.trim().split('\n').pop() ?? '').slice(0, 200)} (start it: systemctl start docker, or dockerd)`,
      );
      return undefined;
    }
    const bx = await probe('docker', ['buildx', 'version']);
    if (bx.code === 0) return { kind: 'docker', buildx: true, version: v.stdout.trim() };
    const c = await probe('docker', ['version', '--format', '{{.Client.Version}}']);
    const builtin = c.code === 0 && majorVersion(c.stdout) < 23 && atLeast(v.stdout, 18, 9);
    return { kind: 'docker', buildx: false, ...(builtin ? { buildkit: true } : {}), version: v.stdout.trim() };
  };
  const tryOther = async (kind: 'podman' | 'buildah'): Promise<Builder | undefined> => {
    const v = await probe(kind, ['--version']);
    if (v.missing) {
      problems.push(`${kind} is not installed (apt-get install ${kind})`);
      return undefined;
    }
    if (v.code !== 0) {
      problems.push(`${kind} --version failed: ${v.stderr.trim().slice(0, 200)}`);
      return undefined;
    }
    return { kind, buildx: false, version: v.stdout.trim() };
  };
  const order: BuilderKind[] = setting === 'auto' ? ['docker', 'podman', 'buildah'] : [setting];
  for (const k of order) {
    const b = k === 'docker' ? await tryDocker() : await tryOther(k);
    if (b) return b;
  }
  throw new BuilderError(`No container builder is usable: ${problems.join('; ')}.`);
}
