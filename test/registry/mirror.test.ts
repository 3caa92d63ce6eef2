// `mips-port mirror` against two real docker-registry processes on 127.0.0.1: an upstream one (the
// docker.io / registry.k8s.io / gcr.io mirror, filled here) and a private one behind htpasswd (PREFIX),
// reached through a counting proxy so the test sees every blob that arrives there.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CliResult, runCliProcess } from '../helpers/cli';
import { CountingProxy, startCountingProxy } from '../helpers/countingProxy';
import { CLI, REPO_ROOT } from '../helpers/paths';
import {
  MT,
  Pusher,
  registryBinary,
  requireService,
  RunningRegistry,
  sha256,
  startRegistry,
} from '../helpers/registry';
import { parseRepoList } from '../../server/src/core/documents/kubeRepoList';

const skip = requireService(
  'docker-registry and skopeo',
  !!registryBinary() && spawnSync('skopeo', ['--version']).status === 0,
  'apt-get install docker-registry apache2-utils skopeo',
);
const USER = 'mirror-user';
const PASS = 'mirror-pass-7';
const ERAS = path.join(REPO_ROOT, 'test', 'fixtures', 'k8s', 'mirror');

let upstream: RunningRegistry;
let priv: RunningRegistry;
let proxy: CountingProxy;
let work: string;
let auth: string;
const entryDigest: Record<string, string> = {};
let sharedLayer: string;
type Stored = { manifests?: { digest: string; platform: { architecture: string } }[] };

/** An image of several layers; `shared` layers are reused as given (to be mounted, not sent). */
async function layered(
  p: Pusher,
  repo: string,
  ref: string,
  architecture: string,
  layers: Buffer[],
  docker = false,
): Promise<{ digest: string; size: number; mediaType: string }> {
  const config = Buffer.from(JSON.stringify({ os: 'linux', architecture, rootfs: { type: 'layers', diff_ids: [] } }));
  const c = await p.blob(repo, config);
  const ls = [];
  for (const l of layers) ls.push(await p.blob(repo, l));
  const mediaType = docker ? MT.dockerManifest : MT.ociManifest;
  const body = {
    schemaVersion: 2,
    mediaType,
    config: { mediaType: docker ? MT.dockerConfig : MT.ociConfig, digest: c.digest, size: c.size },
    layers: ls.map((l) => ({ mediaType: docker ? MT.dockerLayer : MT.ociLayer, digest: l.digest, size: l.size })),
  };
  return p.manifest(repo, ref, body, mediaType);
}

/** An index (or Docker list) of the given images, with an attestation entry for each when asked. */
async function indexOf(
  p: Pusher,
  repo: string,
  tag: string,
  images: { arch: string; m: { digest: string; size: number; mediaType: string } }[],
  opts: { docker?: boolean; attestations?: boolean } = {},
): Promise<void> {
  const manifests: object[] = [];
  for (const { arch, m } of images) {
    manifests.push({
      mediaType: m.mediaType,
      digest: m.digest,
      size: m.size,
      platform: { os: 'linux', architecture: arch },
    });
    if (opts.attestations) {
      const a = await layered(p, repo, `${tag}-${arch}-att`, 'unknown', [Buffer.from(`in-toto ${arch}`)]);
      manifests.push({
        ...a,
        platform: { os: 'unknown', architecture: 'unknown' },
        annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': m.digest },
      });
    }
  }
  const mediaType = opts.docker ? MT.dockerList : MT.ociIndex;
  await p.manifest(repo, tag, { schemaVersion: 2, mediaType, manifests }, mediaType);
}

const rnd = (n: number) => crypto.randomBytes(n);

