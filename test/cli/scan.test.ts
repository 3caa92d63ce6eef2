import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CLI, REPO_ROOT } from '../helpers/paths';
import { LspClient } from '../helpers/lspClient';
import { tempDir, tempTree } from '../helpers/tempDirs';

after(() => LspClient.killAll());

const CACHE_HOME = tempDir('mips-port-cli-cache-');

/** Offline unless a test says otherwise: this tier checks the knowledge base, not the network. */
function run(args: string[], cwd = REPO_ROOT) {
  const full = args[0] === 'scan' && !args.includes('--mirror') ? [...args, '--offline'] : args;
  const r = spawnSync(process.execPath, [CLI, ...full], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: CACHE_HOME },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tmpdir(files: Record<string, string>): string {
  return tempTree('mips-port-cli-', files);
}

test('scan examples/ --format json follows the contract', () => {
  const r = run(['scan', 'examples/', '--format', 'json', '--offline']);
  assert.equal(r.code, 1, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.platform, 'linux/mips64le');
  assert.ok(out.findings.length >= 8);
  for (const f of out.findings) {
    for (const k of ['file', 'line', 'column', 'endLine', 'endColumn', 'ruleId', 'severity', 'message', 'suggestions'])
      assert.ok(k in f, `${k} in ${JSON.stringify(f)}`);
    assert.ok(!path.isAbsolute(f.file));
    assert.ok(f.line >= 1 && f.column >= 1);
    if (f.status) {
      assert.ok(['available', 'missing', 'unknown'].includes(f.status));
      assert.equal(f.source, 'knowledge-base');
      assert.match(f.image, /^[a-z0-9.:-]+\/.+[:@]/);
    }
  }
  const nginx = out.findings.find((f: { file: string }) => f.file === 'examples/nginx/Dockerfile');
  assert.deepEqual(
    [nginx.line, nginx.column, nginx.endColumn, nginx.image, nginx.status],
    [1, 6, 23, 'docker.io/library/nginx:1.24-alpine', 'missing'],
  );
  assert.ok(nginx.suggestions.length > 0 && nginx.suggestions[0].reason);
});

test('exit 0 when every image is available, 1 when one is missing, 2 on usage errors', () => {
  const good = tmpdir({ Dockerfile: 'FROM debian:bookworm-20260713-slim\n' });
  assert.equal(run(['scan', good]).code, 0);
  const bad = tmpdir({ 'a/Dockerfile': 'FROM alpine:3.10\n' });
  const r = run(['scan', bad]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /1 missing/);
  const u1 = run(['scan', '--platform', 'linux/sparc']);
  assert.equal(u1.code, 2);
  assert.match(u1.stderr, /^mips-port: unknown platform/);
  assert.equal(u1.stderr.trim().split('\n').length, 1);
  assert.equal(run(['scan', '--format', 'xml']).code, 2);
  assert.equal(run(['scan', '--bogus']).code, 2);
  assert.equal(run(['frobnicate']).code, 2);
});

test('--platform changes the verdicts', () => {
  const d = tmpdir({ Dockerfile: 'FROM debian:bookworm-slim\n' });
  assert.equal(run(['scan', d, '--platform', 'linux/arm64']).code, 0);
  assert.equal(run(['scan', d, '--platform', 'mips64el']).code, 1);
});

test('walks folders, finds every Dockerfile name, skips .git, node_modules, vendor and _output', () => {
  const d = tmpdir({
    Dockerfile: 'FROM alpine:3.10\n',
    'svc/Containerfile': 'FROM alpine:3.10\n',
    'svc/api.Dockerfile': 'FROM alpine:3.10\n',
    'svc/Dockerfile.mips64le': 'FROM alpine:3.10\n',
    'node_modules/x/Dockerfile': 'FROM alpine:3.10\n',
    'vendor/github.com/x/y/Dockerfile': 'FROM alpine:3.10\n',
    '_output/images/Dockerfile': 'FROM alpine:3.10\n',
    '.git/Dockerfile': 'FROM alpine:3.10\n',
    'README.md': 'FROM alpine:3.10\n',
  });
  const out = JSON.parse(run(['scan', d, '--format', 'json'], d).stdout);
  assert.deepEqual([...new Set(out.findings.map((f: { file: string }) => f.file))].sort(), [
    'Dockerfile',
    'svc/Containerfile',
    'svc/Dockerfile.mips64le',
    'svc/api.Dockerfile',
  ]);
});

test('a path that does not exist is a usage error (exit 2, one line); unreadable files are reported (exit 1)', () => {
  const d = tmpdir({ 'ok/Dockerfile': 'FROM debian:bookworm-20260713-slim\n', 'locked/Dockerfile': 'FROM alpine\n' });
  const missing = run(['scan', d, path.join(d, 'does-not-exist'), '--format', 'json'], d);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^mips-port: \S*does-not-exist: no such file or directory\n$/);
  spawnSync('mkfifo', [path.join(d, 'ok', 'BASEIMAGE')]);
  spawnSync('mkfifo', [path.join(d, 'locked', 'Containerfile')]);
  fs.chmodSync(path.join(d, 'locked', 'Dockerfile'), 0o000);
  const r = run(['scan', d, '--format', 'json'], d);
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout);
  const problems = out.findings.filter((f: { ruleId: string }) => f.ruleId === 'MP107');
  // a FIFO named like a Dockerfile is reported, never waited on
  assert.ok(
    problems.some((f: { message: string }) => /not a regular file/.test(f.message)),
    JSON.stringify(problems),
  );
  // root can read mode-000 files; only assert when the process is not privileged
  if (process.getuid && process.getuid() !== 0)
    assert.ok(problems.some((f: { file: string }) => f.file === 'locked/Dockerfile'));
  assert.ok(out.findings.some((f: { status?: string }) => f.status === 'available'));
});

