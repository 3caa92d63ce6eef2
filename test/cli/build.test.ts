// mips-port build as a porter calls it on a Kubernetes test/images tree: a single build of an image
// whose BASEIMAGE names another image of the tree, dry run and real run ending alike; and the scan-side
// messages a build session meets (a plain-http registry without --insecure, --no-cache and BASEIMAGE).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { runCliProcess } from '../helpers/cli';
import { freePort } from '../helpers/registry';
import { tempDir, tempTree } from '../helpers/tempDirs';

const CACHE_HOME = tempDir('mips-port-cli-build-cache-');
const env = { ...process.env, XDG_CACHE_HOME: CACHE_HOME };
const run = (args: string[], cwd?: string) => runCliProcess(args, env, cwd);

function tree(files: Record<string, string>): string {
  return tempTree('mips-port-cli-build-', files);
}

// Kubernetes' test/images layout: kitten builds on agnhost through image-util.sh's REGISTRY placeholder
const AGNHOST = {
  'test/images/agnhost/Dockerfile': 'ARG BASEIMAGE\nFROM $BASEIMAGE\nCOPY agnhost /agnhost\nENTRYPOINT ["/agnhost"]\n',
  'test/images/agnhost/BASEIMAGE':
    'linux/amd64=registry.k8s.io/build-image/debian-base-amd64:bookworm-v1.0.4\n' +
    'linux/mips64le=debian:bookworm-20260713-slim\n',
  'test/images/agnhost/VERSION': '2.47\n',
};
const KITTEN = {
  'test/images/kitten/Dockerfile':
    'ARG BASEIMAGE\nFROM $BASEIMAGE\nCOPY html/kitten.jpg kitten.jpg\nCOPY html/index.html index.html\n',
  'test/images/kitten/BASEIMAGE':
    'linux/amd64=REGISTRY/agnhost:2.47-linux-amd64\nlinux/arm64=REGISTRY/agnhost:2.47-linux-arm64\n' +
    'linux/mips64le=REGISTRY/agnhost:2.47-linux-mips64le\n',
  'test/images/kitten/VERSION': '1.7\n',
};

interface PlanOut {
  dockerfile: string;
  tag: string;
  buildArgs: Record<string, string>;
  unresolved: string[];
  notes: string[];
  first?: PlanOut[];
}

test('a single build of kitten (BASEIMAGE names REGISTRY/agnhost) builds on agnhost as build --all does', async () => {
  const d = tree({ ...AGNHOST, ...KITTEN });
  // a registry prefix no machine has images under: agnhost is not built yet
  const registry = `reg-${crypto.randomBytes(4).toString('hex')}.example`;
  const kitten = 'test/images/kitten/Dockerfile';
  const common = ['--dry-run', '--builder', 'buildah', '--registry', registry];
  const all = await run(['build', '--all', '.', ...common], d);
  assert.equal(all.code, 0, all.stderr);
  const order = (JSON.parse(all.stdout) as { order: PlanOut[] }).order;
  const fromAll = order.find((p) => p.dockerfile.endsWith(kitten))!;
  assert.equal(fromAll.buildArgs.BASEIMAGE, `${registry}/agnhost:2.47-mips64le`);

  // from the tree's root and from anywhere else: the same base, agnhost to be built first
  for (const [cwd, file] of [
    [d, kitten],
    [os.homedir(), path.join(d, kitten)],
  ]) {
    const one = await run(['build', file, ...common], cwd);
    assert.equal(one.code, 0, one.stderr);
    assert.doesNotMatch(one.stderr, /no BASEIMAGE line/);
    const plan = JSON.parse(one.stdout) as PlanOut;
    assert.deepEqual(plan.unresolved, []);
    assert.deepEqual(plan.buildArgs, fromAll.buildArgs);
    assert.ok(
      plan.notes.some((n) => /BASEIMAGE REGISTRY\/agnhost:2\.47-linux-mips64le is built here/.test(n)),
      plan.notes.join('\n'),
    );
    assert.deepEqual(
      plan.first?.map((p) => [path.relative(d, p.dockerfile), p.tag]),
      [['test/images/agnhost/Dockerfile', `${registry}/agnhost:2.47-mips64le`]],
    );
  }
});

