// What the build tier needs on the machine: a Docker daemon, qemu-mips64el in binfmt_misc, and a
// mips64el base image made from Debian's busybox-static:mips64el package, pushed as linux/mips64le.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkEmulation } from '../../server/src/core/build/binfmt';
import { Pusher, registryBinary, sha256 } from './registry';
import { platform } from './engine';

export function dockerWorks(): boolean {
  const r = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8', timeout: 20000 });
  return r.status === 0;
}

export function emulationWorks(): string | undefined {
  const e = checkEmulation(platform('linux/mips64le'));
  return e.ok ? undefined : e.problem;
}

const onPath = (c: string) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', c]).status === 0;

/** Why a tier that makes Debian bases with mmdebstrap and builds on them cannot run here, or undefined. */
export function debianBaseTierMissing(): string | undefined {
  if (!dockerWorks()) return 'no Docker daemon answers (apt-get install docker.io; dockerd)';
  const e = emulationWorks();
  if (e) return e;
  if (!registryBinary()) return 'docker-registry is not installed';
  if (!onPath('mmdebstrap') || !onPath('arch-test'))
    return 'mmdebstrap and arch-test are not installed (apt-get install mmdebstrap arch-test)';
  return undefined;
}

const CACHE = path.join(os.tmpdir(), 'mips-port-test-cache');

/** Debian's busybox-static for mips64el, downloaded with apt-get (the machine must have the mips64el architecture added). */
export function busyboxDeb(): string | undefined {
  fs.mkdirSync(CACHE, { recursive: true });
  const have = () => fs.readdirSync(CACHE).find((f) => /^busybox-static_.*_mips64el\.deb$/.test(f));
  if (!have())
    spawnSync('apt-get', ['download', 'busybox-static:mips64el'], { cwd: CACHE, encoding: 'utf8', timeout: 120000 });
  const f = have();
  return f ? path.join(CACHE, f) : undefined;
}

/** Pushes a linux/mips64le image whose only content is a static busybox (sh, uname, cat, …). */
export async function pushBusyboxBase(pusher: Pusher, repo: string, tag: string): Promise<void> {
  const deb = busyboxDeb();
  if (!deb)
    throw new Error(
      'busybox-static:mips64el could not be downloaded (dpkg --add-architecture mips64el && apt-get update)',
    );
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-bb-'));
  try {
    const run = (cmd: string, args: string[]) => {
      const r = spawnSync(cmd, args, { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
    };
    run('dpkg-deb', ['-x', deb, path.join(work, 'deb')]);
    const root = path.join(work, 'root');
    fs.mkdirSync(path.join(root, 'bin'), { recursive: true });
    fs.mkdirSync(path.join(root, 'tmp'), { recursive: true });
    fs.copyFileSync(path.join(work, 'deb', 'bin', 'busybox'), path.join(root, 'bin', 'busybox'));
    fs.chmodSync(path.join(root, 'bin', 'busybox'), 0o755);
    for (const a of ['sh', 'uname', 'echo', 'cat', 'ls', 'true', 'false', 'sleep', 'mkdir', 'test'])
      fs.symlinkSync('busybox', path.join(root, 'bin', a));
    run('tar', [
      '-C',
      root,
      '--sort=name',
      '--mtime=@0',
      '--owner=0',
      '--group=0',
      '--numeric-owner',
      '-cf',
      path.join(work, 'layer.tar'),
      '.',
    ]);
    run('gzip', ['-n', '-k', path.join(work, 'layer.tar')]);
    const tar = fs.readFileSync(path.join(work, 'layer.tar'));
    const layer = await pusher.blob(repo, fs.readFileSync(path.join(work, 'layer.tar.gz')));
    const config = Buffer.from(
      JSON.stringify({
        architecture: 'mips64le',
        os: 'linux',
        config: { Cmd: ['/bin/sh'], Env: ['PATH=/bin'] },
        rootfs: { type: 'layers', diff_ids: [sha256(tar)] },
      }),
    );
    const c = await pusher.blob(repo, config);
    await pusher.manifest(
      repo,
      tag,
      {
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: c.digest, size: c.size },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: layer.digest, size: layer.size }],
      },
      'application/vnd.oci.image.manifest.v1+json',
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