test('sarif output is valid SARIF 2.1.0 with rules and locations', () => {
  const r = run(['scan', 'examples/nginx', '--format', 'sarif']);
  const s = JSON.parse(r.stdout);
  assert.equal(s.version, '2.1.0');
  const run0 = s.runs[0];
  assert.equal(run0.tool.driver.name, 'mips-port');
  assert.ok(run0.tool.driver.rules.some((x: { id: string }) => x.id === 'MP101'));
  const res = run0.results[0];
  assert.equal(res.ruleId, 'MP101');
  assert.equal(res.level, 'error');
  assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, 'examples/nginx/Dockerfile');
  assert.equal(res.locations[0].physicalLocation.region.startLine, 1);
});

test('bad registry flags are usage errors', () => {
  const bad = run(['scan', 'examples/nginx', '--mirror', 'nonsense']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /KEY=VALUE/);
  const scheme = run(['scan', 'examples/nginx', '--mirror', 'docker.io=ftp://x']);
  assert.equal(scheme.code, 2);
  assert.match(scheme.stderr, /http:\/\/ or https:\/\//);
  assert.equal(run(['cache', 'wipe']).code, 2);
});

test('the CLI and the language server agree on every finding of examples/', async () => {
  const out = JSON.parse(run(['scan', 'examples/', '--format', 'json']).stdout);
  const client = new LspClient();
  client.configuration = { mipsPort: { offline: true } };
  await client.initialize();
  try {
    const files = [...new Set(out.findings.map((f: { file: string }) => f.file))] as string[];
    for (const file of files) {
      const abs = path.join(REPO_ROOT, file);
      const uri = 'file://' + abs;
      client.notify('textDocument/didOpen', {
        textDocument: { uri, languageId: 'dockerfile', version: 1, text: fs.readFileSync(abs, 'utf8') },
      });
      const p = await client.waitFor('textDocument/publishDiagnostics', (x) => x.uri === uri);
      const fromLsp = p.diagnostics
        .map(
          (d: { code: string; range: { start: { line: number; character: number } }; message: string }) =>
            `${d.code}:${d.range.start.line + 1}:${d.range.start.character + 1}:${d.message}`,
        )
        .sort();
      const fromCli = out.findings
        .filter((f: { file: string }) => f.file === file)
        .map(
          (f: { ruleId: string; line: number; column: number; message: string }) =>
            `${f.ruleId}:${f.line}:${f.column}:${f.message}`,
        )
        .sort();
      assert.deepEqual(fromLsp, fromCli, file);
    }
  } finally {
    await client.shutdown();
  }
});

test('scan of a folder mixing Dockerfiles, manifest.go, BASEIMAGE, Kubernetes and Compose YAML', () => {
  const out = JSON.parse(
    run(['scan', 'test/fixtures/k8s', '--format', 'json', '--local-image-prefix', 'registry.example.com/cke/']).stdout,
  );
  const files = new Set(out.findings.map((f: { file: string }) => f.file));
  for (const f of [
    'test/fixtures/k8s/manifest/v1.12/manifest.go',
    'test/fixtures/k8s/baseimage/no-target/BASEIMAGE',
    'test/fixtures/k8s/deploy.yaml',
    'test/fixtures/k8s/compose.yaml',
    'test/fixtures/k8s/helm-deployment.yaml',
  ])
    assert.ok(files.has(f), f);
  assert.ok(!files.has('test/fixtures/k8s/repo-list.yaml'), 'YAML that is not Kubernetes or Compose is not reported');
  const rules = new Set(out.findings.map((f: { ruleId: string }) => f.ruleId));
  for (const r of ['MP100', 'MP101', 'MP108', 'MP109', 'MP110', 'MP111']) assert.ok(rules.has(r), r);
});

test('mips-port images lists the resolved e2e images, one per line, or with verdicts as JSON', () => {
  const r = run(['images', 'test/fixtures/k8s/manifest/current/manifest.go', '--offline']);
  assert.equal(r.code, 1);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    'registry.k8s.io/e2e-test-images/agnhost:2.47',
    'registry.k8s.io/e2e-test-images/nginx:1.14-4',
    'registry.k8s.io/pause:3.9',
    'docker.io/library/redis:5.0.5-alpine',
    'registry.k8s.io/coredns/coredns:v1.11.1',
  ]);
  const j = JSON.parse(
    run([
      'images',
      'test/fixtures/k8s/manifest/current/manifest.go',
      '--offline',
      '--format',
      'json',
      '--kube-test-repo-list',
      'test/fixtures/k8s/repo-list.yaml',
    ]).stdout,
  );
  assert.equal(j.images[0].image, 'registry.example.com/library/cke/agnhost:2.47');
  assert.equal(j.images[0].status, 'unknown');
  const bad = run(['images', 'x', '--kube-test-repo-list', '/nonexistent/list.yaml']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /cannot read KUBE_TEST_REPO_LIST/);
});

