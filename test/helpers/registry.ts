// A real docker-registry (Debian package `docker-registry`) on 127.0.0.1 for the registry tier,
// filled through the registry HTTP API with small images the tests write.
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export function registryBinary(): string | undefined {
  for (const p of ['/usr/bin/docker-registry', '/usr/sbin/docker-registry']) if (fs.existsSync(p)) return p;
  const r = spawnSync('sh', ['-c', 'command -v docker-registry'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

export interface RegistryOptions {
  htpasswd?: { user: string; password: string };
  token?: { realm: string; service: string; issuer: string; certFile: string };
}

export interface RunningRegistry {
  url: string;
  host: string;
  dir: string;
  stop(): Promise<void>;
}

export async function startRegistry(opts: RegistryOptions = {}): Promise<RunningRegistry> {
  const bin = registryBinary();
  if (!bin) throw new Error('docker-registry is not installed (apt-get install docker-registry)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-registry-'));
  const port = await freePort();
  const lines = [
    'version: 0.1',
    'log:',
    '  level: error',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    `  filesystem:`,
    `    rootdirectory: ${path.join(dir, 'data')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
    `  secret: ${crypto.randomBytes(8).toString('hex')}`,
  ];
  if (opts.htpasswd) {
    const r = spawnSync('htpasswd', ['-Bbn', opts.htpasswd.user, opts.htpasswd.password], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`htpasswd failed (apt-get install apache2-utils): ${r.stderr}`);
    fs.writeFileSync(path.join(dir, 'htpasswd'), r.stdout);
    lines.push('auth:', '  htpasswd:', '    realm: mips-port-test', `    path: ${path.join(dir, 'htpasswd')}`);
  }
  if (opts.token) {
    lines.push(
      'auth:',
      '  token:',
      `    realm: ${opts.token.realm}`,
      `    service: ${opts.token.service}`,
      `    issuer: ${opts.token.issuer}`,
      `    rootcertbundle: ${opts.token.certFile}`,
    );
  }
  fs.writeFileSync(path.join(dir, 'config.yml'), lines.join('\n') + '\n');
  const proc: ChildProcess = spawn(bin, ['serve', path.join(dir, 'config.yml')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`docker-registry exited: ${stderr}`);
    try {
      const r = await fetch(`${url}/v2/`);
      if (r.status === 200 || r.status === 401) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`docker-registry did not start: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    host: `127.0.0.1:${port}`,
    dir,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
          return;
        }
        proc.once('exit', () => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        proc.kill('SIGTERM');
        setTimeout(() => proc.kill('SIGKILL'), 3000).unref();
      }),
  };
}

export const MT = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
};

export function sha256(b: Buffer | string): string {
  return 'sha256:' + crypto.createHash('sha256').update(b).digest('hex');
}

/** Pushes images through the registry API (monolithic blob uploads, manifests by tag). */
export class Pusher {
  constructor(
    private readonly url: string,
    private readonly authorization?: string,
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return this.authorization ? { authorization: this.authorization, ...extra } : extra;
  }

  async blob(repo: string, data: Buffer): Promise<{ digest: string; size: number }> {
    const digest = sha256(data);
    const start = await fetch(`${this.url}/v2/${repo}/blobs/uploads/`, { method: 'POST', headers: this.headers() });
    if (start.status !== 202) throw new Error(`upload start ${repo}: ${start.status} ${await start.text()}`);
    const loc = new URL(start.headers.get('location') as string, this.url);
    loc.searchParams.set('digest', digest);
    const put = await fetch(loc, {
      method: 'PUT',
      headers: this.headers({ 'content-type': 'application/octet-stream' }),
      body: data,
    });
    if (put.status !== 201) throw new Error(`upload ${repo}: ${put.status} ${await put.text()}`);
    return { digest, size: data.length };
  }

  async manifest(
    repo: string,
    reference: string,
    body: object,
    mediaType: string,
  ): Promise<{ digest: string; size: number; mediaType: string }> {
    const data = Buffer.from(JSON.stringify(body));
    const r = await fetch(`${this.url}/v2/${repo}/manifests/${reference}`, {
      method: 'PUT',
      headers: this.headers({ 'content-type': mediaType }),
      body: data,
    });
    if (r.status !== 201) throw new Error(`manifest ${repo}:${reference}: ${r.status} ${await r.text()}`);
    return { digest: sha256(data), size: data.length, mediaType };
  }

  /** A single-platform image; the platform is only in its config blob. */
  async image(
    repo: string,
    reference: string,
    platform: { os: string; architecture: string; variant?: string },
    docker = false,
  ): Promise<{ digest: string; size: number; mediaType: string }> {
    const config = Buffer.from(JSON.stringify({ ...platform, rootfs: { type: 'layers', diff_ids: [] }, config: {} }));
    const c = await this.blob(repo, config);
    const layer = await this.blob(
      repo,
      Buffer.from(`layer of ${repo} ${platform.architecture} ${crypto.randomBytes(4).toString('hex')}`),
    );
    const body = {
      schemaVersion: 2,
      mediaType: docker ? MT.dockerManifest : MT.ociManifest,
      config: { mediaType: docker ? MT.dockerConfig : MT.ociConfig, digest: c.digest, size: c.size },
      layers: [{ mediaType: docker ? MT.dockerLayer : MT.ociLayer, digest: layer.digest, size: layer.size }],
    };
    return this.manifest(repo, reference, body, body.mediaType);
  }

  /** An index / manifest list over per-platform images, optionally with attestation entries. */
  async index(
    repo: string,
    tag: string,
    platforms: string[],
    opts: { docker?: boolean; attestations?: boolean } = {},
  ): Promise<string> {
    const entries = [];
    for (const p of platforms) {
      const [os, architecture, variant] = p.split('/');
      const m = await this.image(
        repo,
        `${tag}-${architecture}${variant ?? ''}`,
        { os, architecture, variant },
        opts.docker,
      );
      entries.push({
        mediaType: m.mediaType,
        digest: m.digest,
        size: m.size,
        platform: { os, architecture, ...(variant ? { variant } : {}) },
      });
      if (opts.attestations) {
        const a = await this.image(repo, `${tag}-${architecture}-att`, { os: 'unknown', architecture: 'unknown' });
        entries.push({
          mediaType: a.mediaType,
          digest: a.digest,
          size: a.size,
          platform: { os: 'unknown', architecture: 'unknown' },
          annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': m.digest },
        });
      }
    }
    const mediaType = opts.docker ? MT.dockerList : MT.ociIndex;
    const r = await this.manifest(repo, tag, { schemaVersion: 2, mediaType, manifests: entries }, mediaType);
    return r.digest;
  }
}

/** Fails the tier under CI=true when a service is missing, else skips loudly. */
export function requireService(name: string, available: boolean, install: string): string | false {
  if (available) return false;
  const msg = `${name} is not available: ${install}`;
  if (process.env.CI === 'true') throw new Error(`CI=true and ${msg}`);
  console.error(`\n*** SKIPPING: ${msg} ***\n`);
  return msg;
}
