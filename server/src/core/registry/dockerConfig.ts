// Credentials the user already has for `docker login`: ~/.docker/config.json (or $DOCKER_CONFIG),
// `auths` entries, `credHelpers` / `credsStore` through docker-credential-<helper> (spawned with an
// argument array, never a shell). Secrets stay in memory and are never logged.
import { childProcess } from '../lazyBuiltins';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Credentials {
  username: string;
  secret: string;
}

interface DockerConfigFile {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

const HUB_KEYS = [
  'https://index.docker.io/v1/',
  'index.docker.io',
  'docker.io',
  'registry-1.docker.io',
  'https://registry-1.docker.io',
];

export function dockerConfigPath(envDir = process.env.DOCKER_CONFIG): string {
  return path.join(envDir || path.join(os.homedir(), '.docker'), 'config.json');
}

function hostOf(key: string): string {
  return key
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
}

function serverKeys(registry: string): string[] {
  return registry === 'docker.io' ? HUB_KEYS : [registry, `https://${registry}`, `http://${registry}`];
}

/** `a` and `b` would be handed the same entry of the docker config (docker.io and index.docker.io). */
export function sameCredentialHost(a: string, b: string): boolean {
  const hosts = new Set(serverKeys(a).map(hostOf));
  return serverKeys(b).some((k) => hosts.has(hostOf(k)));
}

/** Runs `docker-credential-<helper> get` with the server URL on stdin. */
export function runCredentialHelper(
  helper: string,
  server: string,
  timeoutMs = 5000,
): Promise<Credentials | undefined> {
  if (!/^[A-Za-z0-9._-]+$/.test(helper)) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    let out = '';
    let done = false;
    const finish = (v: Credentials | undefined) => {
      if (!done) {
        done = true;
        clearTimeout(t);
        resolve(v);
      }
    };
    let child;
    try {
      child = childProcess().spawn(`docker-credential-${helper}`, ['get'], { stdio: ['pipe', 'pipe', 'ignore'] });
    } catch {
      finish(undefined);
      return;
    }
    const t = setTimeout(() => {
      child.kill('SIGKILL');
      finish(undefined);
    }, timeoutMs);
    child.on('error', () => finish(undefined));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('close', (code) => {
      if (code !== 0) {
        finish(undefined);
        return;
      }
      try {
        const j = JSON.parse(out) as { Username?: string; Secret?: string };
        finish(j.Secret ? { username: j.Username ?? '', secret: j.Secret } : undefined);
      } catch {
        finish(undefined);
      }
    });
    child.stdin.end(server);
  });
}

export class DockerCredentials {
  private config: DockerConfigFile | undefined;
  private readonly memo = new Map<string, Promise<Credentials | undefined>>();

  constructor(private readonly file = dockerConfigPath()) {}

  private load(): DockerConfigFile {
    if (this.config) return this.config;
    try {
      this.config = JSON.parse(fs.readFileSync(this.file, 'utf8')) as DockerConfigFile;
    } catch {
      this.config = {};
    }
    return this.config;
  }

  /** Credentials for a registry host (`docker.io`, `host:5000`), or undefined for anonymous. */
  get(registry: string): Promise<Credentials | undefined> {
    let p = this.memo.get(registry);
    if (!p) {
      p = this.lookup(registry);
      this.memo.set(registry, p);
    }
    return p;
  }

  private async lookup(registry: string): Promise<Credentials | undefined> {
    const cfg = this.load();
    const keys = serverKeys(registry);
    const helper = Object.entries(cfg.credHelpers ?? {}).find(([k]) => keys.map(hostOf).includes(hostOf(k)))?.[1];
    if (helper) {
      for (const k of keys) {
        const c = await runCredentialHelper(helper, k);
        if (c) return c;
      }
    }
    for (const [k, v] of Object.entries(cfg.auths ?? {})) {
      if (!keys.map(hostOf).includes(hostOf(k))) continue;
      if (v.identitytoken) return { username: '<token>', secret: v.identitytoken };
      if (v.auth) {
        const decoded = Buffer.from(v.auth, 'base64').toString('utf8');
        const i = decoded.indexOf(':');
        if (i > 0) return { username: decoded.slice(0, i), secret: decoded.slice(i + 1) };
      }
      if (v.username && v.password) return { username: v.username, secret: v.password };
    }
    if (cfg.credsStore) {
      for (const k of keys) {
        const c = await runCredentialHelper(cfg.credsStore, k);
        if (c) return c;
      }
    }
    return undefined;
  }
}
