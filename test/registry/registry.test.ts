// Registry tier: a real docker-registry on 127.0.0.1 (plain, htpasswd, token auth) and a fault server.
import { CliResult, runCliProcess } from '../helpers/cli';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImageRef, parseImageRef } from '../../server/src/core/imageRef';
import { RegistryClient, RegistryClientOptions } from '../../server/src/core/registry/client';
import { DockerCredentials } from '../../server/src/core/registry/dockerConfig';
import { AvailabilityResolver } from '../../server/src/core/availability/resolver';
import { DiskCache } from '../../server/src/core/availability/diskCache';
import { defaultKnowledge } from '../../server/src/core/availability/knowledgeSources';
import { Pusher, registryBinary, requireService, RunningRegistry, startRegistry } from '../helpers/registry';
import { fetchToken, startTokenServer, TokenServer } from '../helpers/tokenServer';
import { FaultServer, startFaultServer } from '../helpers/faultServer';
import { LspClient } from '../helpers/lspClient';
import { fullText, platform } from '../helpers/engine';

const skip = requireService('docker-registry', !!registryBinary(), 'apt-get install docker-registry apache2-utils');
const USER = 'porter';
const PASS = 's3cret-pass';
const mips = platform('linux/mips64le');
const kb = defaultKnowledge();

let plain: RunningRegistry;
let basic: RunningRegistry;
let token: RunningRegistry;
let tokens: TokenServer;
let faults: FaultServer;
let work: string;
let dockerConfig: string;
let nginxDigest: string;
let nginx125Digest: string;

const ref = (s: string): ImageRef => {
  const r = parseImageRef(s);
  if (!r.ok) throw new Error(r.error);
  return r.ref;
};

function resolver(opts: RegistryClientOptions = {}, cacheDir?: string): AvailabilityResolver {
  const client = new RegistryClient({
    insecure: [plain.host, basic.host, token.host, faults.host],
    timeoutMs: 1500,
    connectTimeoutMs: 1000,
    credentials: new DockerCredentials(dockerConfig),
    ...opts,
  });
  return new AvailabilityResolver({
    kb,
    offline: false,
    client,
    cache: cacheDir ? new DiskCache(cacheDir) : undefined,
  });
}

function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runCliProcess(args, {
    ...process.env,
    DOCKER_CONFIG: path.dirname(dockerConfig),
    XDG_CACHE_HOME: path.join(work, 'xdg'),
    ...env,
  });
}