test('kitten without agnhost in the tree: dry run and real run both exit 2 and say what is missing', async () => {
  const d = tree(KITTEN);
  const file = 'test/images/kitten/Dockerfile';
  const dry = await run(['build', file, '--dry-run', '--builder', 'buildah'], d);
  const real = await run(['build', file, '--builder', 'buildah'], d);
  for (const r of [dry, real]) {
    assert.equal(r.code, 2, r.stderr);
    assert.match(
      r.stderr,
      /^test\/images\/kitten\/Dockerfile:2:1: error: FROM needs --build-arg BASEIMAGE=…: its BASEIMAGE line for linux\/mips64le names REGISTRY\/agnhost:2\.47-linux-mips64le .*no Dockerfile under \. builds agnhost/m,
    );
    assert.doesNotMatch(r.stderr, /no BASEIMAGE line/);
  }
  assert.deepEqual((JSON.parse(dry.stdout) as PlanOut).unresolved, ['BASEIMAGE']);
  assert.equal(real.stdout, '');
  // a BASEIMAGE file with no target line says that, and the dry run fails the same way
  fs.writeFileSync(path.join(d, 'test/images/kitten/BASEIMAGE'), 'linux/amd64=REGISTRY/agnhost:2.47-linux-amd64\n');
  const none = await run(['build', file, '--dry-run', '--builder', 'buildah'], d);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /which has no linux\/mips64le= line/);
});

test('build --help and its usage line name --registry and --keep-going', async () => {
  const help = await run(['build', '--help']);
  assert.equal(help.code, 0);
  for (const opt of ['--registry', '--keep-going', '--insecure', '--dry-run'])
    assert.ok(help.stdout.includes(opt), opt);
  const usage = await run(['build']);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /--registry/);
  assert.match(usage.stderr, /--keep-going/);
});

/** A loopback server answering registry manifest requests in plain http. */
async function plainRegistry(manifests: Record<string, object>): Promise<{ host: string; close(): void }> {
  const port = await freePort();
  const server = http.createServer((req, res) => {
    const body = manifests[req.url ?? ''];
    if (!body) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(200, {
      'content-type': 'application/vnd.oci.image.index.v1+json',
      'docker-content-digest': 'sha256:' + crypto.createHash('sha256').update(text).digest('hex'),
    });
    res.end(text);
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    host: `127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

const entry = (architecture: string, n: string) => ({
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  digest: 'sha256:' + n.repeat(64),
  size: 10,
  platform: { os: 'linux', architecture },
});

let reg: Awaited<ReturnType<typeof plainRegistry>>;
before(async () => {
  // an alpine tag the mirror serves for mips64le, which the knowledge base says alpine never was
  reg = await plainRegistry({
    '/v2/library/alpine/manifests/3.12': {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [entry('amd64', 'a'), entry('mips64le', 'b')],
    },
  });
});
after(() => reg.close());

test('a plain-http registry named without --insecure: the error names --insecure and the setting', async () => {
  const d = tree({ Dockerfile: 'FROM alpine:3.12\n' });
  const r = await run(['scan', d, '--mirror', `docker.io=https://${reg.host}`, '--no-cache']);
  assert.match(r.stderr, new RegExp(`${reg.host} answered an https request in plain http`));
  assert.ok(r.stderr.includes(`--insecure ${reg.host}`), r.stderr);
  assert.match(r.stderr, /mipsPort\.insecureRegistries/);
  assert.doesNotMatch(r.stderr, /EPROTO/);
});

test("--no-cache keeps a BASEIMAGE line's suggestion from the mirror's answer", async () => {
  const d = tree({
    'img/Dockerfile': 'ARG BASEIMAGE\nFROM $BASEIMAGE\n',
    'img/BASEIMAGE': 'linux/amd64=alpine:3.12\n',
  });
  const suggestion = async (extra: string[]) => {
    const r = await run([
      'scan',
      path.join(d, 'img'),
      '--format',
      'json',
      '--mirror',
      `docker.io=http://${reg.host}`,
      '--insecure',
      reg.host,
      '--cache-dir',
      fs.mkdtempSync(path.join(CACHE_HOME, 'c-')),
      ...extra,
    ]);
    const f = (JSON.parse(r.stdout) as { findings: { ruleId: string; message: string }[] }).findings.find(
      (x) => x.ruleId === 'MP109',
    );
    assert.ok(f, r.stdout);
    return f.message;
  };
  const cached = await suggestion([]);
  const uncached = await suggestion(['--no-cache']);
  assert.match(cached, /add linux\/mips64le=alpine:3\.12/);
  assert.equal(uncached, cached);
});