test('mips-port port prints the ported Dockerfile, --write replaces it atomically', () => {
  const d = tmpdir({ Dockerfile: 'FROM nginx:1.24-alpine\nRUN apk add --no-cache curl\n' });
  const r = run(['port', path.join(d, 'Dockerfile'), '--offline']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    // nginx:1.24 is bullseye, whose apt fails for mips64el: the port takes 1.25 (bookworm) for this apt stage
    'FROM nginx:1.25\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
  );
  assert.match(r.stderr, /applied: Use nginx:1\.25 and port apk commands/);
  assert.equal(run(['port', path.join(d, 'Dockerfile'), '--offline', '--write']).code, 0);
  assert.equal(fs.readFileSync(path.join(d, 'Dockerfile'), 'utf8'), r.stdout);
  assert.deepEqual(fs.readdirSync(d), ['Dockerfile']);
  assert.equal(run(['port', path.join(d, 'nope')]).code, 2);
});

test('mips-port port: accounts an entrypoint script copied from the build context names are created too', () => {
  const d = tmpdir({
    Dockerfile: [
      'FROM alpine:3.18',
      'RUN apk add --no-cache dnsmasq su-exec',
      'COPY docker-entrypoint.sh /usr/local/bin/',
      'COPY ["start", "/usr/local/bin/start"]',
      'COPY ../outside.sh /',
      'ENTRYPOINT ["docker-entrypoint.sh"]',
    ].join('\n'),
    'docker-entrypoint.sh': 'chown -R dnsmasq:wheel /var/lib/misc\nexec su-exec ntp "$@"\n',
    start: '#!/bin/sh\nchgrp ping /run/ping\n',
    'notes.txt': 'chown x:cron /x\n',
  });
  fs.writeFileSync(path.join(path.dirname(d), 'outside.sh'), 'chgrp abuild /x\n');
  const r = run(['port', path.join(d, 'Dockerfile'), '--offline']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  const made = lines.findIndex((l) => l.startsWith('RUN groupadd'));
  assert.ok(made >= 0 && made < lines.findIndex((l) => l.startsWith('COPY docker-entrypoint.sh')), r.stdout);
  const copyAt = lines.findIndex((l) => l.startsWith('COPY docker-entrypoint.sh'));
  const creating = lines.slice(made, copyAt).join('\n');
  for (const g of ['wheel', 'ping', 'ntp']) assert.match(creating, new RegExp(`groupadd -f --system ${g}`));
  assert.match(r.stdout, /useradd --system --no-create-home --gid ntp/);
  assert.match(r.stdout, /# mips-port: .*this stage \(docker-entrypoint\.sh, start\) names; Debian's has not/);
  // a file that is not a shell script, and one outside the build context, are not read
  assert.doesNotMatch(r.stdout, /--system cron|--system abuild/);
});

test('mips-port report: every image once with verdict, replacements and uses, in md, html, csv and json', () => {
  const md = run(['report', 'examples', '--offline']);
  assert.equal(md.code, 0, md.stderr);
  assert.match(md.stdout, /^# Porting report for linux\/mips64le\n/);
  assert.match(
    md.stdout,
    /\| `docker\.io\/library\/nginx:1\.24-alpine` \| missing \| knowledge-base \| `docker\.io\/library\/nginx:1\.24`/,
  );
  assert.match(md.stdout, /## Build order/);
  // "used in" entries are links that open the line; the build order marks what cannot build yet
  assert.match(md.stdout, /\[examples\/nginx\/Dockerfile:1\]\(examples\/nginx\/Dockerfile#L1\)/);
  assert.match(
    md.stdout,
    /`nginx:latest-mips64le` from examples\/nginx\/Dockerfile — \*\*base still missing for linux\/mips64le\*\*/,
  );
  assert.match(
    md.stdout,
    /`kitten:latest-mips64le` from examples\/kitten\/Dockerfile\n/,
    'its base is built here first',
  );
  assert.match(md.stdout, /`sample-apiserver:latest-mips64le` from examples\/sample-apiserver\/Dockerfile\n/);
  const j = JSON.parse(run(['report', 'examples', '--offline', '--format', 'json']).stdout);
  const nginx = j.images.find((i: { image: string }) => i.image === 'docker.io/library/nginx:1.24-alpine');
  // compose.yaml's web service builds ./nginx and names the result nginx:1.24-alpine: an output, not a use
  assert.deepEqual(nginx.uses.map((u: { file: string }) => u.file).sort(), [
    'examples/deploy/e2e-pods.yaml',
    'examples/nginx/Dockerfile',
  ]);
  assert.equal(new Set(j.images.map((i: { image: string }) => i.image)).size, j.images.length);
  assert.equal(j.counts.missing, j.images.filter((i: { status: string }) => i.status === 'missing').length);
  const csv = run(['report', 'examples', '--offline', '--format', 'csv']).stdout.split('\r\n');
  assert.equal(csv[0], 'image,status,source,replacements,uses,reason');
  assert.equal(csv.length - 2, j.images.length);
  const html = run(['report', 'examples', '--offline', '--format', 'html']).stdout;
  assert.match(html, /^<!DOCTYPE html>/);
  assert.ok(!/<script/i.test(html));
  assert.equal(run(['report', 'examples', '--format', 'pdf']).code, 2);
});

test('an unreachable registry is one warning line, and the knowledge base answers', () => {
  const d = tmpdir({ Dockerfile: 'FROM alpine:3.10\nFROM nginx:1.24-alpine\n' });
  const r = run(['scan', d, '--mirror', 'docker.io=http://127.0.0.1:1', '--no-cache', '--format', 'json']);
  assert.equal(r.code, 1);
  const warnings = r.stderr
    .trim()
    .split('\n')
    .filter((l) => /registry unreachable/.test(l));
  assert.equal(warnings.length, 1, r.stderr);
  assert.match(warnings[0], /connection refused by 127\.0\.0\.1:1/);
  const out = JSON.parse(r.stdout);
  assert.ok(
    out.findings.every(
      (f: { source?: string; message: string }) =>
        f.source === 'knowledge-base' && !/Registry look-up failed|refused|not retried/.test(f.message),
    ),
    'the registry trouble is told once on stderr, not again in each finding',
  );
});

test('a run that could not check what it was given does not pass: scan exits 1, images says why on stderr', () => {
  const d = tmpdir({
    'test/utils/image/manifest.go':
      'package image\nfunc initReg() { configs[Agnhost] = Config{list.PromoterE2eRegistry, "agnhost", "2.47"} }\n',
  });
  const file = path.join(d, 'test/utils/image/manifest.go');
  const scan = run(['scan', file]);
  assert.equal(scan.code, 1, scan.stdout);
  assert.match(scan.stdout, /1 not checked/);
  const images = run(['images', file]);
  assert.equal(images.code, 1);
  assert.equal(images.stdout, '');
  assert.match(images.stderr, /no images listed: 1 entry could not be resolved .*KUBE_TEST_REPO_LIST/);
});

test('every command answers --help with its own usage, exit 0', () => {
  for (const cmd of ['scan', 'images', 'port', 'report', 'build', 'base', 'cache', 'lsp']) {
    const r = run([cmd, '--help']);
    assert.equal(r.code, 0, `${cmd}: ${r.stderr}`);
    assert.match(r.stdout, new RegExp(`^Usage: mips-port ${cmd}`), cmd);
    assert.equal(r.stderr, '');
  }
});

test('a tag that is not a valid reference never reaches a builder argv', () => {
  const d = tmpdir({ Dockerfile: 'FROM debian:bookworm-20260713-slim\n' });
  for (const tag of ['--privileged', 'a b:1', 'app:-x']) {
    const r = run(['build', path.join(d, 'Dockerfile'), `--tag=${tag}`, '--dry-run']);
    assert.equal(r.code, 2, tag);
    assert.match(r.stderr, /^mips-port: the image tag ".*" is not a valid reference: [^\n]*\n$/);
    assert.equal(r.stdout, '');
  }
});

test('report names the build order with the same naming options as build (--tag-template, --registry)', () => {
  const d = tmpdir({ 'app/Dockerfile': 'FROM debian:bookworm-20260713-slim\n', 'app/VERSION': '1.2\n' });
  const r = run([
    'report',
    d,
    '--format',
    'json',
    '--offline',
    '--registry',
    'registry.example.com/cke',
    '--tag-template',
    '{name}:{tag}-{debianArch}',
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(
    JSON.parse(r.stdout).buildOrder.map((b: { tag: string }) => b.tag),
    ['registry.example.com/cke/app:1.2-mips64el'],
  );
});

test('port --write keeps what it must not change: BOM, \\r-only endings, mode, symlinks, hard links; refuses non-UTF-8', () => {
  const d = tmpdir({});
  const write = (name: string, bytes: Buffer | string) => fs.writeFileSync(path.join(d, name), bytes);
  // BOM and CRLF kept
  write('bom.Dockerfile', '\ufeffFROM alpine:3.18\r\nRUN apk add curl\r\n');
  assert.equal(run(['port', path.join(d, 'bom.Dockerfile'), '--offline', '--write']).code, 0);
  const bom = fs.readFileSync(path.join(d, 'bom.Dockerfile'));
  assert.deepEqual([...bom.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.match(bom.toString('utf8'), /^\ufeffFROM debian:bookworm-\d{8}-slim\r\n/);
  // \r-only line endings stay \r-only
  write('cr.Dockerfile', '# comment\rFROM alpine:3.18\r');
  assert.equal(run(['port', path.join(d, 'cr.Dockerfile'), '--offline', '--write']).code, 0);
  const cr = fs.readFileSync(path.join(d, 'cr.Dockerfile'), 'utf8');
  assert.ok(!cr.includes('\n'), JSON.stringify(cr));
  assert.match(cr, /^# comment\rFROM debian:bookworm-\d{8}-slim\r$/);
  // mode 0600 kept; a symlink stays a link to the rewritten target; a hard link stays linked
  write('real.Dockerfile', 'FROM alpine:3.18\n');
  fs.chmodSync(path.join(d, 'real.Dockerfile'), 0o600);
  fs.symlinkSync('real.Dockerfile', path.join(d, 'link.Dockerfile'));
  fs.linkSync(path.join(d, 'real.Dockerfile'), path.join(d, 'hard.Dockerfile'));
  assert.equal(run(['port', path.join(d, 'link.Dockerfile'), '--offline', '--write']).code, 0);
  assert.ok(fs.lstatSync(path.join(d, 'link.Dockerfile')).isSymbolicLink());
  assert.equal(fs.statSync(path.join(d, 'real.Dockerfile')).mode & 0o777, 0o600);
  assert.match(fs.readFileSync(path.join(d, 'hard.Dockerfile'), 'utf8'), /^FROM debian:bookworm/);
  assert.equal(fs.readdirSync(d).filter((f) => f.includes('mips-port')).length, 0, 'no temp file left');
  // Latin-1 bytes would become U+FFFD: refused, file untouched
  const latin1 = Buffer.from('FROM alpine:3.18\n# caf\xe9\n', 'latin1');
  write('latin1.Dockerfile', latin1);
  const r = run(['port', path.join(d, 'latin1.Dockerfile'), '--offline', '--write']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not UTF-8/);
  assert.deepEqual(fs.readFileSync(path.join(d, 'latin1.Dockerfile')), latin1);
});

test("every finding's first sentence fits the Problems panel (≤ 120 characters) on the examples and fixtures", () => {
  const r = run(['scan', 'examples', 'test/fixtures', 'test/golden', '--offline', '--format', 'json']);
  const findings = JSON.parse(r.stdout).findings as { ruleId: string; message: string }[];
  assert.ok(findings.length > 50);
  const long = findings
    .map((f) => ({ rule: f.ruleId, first: f.message.split(/(?<=[.!?])\s/)[0] }))
    .filter((f) => f.first.length > 120);
  assert.deepEqual(long, []);
});

test('port fixes a Dockerfile and the BASEIMAGE its base comes from in one pass, and says why when there is nothing to do', () => {
  const d = tmpdir({
    'img/Dockerfile': 'ARG BASEIMAGE\nFROM $BASEIMAGE\nRUN apk add --no-cache curl\n',
    'img/BASEIMAGE': 'linux/amd64=alpine:3.12\nlinux/mips64le=alpine:3.12\n',
    'ok/Dockerfile': 'FROM debian:bookworm-20260713-slim\n',
  });
  const r = run(['port', path.join(d, 'img/Dockerfile'), '--offline', '--write']);
  assert.equal(r.code, 0, r.stderr);
  const baseimage = fs.readFileSync(path.join(d, 'img/BASEIMAGE'), 'utf8');
  assert.match(baseimage, /^linux\/amd64=alpine:3\.12\nlinux\/mips64le=debian:[\w.-]+\n$/);
  assert.match(fs.readFileSync(path.join(d, 'img/Dockerfile'), 'utf8'), /RUN apt-get update && apt-get install -y/);
  assert.match(r.stderr, /wrote .*Dockerfile and .*BASEIMAGE \(2 fixes\)/);
  const ok = run(['port', path.join(d, 'ok/Dockerfile'), '--offline']);
  assert.equal(ok.code, 0);
  assert.match(ok.stderr, /nothing to port in .*: its images serve linux\/mips64le/);
});

test('an error finding means exit 1: scan with a name apt rejects, port --write that leaves one', () => {
  // every image is available; only the package name is wrong for the target
  const d = tmpdir({
    'Dockerfile.debian': 'FROM debian:bookworm-20260713-slim\nRUN apt-get update && apt-get install -y ltrace\n',
    Dockerfile: 'FROM alpine:3.18\nRUN apk add --no-cache curl ltrace\nENTRYPOINT ["ltrace"]\n',
  });
  const scan = run(['scan', path.join(d, 'Dockerfile.debian'), '--format', 'json']);
  assert.equal(scan.code, 1, scan.stdout);
  const f = JSON.parse(scan.stdout).findings;
  assert.ok(f.some((x: { ruleId: string; severity: string }) => x.ruleId === 'MP124' && x.severity === 'error'));
  assert.ok(
    f.every((x: { status?: string }) => !x.status || x.status === 'available'),
    scan.stdout,
  );
  const port = run(['port', path.join(d, 'Dockerfile'), '--offline', '--write']);
  assert.equal(port.code, 1, port.stderr);
  assert.match(port.stderr, /wrote .*Dockerfile/);
  assert.match(port.stderr, /left to fix in .*Dockerfile:\d+: MP124 .*ltrace/);
  // run again: the same is said, the same exit
  const again = run(['port', path.join(d, 'Dockerfile'), '--offline', '--write']);
  assert.equal(again.code, 1, again.stderr);
});

test('one truth for every target: frozen tags on arm64/riscv64, loong64 missing, a note said once', () => {
  const d = tmpdir({ Dockerfile: 'FROM nginx:1.24\nRUN apt-get update\nFROM golang:1.21\nFROM redis:5.0.5\n' });
  const verdicts = (p: string) => {
    const r = run(['scan', d, '--platform', p, '--format', 'json']);
    return JSON.parse(r.stdout).findings.map(
      (f: { image: string; status: string; suggestions: { image: string }[] }) => [
        f.image.replace('docker.io/library/', ''),
        f.status,
        f.suggestions.map((s) => s.image),
      ],
    );
  };
  const arm = verdicts('linux/arm64');
  assert.deepEqual(
    arm.map((x: string[]) => x.slice(0, 2)),
    [
      ['nginx:1.24', 'available'],
      ['golang:1.21', 'available'],
      ['redis:5.0.5', 'available'],
    ],
  );
  const riscv = verdicts('linux/riscv64');
  assert.deepEqual(
    riscv.map((x: string[]) => x[1]),
    ['missing', 'missing', 'missing'],
  );
  // a Debian-based stage keeps a Debian-based replacement
  for (const x of riscv) for (const s of x[2]) assert.doesNotMatch(s, /alpine/);
  const loong = verdicts('linux/loong64');
  assert.deepEqual(
    loong.map((x: string[]) => x[1]),
    ['missing', 'missing', 'missing'],
  );
  const text = run(['scan', d, '--platform', 'linux/arm64']).stdout;
  assert.equal(text.match(/thinner than for mips64le/g)?.length, 1, text);
  assert.doesNotMatch(text, /never an official tag/);
  assert.doesNotMatch(run(['scan', d]).stdout, /^note:/m);
});

test('every Problems message of every rule is one sentence of at most 120 characters, the rest in detail', () => {
  for (const p of ['linux/mips64le', 'linux/arm64', 'linux/riscv64', 'linux/loong64']) {
    const r = run(['scan', 'examples', 'test/fixtures', 'test/golden', '--platform', p, '--format', 'json']);
    const findings = JSON.parse(r.stdout).findings as { ruleId: string; message: string; detail?: string }[];
    assert.ok(findings.length > 40, p);
    const long = findings.filter((f) => f.message.length > 120).map((f) => `${p} ${f.ruleId} ${f.message}`);
    assert.deepEqual(long, []);
    // the why is kept: a missing image's detail says why it is missing
    assert.ok(
      findings.some((f) => f.ruleId === 'MP101' && f.detail && f.detail.length > 20),
      p,
    );
  }
});