describe('registry tier', { skip }, () => {
  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-regtest-'));
    tokens = await startTokenServer(work, USER, PASS);
    [plain, basic, token, faults] = await Promise.all([
      startRegistry(),
      startRegistry({ htpasswd: { user: USER, password: PASS } }),
      startRegistry({
        token: { realm: tokens.realm, service: tokens.service, issuer: tokens.issuer, certFile: tokens.certFile },
      }),
      startFaultServer(),
    ]);
    const auth = Buffer.from(`${USER}:${PASS}`).toString('base64');
    fs.mkdirSync(path.join(work, 'docker'));
    dockerConfig = path.join(work, 'docker', 'config.json');
    fs.writeFileSync(
      dockerConfig,
      JSON.stringify({ auths: { [basic.host]: { auth }, [`http://${token.host}`]: { auth } } }),
    );

    const p = new Pusher(plain.url);
    await p.index('multi/app', '1', ['linux/amd64', 'linux/mips64le']);
    await p.index('multi/app', 'nomips', ['linux/amd64', 'linux/arm64/v8']);
    await p.image('single/mips', '1', { os: 'linux', architecture: 'mips64le' });
    await p.image('single/docker', '1', { os: 'linux', architecture: 'amd64' }, true);
    await p.index('list/app', '1', ['linux/amd64', 'linux/mips64le'], { docker: true });
    await p.index('attest/app', '1', ['linux/amd64', 'linux/arm64/v8'], { attestations: true });
    await p.index('attest/app', 'mips', ['linux/mips64le'], { attestations: true });
    // what examples/ uses, as a docker.io mirror would hold it
    await p.index('library/debian', 'bookworm-20260713-slim', ['linux/amd64', 'linux/mips64le']);
    await p.index('library/golang', '1.21', ['linux/amd64', 'linux/mips64le']);
    await p.index('library/nginx', '1.24-alpine', ['linux/amd64', 'linux/arm64/v8']);
    nginxDigest = await p.index('library/nginx', '1.24', ['linux/amd64', 'linux/mips64le']);
    nginx125Digest = await p.index('library/nginx', '1.25', ['linux/amd64', 'linux/mips64le']);
    // a porting team's mirror: their own Debian base and one rebuilt image
    await p.index('library/cke/debian-mips64el', 'bookworm', ['linux/mips64le']);
    await p.index('library/cke/agnhost-mips64el', '2.47', ['linux/mips64le']);

    await new Pusher(basic.url, 'Basic ' + auth).index('private/app', '1', ['linux/mips64le', 'linux/amd64']);
    await new Pusher(token.url, await fetchToken(tokens, USER, PASS, 'repository:tok/app:pull,push')).index(
      'tok/app',
      '1',
      ['linux/mips64le'],
    );
    tokens.requests.length = 0;
  });

  after(async () => {
    LspClient.killAll();
    await Promise.all([plain?.stop(), basic?.stop(), token?.stop(), faults?.close(), tokens?.close()]);
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  test('an OCI index with linux/mips64le is available, from the registry', async () => {
    const v = await resolver().resolve(ref(`${plain.host}/multi/app:1`), mips);
    assert.equal(v.status, 'available', v.reason);
    assert.equal(v.source, 'registry');
    assert.deepEqual(v.platforms, ['linux/amd64', 'linux/mips64le']);
  });

  test('an index without mips64le is missing and lists what it has', async () => {
    const v = await resolver().resolve(ref(`${plain.host}/multi/app:nomips`), mips);
    assert.equal(v.status, 'missing');
    assert.match(v.reason, /linux\/amd64, linux\/arm64\/v8/);
    assert.match(v.reason, /no mips64le/);
  });

  test('a single-platform manifest is read through its config blob (OCI and Docker schema 2)', async () => {
    const r = resolver();
    const oci = await r.resolve(ref(`${plain.host}/single/mips:1`), mips);
    assert.equal(oci.status, 'available');
    assert.deepEqual(oci.platforms, ['linux/mips64le']);
    const docker = await r.resolve(ref(`${plain.host}/single/docker:1`), mips);
    assert.equal(docker.status, 'missing');
    assert.deepEqual(docker.platforms, ['linux/amd64']);
  });

  test('a Docker schema-2 manifest list is read', async () => {
    const v = await resolver().resolve(ref(`${plain.host}/list/app:1`), mips);
    assert.equal(v.status, 'available');
  });

  test('attestation entries (unknown/unknown) are not platforms', async () => {
    const r = resolver();
    const v = await r.resolve(ref(`${plain.host}/attest/app:1`), mips);
    assert.equal(v.status, 'missing');
    assert.deepEqual(v.platforms, ['linux/amd64', 'linux/arm64/v8']);
    assert.equal((await r.resolve(ref(`${plain.host}/attest/app:mips`), mips)).status, 'available');
  });

  test('digest references are looked up by digest', async () => {
    const r = resolver();
    const client = new RegistryClient({ insecure: [plain.host] });
    const info = await client.platforms(ref(`${plain.host}/multi/app:1`));
    assert.match(info.digest ?? '', /^sha256:[0-9a-f]{64}$/);
    const v = await r.resolve(ref(`${plain.host}/multi/app@${info.digest}`), mips);
    assert.equal(v.status, 'available');
  });

  test('htpasswd Basic auth: credentials from the docker config file', async () => {
    const v = await resolver().resolve(ref(`${basic.host}/private/app:1`), mips);
    assert.equal(v.status, 'available', v.reason);
    const anon = await resolver({ credentials: { get: async () => undefined } }).resolve(
      ref(`${basic.host}/private/app:1`),
      mips,
    );
    assert.equal(anon.status, 'unknown');
    assert.match(anon.reason, /401: not authorised/);
    assert.match(anon.reason, /knowledge base/);
    assert.doesNotMatch(anon.reason + v.reason, new RegExp(PASS));
  });

  test('Bearer token flow from the WWW-Authenticate challenge, token reused', async () => {
    const r = resolver();
    const v = await r.resolve(ref(`${token.host}/tok/app:1`), mips);
    assert.equal(v.status, 'available', v.reason);
    assert.equal(tokens.requests.length, 1);
    assert.equal(tokens.requests[0].scope, 'repository:tok/app:pull');
    assert.ok(tokens.requests[0].authed);
    // a second look-up of another tag in the same repository reuses the cached token
    await r.resolve(ref(`${token.host}/tok/app:missing-tag`), mips);
    assert.equal(tokens.requests.length, 1);
    const anon = await resolver({ credentials: { get: async () => undefined } }).resolve(
      ref(`${token.host}/tok/app:1`),
      mips,
    );
    assert.equal(anon.status, 'unknown');
    assert.match(anon.reason, /token service/);
  });

  test('credentials come from a credential helper, spawned without a shell', async () => {
    const bin = path.join(work, 'bin');
    fs.mkdirSync(bin, { recursive: true });
    const helper = path.join(bin, 'docker-credential-testhelper');
    fs.writeFileSync(
      helper,
      `#!/bin/sh\nread server\ncase "$server" in *${basic.host}*) printf '{"ServerURL":"%s","Username":"${USER}","Secret":"${PASS}"}' "$server";; *) echo "credentials not found" >&2; exit 1;; esac\n`,
      { mode: 0o755 },
    );
    const cfgDir = path.join(work, 'docker-helper');
    fs.mkdirSync(cfgDir, { recursive: true });
    fs.writeFileSync(path.join(cfgDir, 'config.json'), JSON.stringify({ credsStore: 'testhelper' }));
    const oldPath = process.env.PATH;
    process.env.PATH = `${bin}:${oldPath}`;
    try {
      const v = await resolver({ credentials: new DockerCredentials(path.join(cfgDir, 'config.json')) }).resolve(
        ref(`${basic.host}/private/app:1`),
        mips,
      );
      assert.equal(v.status, 'available', v.reason);
    } finally {
      process.env.PATH = oldPath;
    }
  });

  describe('faults end in a clear unknown within the timeout', () => {
    const cases: [string, RegExp][] = [
      ['timeout', /timeout/],
      ['slowbody', /timeout/],
      ['unauthorized', /401/],
      ['ratelimitedlong', /429.*retry after 3600 s/],
      ['down', /503/],
      ['garbage', /not JSON/],
      ['huge', /limit/],
      ['loop', /redirects/],
    ];
    for (const [fault, reason] of cases) {
      test(fault, async () => {
        const t0 = Date.now();
        const v = await resolver({ maxManifestBytes: 4 * 1024 * 1024, hostDownMs: 0 }).resolve(
          ref(`${faults.host}/${fault}:1`),
          mips,
        );
        const ms = Date.now() - t0;
        assert.equal(v.status, 'unknown');
        assert.equal(v.source, 'knowledge-base');
        assert.match(v.reason, reason);
        assert.match(v.reason, /answered from the knowledge base|Its registry was not reached/);
        // not a speed check: a hang would blow far past the 1.5 s request timeout
        assert.ok(ms < 10000, `${fault} took ${ms} ms`);
      });
    }
  });

  test('retries stop at the look-up deadline: one timeout bounds the whole verdict', async () => {
    faults.hits.delete('slowdown');
    const v = await resolver({ hostDownMs: 0, timeoutMs: 1500, retries: 5 }).resolve(
      ref(`${faults.host}/slowdown:1`),
      mips,
    );
    assert.equal(v.status, 'unknown');
    assert.match(v.reason, /did not answer within 2 s|timeout|503/);
    // each attempt costs 800 ms: a per-attempt timeout would have made all 6
    assert.ok((faults.hits.get('slowdown') ?? 0) <= 2, `asked ${faults.hits.get('slowdown')} times`);
  });

  test('a manifest that does not match its digest header is refused', async () => {
    const v = await resolver({ hostDownMs: 0 }).resolve(ref(`${faults.host}/baddigest:1`), mips);
    assert.equal(v.status, 'unknown');
    assert.match(v.reason, /does not match its digest/);
  });

  test('registry strings are stripped of escape sequences and long platform lists are cut', async () => {
    const v = await resolver({ hostDownMs: 0 }).resolve(ref(`${faults.host}/hostile:1`), mips);
    assert.equal(v.status, 'missing');
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(v.reason, /[\u0000-\u001f\u007f-\u009f\u202e]/);
    assert.match(v.reason, /arm64\]0;pwned/);
    assert.match(v.reason, /… and [\d,]+ more/);
    assert.ok(v.reason.length < 1000, `${v.reason.length} characters`);
  });

  test("a 404 from the image's own registry is an answer: missing there, not the knowledge base's guess", async () => {
    const v = await resolver({ hostDownMs: 0 }).resolve(ref(`${faults.host}/notfound:1`), mips);
    assert.equal(v.status, 'missing', v.reason);
    assert.equal(v.source, 'registry');
    assert.match(v.reason, /404.*does not exist/);
  });

  test('429 with Retry-After is honoured, 500 is retried', async () => {
    const r = resolver();
    faults.hits.delete('flaky');
    const flaky = await r.resolve(ref(`${faults.host}/flaky:1`), mips);
    assert.equal(flaky.status, 'available');
    assert.equal(faults.hits.get('flaky'), 2);
  });

  test('a low Docker Hub pull budget is surfaced as a warning', async () => {
    const warnings: string[] = [];
    await resolver({ onWarning: (m) => warnings.push(m) }).resolve(ref(`${faults.host}/budget:1`), mips);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /3 of 100 left per 6 h/);
  });

  test('a dead registry costs one timeout, not one per reference', async () => {
    const r = resolver({ hostDownMs: 60000 });
    const first = await r.resolve(ref(`${faults.host}/timeout:a`), mips);
    assert.match(first.reason, /timeout/);
    const hitsBefore = faults.hits.get('timeout') ?? 0;
    const t0 = Date.now();
    const second = await r.resolve(ref(`${faults.host}/timeout:b`), mips);
    assert.match(second.reason, /timeout/);
    // answered from the circuit, not by waiting for another timeout (generous bound: a hang is 1.5 s+)
    assert.ok(Date.now() - t0 < 1000, `${Date.now() - t0} ms`);
    assert.equal(faults.hits.get('timeout'), hitsBefore);
  });

  test('identical concurrent look-ups share one request', async () => {
    faults.hits.delete('shared');
    const r = resolver();
    const vs = await Promise.all(Array.from({ length: 6 }, () => r.resolve(ref(`${faults.host}/shared:1`), mips)));
    assert.ok(vs.every((v) => v.status === 'available'));
    assert.equal(faults.hits.get('shared'), 1);
  });

  test('disk cache: the answers of a run survive it in one pack; corrupt or foreign packs are ignored', async () => {
    const dir = path.join(work, 'cache-' + Date.now());
    const packs = () => fs.readdirSync(path.join(dir, 'v2'));
    const v1 = await resolver({}, dir).resolve(ref(`${plain.host}/multi/app:1`), mips);
    assert.equal(v1.source, 'registry');
    const v2 = await resolver({}, dir).resolve(ref(`${plain.host}/multi/app:1`), mips);
    assert.equal(v2.source, 'cache');
    assert.equal(v2.status, 'available');
    assert.equal(packs().length, 1, 'the second run answered from the cache and wrote nothing');
    const keys = JSON.parse(fs.readFileSync(path.join(dir, 'v2', packs()[0]), 'utf8')).entries.map(
      (e: { key: string }) => e.key,
    );
    assert.equal(keys.length, 2, 'one entry by tag, one by digest');
    assert.ok(keys.includes(`${plain.host}/multi/app:1`));
    assert.ok(keys.some((k: string) => k.startsWith(`${plain.host}/multi/app@sha256:`)));
    for (const f of packs()) fs.writeFileSync(path.join(dir, 'v2', f), '{"v": 2, "entries": [trunc');
    const v3 = await resolver({}, dir).resolve(ref(`${plain.host}/multi/app:1`), mips);
    assert.equal(v3.source, 'registry');
    const written = packs().map((f) => fs.readFileSync(path.join(dir, 'v2', f), 'utf8'));
    assert.equal(written.filter((t) => t.includes('trunc')).length, 1);
    assert.equal(JSON.parse(written.find((t) => !t.includes('trunc'))!).v, 2, 'the new answer is in a new pack');
    for (const f of packs()) fs.writeFileSync(path.join(dir, 'v2', f), JSON.stringify({ v: 99, entries: [] }));
    assert.equal((await resolver({}, dir).resolve(ref(`${plain.host}/multi/app:1`), mips)).source, 'registry');
    // expired tag entries are not used
    const expired = new DiskCache(dir, 0);
    assert.ok(expired.getStale(`${plain.host}/multi/app:1`));
    assert.equal(expired.get(`${plain.host}/multi/app:1`, Date.now() + 1000), undefined);
  });

  test('an expired tag is revalidated with HEAD: same digest, no manifest GET (Docker Hub counts GETs as pulls)', async () => {
    const dir = path.join(work, 'revalidate-cache');
    const key = `${faults.host}/revalidate:1`;
    const expiredAt = (ttl: number) =>
      new AvailabilityResolver({
        kb,
        offline: false,
        client: new RegistryClient({ insecure: [faults.host], timeoutMs: 1500 }),
        cache: new DiskCache(dir, ttl),
      });
    const first = await expiredAt(0).resolve(ref(key), mips);
    assert.equal(first.status, 'available');
    assert.deepEqual([faults.hits.get('GET revalidate'), faults.hits.get('HEAD revalidate')], [1, undefined]);
    await new Promise((r) => setTimeout(r, 5));
    // a later run: the tag entry has expired (TTL 0), the registry still names the same digest
    const again = await expiredAt(0).resolve(ref(key), mips);
    assert.equal(again.status, 'available');
    assert.equal(again.source, 'registry');
    assert.deepEqual([faults.hits.get('GET revalidate'), faults.hits.get('HEAD revalidate')], [1, 1]);
    // the real registry: a revalidated answer is the same answer
    const realDir = path.join(work, 'revalidate-real');
    const real = () =>
      new AvailabilityResolver({
        kb,
        offline: false,
        client: new RegistryClient({ insecure: [plain.host], timeoutMs: 1500 }),
        cache: new DiskCache(realDir, 0),
      });
    const a = await real().resolve(ref(`${plain.host}/multi/app:nomips`), mips);
    await new Promise((r) => setTimeout(r, 5));
    const b = await real().resolve(ref(`${plain.host}/multi/app:nomips`), mips);
    assert.deepEqual([a.status, a.platforms], [b.status, b.platforms]);
    assert.equal(b.status, 'missing');
  });

  test('two processes share the cache safely', async () => {
    const dir = path.join(work, 'shared-cache');
    const args = [
      'scan',
      'examples/',
      '--mirror',
      `docker.io=${plain.url}`,
      '--cache-dir',
      dir,
      '--format',
      'json',
      '--timeout',
      '2',
    ];
    const [a, b] = await Promise.all([runCli(args), runCli(args)]);
    assert.deepEqual(
      JSON.parse(a.stdout).findings.map((f: { status?: string }) => f.status),
      JSON.parse(b.stdout).findings.map((f: { status?: string }) => f.status),
    );
    for (const f of fs.readdirSync(path.join(dir, 'v2'))) JSON.parse(fs.readFileSync(path.join(dir, 'v2', f), 'utf8'));
    const c = await runCli(args);
    const out = JSON.parse(c.stdout);
    assert.ok(out.findings.some((f: { source?: string }) => f.source === 'cache'));
    const clear = await runCli(['cache', 'clear', '--cache-dir', dir]);
    assert.equal(clear.code, 0);
    assert.match(clear.stdout, /removed \d+ cache entr/);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'v2')), []);
  });

  test('mips-port scan --mirror docker.io=… answers examples/ from the mirror', async () => {
    const r = await runCli([
      'scan',
      'examples/',
      '--mirror',
      `docker.io=${plain.url}`,
      '--no-cache',
      '--format',
      'json',
      '--timeout',
      '2',
    ]);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    const by = (file: string, line = 1) =>
      out.findings.find(
        (f: { file: string; line: number; status?: string }) => f.file === file && f.line === line && f.status,
      );
    const nginx = by('examples/nginx/Dockerfile');
    assert.equal(nginx.source, 'mirror');
    assert.equal(nginx.status, 'missing');
    assert.match(fullText(nginx), /only for linux\/amd64, linux\/arm64\/v8/);
    const deb = by('examples/sample-apiserver/Dockerfile', 7);
    assert.deepEqual([deb.source, deb.status], ['mirror', 'available']);
    // not in the mirror: unknown (a mirror lacking a copy says nothing of the image), with the knowledge base's view
    const redis = by('examples/redis/Dockerfile');
    assert.deepEqual([redis.source, redis.status], ['mirror', 'unknown']);
    assert.match(fullText(redis), /mirror .* has no .*redis.*404.*knowledge base says/);
  });

  test('mirror templates: candidates the registry confirms come first, others are dropped', async () => {
    const template = `${plain.host}/library/cke/{repository}-{debianArch}:{tag}`;
    const r = new AvailabilityResolver({
      kb,
      offline: false,
      client: new RegistryClient({ insecure: [plain.host], timeoutMs: 1500 }),
      mirrorTemplates: [template],
    });
    const alpine = await r.resolve(ref('alpine:3.12'), mips);
    assert.equal(alpine.status, 'missing');
    assert.equal(alpine.suggestions[0].image, `${plain.host}/library/cke/debian-mips64el:bookworm`);
    assert.match(alpine.suggestions[0].reason, /your mirror/);
    assert.ok(
      !alpine.suggestions.some((s) => s.image.includes('alpine-mips64el')),
      'candidates the mirror lacks are not offered',
    );
    const agn = await r.resolve(ref('registry.k8s.io/e2e-test-images/agnhost:2.47'), mips);
    assert.equal(agn.suggestions[0].image, `${plain.host}/library/cke/agnhost-mips64el:2.47`);
    // the sync view the editor publishes first agrees once the answers are in
    assert.equal(
      r.local(ref('alpine:3.12'), mips).suggestions[0].image,
      `${plain.host}/library/cke/debian-mips64el:bookworm`,
    );
    const offline = new AvailabilityResolver({ kb, offline: true, mirrorTemplates: [template] });
    const o = offline.local(ref('registry.k8s.io/e2e-test-images/agnhost:2.47'), mips);
    assert.match(o.suggestions[o.suggestions.length - 1].reason, /not verified \(offline\)/);
  });

  test("a digest-pinned base keeps a pin: the fix uses the replacement's digest from the registry", async () => {
    const dir = fs.mkdtempSync(path.join(work, 'pin-'));
    fs.writeFileSync(
      path.join(dir, 'Dockerfile'),
      `FROM nginx:1.24-alpine@sha256:${'a'.repeat(64)}\nRUN apk add --no-cache curl\n`,
    );
    const r = await runCli([
      'port',
      path.join(dir, 'Dockerfile'),
      '--mirror',
      `docker.io=${plain.url}`,
      '--no-cache',
      '--timeout',
      '2',
    ]);
    assert.equal(r.code, 0, r.stderr);
    // the stage runs apt (its apk line is ported): nginx:1.25 (bookworm) before 1.24 (bullseye, whose apt
    // fails for mips64el), pinned by the digest the registry gives
    assert.match(r.stdout, new RegExp(`^FROM nginx:1\\.25@${nginx125Digest}\\n`));
    assert.doesNotMatch(r.stderr, /drops the digest pin/);
    // a stage without apt keeps the same version first, pinned too
    const plainStage = path.join(dir, 'Plain.Dockerfile');
    fs.writeFileSync(plainStage, `FROM nginx:1.24-alpine@sha256:${'a'.repeat(64)}\nCMD ["nginx"]\n`);
    const kept = await runCli([
      'port',
      plainStage,
      '--mirror',
      `docker.io=${plain.url}`,
      '--no-cache',
      '--timeout',
      '2',
    ]);
    assert.equal(kept.code, 0, kept.stderr);
    assert.match(kept.stdout, new RegExp(`^FROM nginx:1\\.24@${nginxDigest}\\n`));
    const offline = await runCli(['port', path.join(dir, 'Dockerfile'), '--offline', '--no-cache']);
    assert.match(offline.stderr, /drops the digest pin/);
  });

  test('the language server publishes local verdicts at once, then registry ones', async () => {
    const c = new LspClient();
    c.configuration = { mipsPort: { registryMirrors: { 'docker.io': plain.url }, registryTimeoutSeconds: 2 } };
    await c.initialize({ workspace: { configuration: true } }, { cacheDir: path.join(work, 'lsp-cache') });
    const uri = 'file:///w/reg/Dockerfile';
    c.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM nginx:1.24-alpine\n' },
    });
    const first = await c.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri);
    assert.equal(first.diagnostics[0].data.source, 'knowledge-base');
    const second = await c.waitFor(
      'textDocument/publishDiagnostics',
      (p) => p.uri === uri && p.diagnostics[0]?.data?.source === 'mirror',
    );
    assert.equal(second.diagnostics[0].code, 'MP101');
    // the Problems line says what to do; the registry's platform list is in the hover
    const h = await c.request('textDocument/hover', {
      textDocument: { uri },
      position: second.diagnostics[0].range.start,
    });
    assert.match(JSON.stringify(h), /only for linux\/amd64, linux\/arm64\/v8/);
    await c.shutdown();
  });

  test('a hanging registry never blocks the language server', async () => {
    const c = new LspClient();
    c.configuration = { mipsPort: { registryMirrors: { 'docker.io': `${faults.url}` }, registryTimeoutSeconds: 3 } };
    await c.initialize({ workspace: { configuration: true } }, { cacheDir: path.join(work, 'lsp-cache2') });
    const slow = 'file:///w/slow/Dockerfile';
    // the fault server never answers for repository "timeout"; docker.io/timeout:1 maps there
    c.notify('textDocument/didOpen', {
      textDocument: { uri: slow, languageId: 'dockerfile', version: 1, text: 'FROM timeout:1\n' },
    });
    await c.waitFor('textDocument/publishDiagnostics', (p) => p.uri === slow);
    const other = 'file:///w/other/Dockerfile';
    c.notify('textDocument/didOpen', {
      textDocument: { uri: other, languageId: 'dockerfile', version: 1, text: 'FROM alpine:3.10\n' },
    });
    const p = await c.waitFor('textDocument/publishDiagnostics', (x) => x.uri === other, 2000);
    assert.equal(p.diagnostics[0].code, 'MP101');
    const h = await c.request('textDocument/hover', {
      textDocument: { uri: other },
      position: { line: 0, character: 7 },
    });
    assert.match(h.contents.value, /alpine:3\.10/);
    // the hanging look-up is still pending: the slow document has had only its local publish
    assert.equal(
      c.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === slow).length,
      1,
    );
    await c.shutdown();
  });

  test('a registry that redirects to a backend with its own token challenge (registry.k8s.io -> *.pkg.dev)', async () => {
    // the front only redirects, as registry.k8s.io does; the backend is the token-auth registry
    const front = http.createServer((req, res) => {
      res.writeHead(307, { location: `${token.url}${req.url}` });
      res.end();
    });
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${(front.address() as AddressInfo).port}`;
    try {
      const v = await resolver({ insecure: [host, token.host] }).resolve(ref(`${host}/tok/app:1`), mips);
      assert.equal(v.status, 'available', v.reason);
      assert.match(v.reason, new RegExp(`serves ${host.replace(/[.]/g, '\\.')}/tok/app:1 for linux/mips64le`));
      // the backend's token came with the backend's credentials, for the backend's scope
      assert.ok(tokens.requests.some((r) => r.scope === 'repository:tok/app:pull' && r.authed));
    } finally {
      front.close();
    }
  });

  test('mipsPort.clearCache empties the cache and re-validates', async () => {
    const cacheDir = path.join(work, 'lsp-cache3');
    const c = new LspClient();
    c.configuration = { mipsPort: { registryMirrors: { 'docker.io': plain.url } } };
    await c.initialize({ workspace: { configuration: true } }, { cacheDir });
    const uri = 'file:///w/cc/Dockerfile';
    c.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM golang:1.21\n' },
    });
    await c.waitFor(
      'textDocument/publishDiagnostics',
      (p) => p.uri === uri && p.diagnostics[0]?.data?.source === 'mirror',
    );
    assert.ok(fs.readdirSync(path.join(cacheDir, 'v2')).length > 0);
    const r = await c.request('workspace/executeCommand', { command: 'mipsPort.clearCache', arguments: [] });
    assert.ok(r.removed > 0);
    await c.waitFor(
      'textDocument/publishDiagnostics',
      (p) => p.uri === uri && p.diagnostics[0]?.data?.source === 'mirror',
      10000,
      c.notifications.length,
    );
    await c.shutdown();
  });
});