/** skopeo, without blocking this process (the counting proxy it talks through lives here). */
function skopeo(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn('skopeo', args, { timeout: 60000 });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function mirrorArgs(prefixPath: string): string[] {
  const m = ['docker.io', 'registry.k8s.io', 'k8s.gcr.io', 'gcr.io'].flatMap((r) => [
    '--mirror',
    `${r}=${upstream.url}`,
  ]);
  return [
    ...m,
    '--insecure',
    upstream.host,
    '--insecure',
    proxy.host,
    '--to',
    `${proxy.host}/${prefixPath}`,
    '--no-cache',
  ];
}

function runCli(args: string[]): Promise<CliResult> {
  return runCliProcess(args, { ...process.env, DOCKER_CONFIG: path.join(work, 'docker'), XDG_CACHE_HOME: work });
}

/** What the private registry holds at a reference (asked directly, with the test's credentials). */
async function stored(repo: string, reference: string): Promise<{ status: number; body?: Stored }> {
  const r = await fetch(`${priv.url}/v2/${repo}/manifests/${reference}`, {
    headers: {
      authorization: auth,
      accept: [MT.ociIndex, MT.dockerList, MT.ociManifest, MT.dockerManifest].join(', '),
    },
  });
  return { status: r.status, body: r.status === 200 ? ((await r.json()) as Stored) : undefined };
}

describe('mips-port mirror', { skip }, () => {
  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-mirror-'));
    [upstream, priv] = await Promise.all([
      startRegistry(),
      startRegistry({ htpasswd: { user: USER, password: PASS } }),
    ]);
    proxy = await startCountingProxy(priv.url);
    auth = 'Basic ' + Buffer.from(`${USER}:${PASS}`).toString('base64');
    fs.mkdirSync(path.join(work, 'docker'));
    fs.writeFileSync(
      path.join(work, 'docker', 'config.json'),
      JSON.stringify({ auths: { [proxy.host]: { auth: auth.slice(6) } } }),
    );

    const p = new Pusher(upstream.url);
    const shared = rnd(300 * 1024);
    sharedLayer = sha256(shared);
    // busybox:1.29: an OCI index with mips64le (three layers) and attestation entries
    const bbMips = await layered(p, 'library/busybox', 'mips', 'mips64le', [shared, rnd(200 * 1024), rnd(1000)]);
    const bbAmd = await layered(p, 'library/busybox', 'amd64', 'amd64', [rnd(1000)]);
    await indexOf(
      p,
      'library/busybox',
      '1.29',
      [
        { arch: 'amd64', m: bbAmd },
        { arch: 'mips64le', m: bbMips },
      ],
      {
        attestations: true,
      },
    );
    entryDigest.busybox = bbMips.digest;
    // agnhost:2.47: a Docker schema-2 list, sharing busybox's first layer (mounted under PREFIX, not sent)
    for (const repo of ['e2e-test-images/agnhost', 'kubernetes-e2e-test-images/agnhost']) {
      const ag = await layered(p, repo, 'mips', 'mips64le', [shared, rnd(5000)], true);
      const agAmd = await layered(p, repo, 'amd64', 'amd64', [rnd(100)], true);
      await indexOf(
        p,
        repo,
        '2.47',
        [
          { arch: 'amd64', m: agAmd },
          { arch: 'mips64le', m: ag },
        ],
        { docker: true },
      );
      entryDigest[repo] = ag.digest;
    }
    // pause:3.9: one schema-2 image for mips64le, no index
    entryDigest.pause = (await layered(p, 'pause', '3.9', 'mips64le', [rnd(700)], true)).digest;
    // nginx:1.14-alpine has no mips64le; 1.18 (its first replacement) has
    const ngAmd = await layered(p, 'library/nginx', 'a-amd64', 'amd64', [rnd(100)]);
    const ngArm = await layered(p, 'library/nginx', 'a-arm64', 'arm64', [rnd(100)]);
    await indexOf(p, 'library/nginx', '1.14-alpine', [
      { arch: 'amd64', m: ngAmd },
      { arch: 'arm64', m: ngArm },
    ]);
    const ng18 = await layered(p, 'library/nginx', '1.18-mips', 'mips64le', [rnd(2000)]);
    await indexOf(p, 'library/nginx', '1.18', [{ arch: 'mips64le', m: ng18 }]);
    entryDigest.nginx18 = ng18.digest;
    // redis:5.0.5-alpine is not there at all
    // a big one, for the interruption
    const big = await layered(p, 'library/big', 'mips', 'mips64le', [rnd(12 * 1024 * 1024)]);
    await indexOf(p, 'library/big', '1', [{ arch: 'mips64le', m: big }]);
  });

  after(async () => {
    await Promise.all([upstream?.stop(), priv?.stop(), proxy?.close()]);
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  test('--dry-run prints the plan per image (copy / missing with replacements) and touches no registry', async () => {
    const seen = proxy.requests.length;
    const r = await runCli([
      'mirror',
      path.join(ERAS, 'current'),
      ...mirrorArgs('dry'),
      '--dry-run',
      '--format',
      'json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const plan = JSON.parse(r.stdout) as {
      items: { image: string; action: string; target: string; replacements: { image: string }[] }[];
      repoList: Record<string, string>;
    };
    const action = Object.fromEntries(plan.items.map((i) => [i.image, i.action]));
    assert.deepEqual(action, {
      'registry.k8s.io/e2e-test-images/agnhost:2.47': 'copy',
      'docker.io/library/busybox:1.29': 'copy',
      'docker.io/library/nginx:1.14-alpine': 'missing',
      'registry.k8s.io/pause:3.9': 'copy',
      'docker.io/library/redis:5.0.5-alpine': 'missing',
    });
    const nginx = plan.items.find((i) => i.image.includes('nginx'))!;
    assert.equal(nginx.replacements[0].image, 'docker.io/library/nginx:1.18');
    assert.equal(plan.items.find((i) => i.image.includes('busybox'))!.target, `${proxy.host}/dry/library/busybox:1.29`);
    assert.deepEqual(plan.repoList, {
      promoterE2eRegistry: `${proxy.host}/dry/e2e-test-images`,
      gcRegistry: `${proxy.host}/dry`,
      dockerLibraryRegistry: `${proxy.host}/dry/library`,
    });
    assert.equal(proxy.requests.length, seen, 'a dry run sent nothing to PREFIX');
    const text = await runCli(['mirror', path.join(ERAS, 'current'), ...mirrorArgs('dry'), '--dry-run']);
    assert.match(
      text.stdout,
      /^missing {2}docker\.io\/library\/nginx:1\.14-alpine \(missing\).*\n {11}1\. docker\.io\/library\/nginx:1\.18/m,
    );
    assert.match(text.stdout, /5 images for linux\/mips64le by .*: 3 to copy, 0 to build, 2 missing/);
  });

  test('copies digest-exact into PREFIX, mounts shared layers, writes the repo list, counts served', async () => {
    const list = path.join(work, 'repo-list.yaml');
    const r = await runCli(['mirror', path.join(ERAS, 'current'), ...mirrorArgs('k8s-mips'), '--repo-list', list]);
    assert.equal(r.code, 1, r.stdout + r.stderr); // nginx and redis are still missing
    assert.match(r.stdout, new RegExp(`3 of 5 images served for linux/mips64le by ${proxy.host}/k8s-mips\\n$`));
    // the platform manifest under PREFIX is the source's, byte for byte; the tag is an index of it alone
    const bb = await stored('k8s-mips/library/busybox', '1.29');
    assert.equal(bb.status, 200);
    assert.deepEqual(
      bb.body!.manifests!.map((m) => [m.digest, m.platform.architecture]),
      [[entryDigest.busybox, 'mips64le']],
    );
    const raw = await fetch(`${priv.url}/v2/k8s-mips/library/busybox/manifests/${entryDigest.busybox}`, {
      headers: { authorization: auth, accept: MT.ociManifest },
    });
    assert.equal(sha256(Buffer.from(await raw.arrayBuffer())), entryDigest.busybox);
    const ag = await stored('k8s-mips/e2e-test-images/agnhost', '2.47');
    assert.equal(ag.body!.manifests![0].digest, entryDigest['e2e-test-images/agnhost']);
    assert.equal((await stored('k8s-mips/pause', '3.9')).body!.manifests![0].digest, entryDigest.pause);
    // busybox's first layer was sent once and mounted into agnhost's repository
    assert.ok(proxy.mounts().includes(sharedLayer), JSON.stringify(proxy.mounts()));
    assert.equal(proxy.blobUploads().filter((d) => d === sharedLayer).length, 1);
    assert.match(r.stdout, /mounted/);
    // skopeo sees linux/mips64le under PREFIX
    const sk = await skopeo([
      'inspect',
      '--tls-verify=false',
      '--creds',
      `${USER}:${PASS}`,
      '--override-arch',
      'mips64le',
      `docker://${proxy.host}/k8s-mips/library/busybox:1.29`,
    ]);
    assert.equal(sk.code, 0, sk.stderr);
    assert.equal(JSON.parse(sk.stdout).Architecture, 'mips64le');
    // the missing ones keep their replacements; the repo list maps every registry the file uses
    assert.match(r.stdout, /missing {2}docker\.io\/library\/redis:5\.0\.5-alpine/);
    assert.match(r.stdout, /not served: docker\.io\/library\/nginx:1\.14-alpine/);
    const back = parseRepoList(fs.readFileSync(list, 'utf8'));
    assert.ok(back.ok);
    assert.deepEqual(back.map, {
      promoterE2eRegistry: `${proxy.host}/k8s-mips/e2e-test-images`,
      gcRegistry: `${proxy.host}/k8s-mips`,
      dockerLibraryRegistry: `${proxy.host}/k8s-mips/library`,
    });
    // the suite, pointed at that file, pulls what was copied
    const images = await runCli(['images', path.join(ERAS, 'current', 'manifest.go'), '--kube-test-repo-list', list]);
    assert.ok(images.stdout.includes(`${proxy.host}/k8s-mips/library/busybox:1.29\n`), images.stdout);
  });

  test('a second run sends no blob PREFIX already has (counted at the registry)', async () => {
    const before = proxy.blobUploads().length;
    assert.ok(before >= 5, `the first run uploaded blobs (${before})`);
    const r = await runCli(['mirror', path.join(ERAS, 'current'), ...mirrorArgs('k8s-mips')]);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(proxy.blobUploads().length, before, 'no blob was uploaded again');
    assert.match(r.stdout, /already there/);
    assert.match(r.stdout, /3 of 5 images served/);
  });

  test('--substitute copies the first replacement under the expected name and says so', async () => {
    const file = path.join(work, 'images.txt');
    fs.writeFileSync(file, '# what sonobuoy images printed\ndocker.io/library/nginx:1.14-alpine\nbusybox:1.29\n\n');
    const r = await runCli(['mirror', file, ...mirrorArgs('subst'), '--substitute']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      new RegExp(
        'copy {5}docker\\.io/library/nginx:1\\.18 -> .*/subst/library/nginx:1\\.14-alpine ' +
          '\\(substitute for docker\\.io/library/nginx:1\\.14-alpine\\)',
      ),
    );
    assert.match(r.stdout, /substituted: docker\.io\/library\/nginx:1\.18 under/);
    assert.equal((await stored('subst/library/nginx', '1.14-alpine')).body!.manifests![0].digest, entryDigest.nginx18);
    assert.match(r.stdout, /2 of 2 images served/);
  });

  for (const era of ['v1.12', 'v1.16', 'v1.21']) {
    test(`manifest.go ${era}: the repo list has that era's keys and the images are checked through it`, async () => {
      const list = path.join(work, `repo-list-${era}.yaml`);
      const prefix = `era-${era.replace('.', '-')}`;
      const r = await runCli(['mirror', path.join(ERAS, era), ...mirrorArgs(prefix), '--repo-list', list]);
      const back = parseRepoList(fs.readFileSync(list, 'utf8'));
      assert.ok(back.ok);
      const at = `${proxy.host}/${prefix}`;
      if (era === 'v1.21') {
        // docker.io/library is a plain variable in that era: no key for it, so its images stay outside PREFIX
        assert.deepEqual(back.map, { promoterE2eRegistry: `${at}/e2e-test-images`, gcRegistry: at });
        assert.match(
          r.stdout,
          /not served: docker\.io\/library\/busybox:1\.29: the workload still pulls it from outside/,
        );
        assert.match(r.stdout, /2 of 5 images served/);
      } else {
        assert.deepEqual(back.map, {
          dockerLibraryRegistry: `${at}/library`,
          e2eRegistry: `${at}/kubernetes-e2e-test-images`,
          gcRegistry: at,
        });
        assert.match(r.stdout, /3 of 5 images served/);
      }
      assert.equal(r.code, 1);
    });
  }

  test('interrupted in the middle of a layer: no tag is written', async () => {
    const file = path.join(work, 'big.txt');
    fs.writeFileSync(file, 'docker.io/library/big:1\n');
    proxy.throttle = 1024 * 1024;
    try {
      const child = spawn(process.execPath, [CLI, 'mirror', file, ...mirrorArgs('cut')], {
        env: { ...process.env, DOCKER_CONFIG: path.join(work, 'docker'), XDG_CACHE_HOME: work },
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const deadline = Date.now() + 20000;
      while (
        !proxy.requests.some((q) => q.method === 'PUT' && q.path.startsWith('/v2/cut/') && q.bytes > 1024 * 1024)
      ) {
        assert.ok(Date.now() < deadline, `the upload never started: ${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      child.kill('SIGINT');
      const code = await new Promise<number | null>((r) => child.on('close', r));
      assert.equal(code, 130, out);
      assert.match(out, /cancelled/);
    } finally {
      proxy.throttle = 0;
    }
    assert.equal((await stored('cut/library/big', '1')).status, 404);
  });
});
