// Turns a root filesystem tar into an image: a gzip layer and a config naming the target platform,
// written as a docker-archive (for `docker load`, which keeps the config's architecture — unlike
// `docker import`). Deterministic: same tar and epoch give the same digests.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { zlib } from '../lazyBuiltins';
import { pipeline } from 'node:stream/promises';
import { Platform } from '../platform';

export interface ImageFiles {
  dir: string;
  layerDigest: string;
  diffId: string;
  configDigest: string;
}

function sha(file: string): string {
  return 'sha256:' + crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export async function gzipFile(src: string, dst: string, signal?: AbortSignal): Promise<void> {
  // zlib writes no file name and a zero mtime, so the layer digest is reproducible
  await pipeline(fs.createReadStream(src), zlib().createGzip({ level: 6 }), fs.createWriteStream(dst), { signal });
}

/** Writes manifest.json, the config and the layer into dir (a docker-archive once tarred). */
export async function writeDockerArchive(
  rootfsTar: string,
  dir: string,
  o: { target: Platform; tag: string; created: Date; cmd?: string[]; signal?: AbortSignal },
): Promise<ImageFiles> {
  fs.mkdirSync(dir, { recursive: true });
  const diffId = sha(rootfsTar);
  const layerTmp = path.join(dir, 'layer.tar.gz');
  await gzipFile(rootfsTar, layerTmp, o.signal);
  const layerDigest = sha(layerTmp);
  const layerName = `${layerDigest.slice(7)}.tar.gz`;
  fs.renameSync(layerTmp, path.join(dir, layerName));
  const config = {
    architecture: o.target.arch.oci,
    ...(o.target.arch.oci === 'arm' && o.target.arch.variant ? { variant: o.target.arch.variant } : {}),
    os: o.target.os,
    created: o.created.toISOString(),
    config: { Cmd: o.cmd ?? ['bash'], Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] },
    rootfs: { type: 'layers', diff_ids: [diffId] },
    history: [{ created: o.created.toISOString(), created_by: 'mips-port base create (mmdebstrap)' }],
  };
  const configJson = Buffer.from(JSON.stringify(config));
  const configDigest = 'sha256:' + crypto.createHash('sha256').update(configJson).digest('hex');
  fs.writeFileSync(path.join(dir, `${configDigest.slice(7)}.json`), configJson);
  fs.writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify([{ Config: `${configDigest.slice(7)}.json`, RepoTags: [o.tag], Layers: [layerName] }]),
  );
  return { dir, layerDigest, diffId, configDigest };
}
