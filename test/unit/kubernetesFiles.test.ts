import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyseDocument } from '../../server/src/core/analyse';
import { knowledgeLookup } from '../../server/src/core/availability/knowledgeLookup';
import { analyseManifestGo } from '../../server/src/core/documents/manifestGo';
import { analyseBaseimage } from '../../server/src/core/documents/baseimage';
import { analyseYaml } from '../../server/src/core/documents/yamlImages';
import { parseRepoList } from '../../server/src/core/documents/kubeRepoList';
import { siblingFileArgs } from '../../server/src/core/documents/siblingFiles';
import { hoverMarkdown } from '../../server/src/core/report/describeUse';
import { applyEdits } from '../../server/src/core/fixes/editText';
import { FIXTURES } from '../helpers/paths';
import { platform, fullText } from '../helpers/engine';
import { formatPlatform } from '../../server/src/core/platform';
import { tempDir } from '../helpers/tempDirs';

const K8S = path.join(FIXTURES, 'k8s');
const read = (...p: string[]) => fs.readFileSync(path.join(K8S, ...p), 'utf8');
const mips = platform();
const images = (era: string, repoList?: Record<string, string>) =>
  analyseManifestGo(read('manifest', era, 'manifest.go'), { target: mips, repoList }).uses;

test('manifest.go ≈v1.12: package-level ImageConfig vars, hasArch appends the arch', () => {
  const u = images('v1.12');
  assert.deepEqual(
    u.filter((x) => x.resolved).map((x) => [x.entryName, x.resolved]),
    [
      ['BusyBox', 'docker.io/library/busybox:1.29'],
      ['Nginx', 'docker.io/library/nginx:1.14-alpine'],
      ['Pause', 'k8s.gcr.io/pause:3.1'],
      ['Netexec', 'gcr.io/kubernetes-e2e-test-images/netexec-mips64le:1.1'],
      ['Perl', 'docker.io/library/perl:5.26'],
    ],
  );
  const redis = u.find((x) => x.entryName === 'Redis');
  assert.match(redis?.problem ?? '', /not understood/);
});

test('manifest.go ≈v1.16: RegistryList defaults in initReg(), var block of registry.Field, a bare literal', () => {
  const u = images('v1.16');
  assert.deepEqual(
    u.map((x) => x.resolved),
    [
      'gcr.io/kubernetes-e2e-test-images/agnhost:2.6',
      'docker.io/library/busybox:1.29',
      'docker.io/library/nginx:1.14-alpine',
      'k8s.gcr.io/pause:3.1',
      'docker.io/library/redis:5.0.5-alpine',
      'invalid.com/invalid/alpine:3.1',
    ],
  );
  // the diagnostic range is the version string, without quotes
  const nginx = u[2];
  const line = read('manifest', 'v1.16', 'manifest.go').split('\n')[nginx.range.start.line];
  assert.equal(line.slice(nginx.range.start.character, nginx.range.end.character), '1.14-alpine');
});

test('manifest.go ≈v1.21: literal docker library registry, None = iota, comments between entries', () => {
  assert.deepEqual(
    images('v1.21').map((x) => x.resolved),
    [
      'k8s.gcr.io/e2e-test-images/agnhost:2.30',
      'k8s.gcr.io/e2e-test-images/busybox:1.29-1',
      'docker.io/library/httpd:2.4.38-alpine',
      'k8s.gcr.io/pause:3.4.1',
      'docker.io/library/perl:5.26',
    ],
  );
});

test('manifest.go current: initRegistry = RegistryList{…}, list.Field, string keys; unknown fields degrade to info', () => {
  const u = images('current');
  assert.deepEqual(
    u.filter((x) => x.resolved).map((x) => [x.entryName, x.resolved]),
    [
      ['Agnhost', 'registry.k8s.io/e2e-test-images/agnhost:2.47'],
      ['Nginx', 'registry.k8s.io/e2e-test-images/nginx:1.14-4'],
      ['Pause', 'registry.k8s.io/pause:3.9'],
      ['Redis', 'docker.io/library/redis:5.0.5-alpine'],
      ['CoreDNS', 'registry.k8s.io/coredns/coredns:v1.11.1'],
    ],
  );
  assert.match(u.find((x) => x.entryName === 'Etcd')?.problem ?? '', /list\.GcEtcdRegistry/);
});

test('KUBE_TEST_REPO_LIST replaces the default registries by their yaml keys', () => {
  const r = parseRepoList(read('repo-list.yaml'));
  assert.ok(r.ok);
  if (!r.ok) return;
  const u = images('current', r.map);
  assert.equal(u.find((x) => x.entryName === 'Agnhost')?.resolved, 'registry.example.com/library/cke/agnhost:2.47');
  assert.equal(u.find((x) => x.entryName === 'Redis')?.resolved, 'registry.example.com/library/redis:5.0.5-alpine');
  // v1.16 shape: var block of registry.Field follows the override too
  assert.equal(
    images('v1.16', r.map).find((x) => x.entryName === 'Nginx')?.resolved,
    'registry.example.com/library/nginx:1.14-alpine',
  );
  assert.equal(parseRepoList('- a\n- b').ok, false);
  assert.equal(parseRepoList('a: [').ok, false);
});

test('garbage, truncated and unbalanced Go never throws', () => {
  const src = read('manifest', 'current', 'manifest.go');
  for (const cut of [10, 200, 900, src.length - 40])
    assert.doesNotThrow(() => analyseManifestGo(src.slice(0, cut), { target: mips }));
  assert.doesNotThrow(() => analyseManifestGo('Config{{{{{ "a", "b"', { target: mips }));
  assert.doesNotThrow(() => analyseManifestGo('"unterminated\n`raw\nConfig{x.', { target: mips }));
  const big = 'package image\n' + 'var x = Config{reg, "n", "v"}\n'.repeat(170000);
  assert.ok(big.length > 5_000_000);
  const u = analyseManifestGo(big, { target: mips }).uses;
  assert.equal(u.length, 170000);
  assert.ok(u.every((x) => x.problem));
});

test('BASEIMAGE without the target line: a warning with a fix that adds one', () => {
  const text = read('baseimage', 'no-target', 'BASEIMAGE');
  const a = analyseBaseimage(text, mips);
  assert.equal(a.missingTarget?.insertLine, 5);
  assert.equal(a.missingTarget?.fromImage, 'alpine:3.12');
  const d = analyseDocument('BASEIMAGE', text, { target: mips, lookup: knowledgeLookup() });
  const f = d?.findings.find((x) => x.ruleId === 'MP109');
  assert.ok(f);
  assert.match(f.message, /No linux\/mips64le= line/);
  const fix = f.fixes?.[0];
  assert.ok(fix?.isPreferred);
  assert.match(fix.edits[0].newText, /^linux\/mips64le=debian:bookworm-\d{8}-slim\n$/);
  assert.deepEqual(fix.edits[0].range.start, { line: 5, character: 0 });
  // applying the fix makes the finding go away
  const lines = text.split('\n');
  lines.splice(5, 0, fix.edits[0].newText.trimEnd());
  const after = analyseDocument('BASEIMAGE', lines.join('\n'), { target: mips, lookup: knowledgeLookup() });
  assert.ok(!after?.findings.some((x) => x.ruleId === 'MP109'));
  assert.ok(after?.findings.some((x) => x.ruleId === 'MP100'));
  // other platforms' lines are for hovers, not diagnostics; REGISTRY/ is a placeholder
  assert.ok(!d?.findings.some((x) => x.ruleId === 'MP101' || x.ruleId === 'MP104'));
});

test('BASEIMAGE with the target line gets its verdict on that line', () => {
  const d = analyseDocument('BASEIMAGE', read('baseimage', 'with-target', 'BASEIMAGE'), {
    target: mips,
    lookup: knowledgeLookup(),
  });
  const verdicts = d?.findings.filter((f) => f.status).map((f) => [f.range.start.line, f.status]);
  assert.deepEqual(verdicts, [[2, 'available']]);
  // each other line's verdict is for its own platform
  const amd = d?.uses.find((u) => u.use.platform === 'linux/amd64');
  assert.equal(amd?.verdict?.status, 'available');
});

test('Kubernetes YAML: every container list in every kind, multi-document, List items, exact ranges', () => {
  const text = read('deploy.yaml');
  const y = analyseYaml(text);
  assert.equal(y.kind, 'kubernetes');
  assert.deepEqual(
    y.uses.map((u) => u.resolved),
    [
      'busybox:1.29',
      'nginx:1.24-alpine',
      'registry.example.com/cke/agnhost-mips64el:2.47',
      'debian:bookworm-20260713-slim',
      'redis:5.0.5-alpine',
      'registry.example.com/cke/debug:latest',
    ],
  );
  const redis = y.uses[4];
  const line = text.split('\n')[redis.range.start.line];
  assert.equal(line.slice(redis.range.start.character, redis.range.end.character), '"redis:5.0.5-alpine"');
  assert.match(y.uses[3].yamlPath ?? '', /jobTemplate/);
  assert.equal(y.uses[1].pullPolicy?.value, 'Always');
});

test('pull policy hint for locally rebuilt images, with a fix that parses back', () => {
  const text = read('deploy.yaml');
  const d = analyseDocument('deploy.yaml', text, {
    target: mips,
    lookup: knowledgeLookup(),
    localImagePrefixes: ['registry.example.com/cke/'],
  });
  const hints = d?.findings.filter((f) => f.ruleId === 'MP111') ?? [];
  assert.equal(hints.length, 2);
  // apply both fixes (bottom-up) and re-analyse: the hints are gone and the YAML still has the same images
  const lines = text.split('\n');
  const edits = hints.flatMap((h) => h.fixes![0].edits).sort((a, b) => b.range.start.line - a.range.start.line);
  for (const e of edits) {
    if (e.range.start.line === e.range.end.line && e.range.start.character !== e.range.end.character) {
      const l = lines[e.range.start.line];
      lines[e.range.start.line] = l.slice(0, e.range.start.character) + e.newText + l.slice(e.range.end.character);
    } else {
      lines.splice(e.range.start.line, 0, e.newText.replace(/\n$/, ''));
    }
  }
  const fixed = lines.join('\n');
  const again = analyseDocument('deploy.yaml', fixed, {
    target: mips,
    lookup: knowledgeLookup(),
    localImagePrefixes: ['registry.example.com/cke/'],
  });
  assert.deepEqual(
    again?.findings.filter((f) => f.ruleId === 'MP111'),
    [],
  );
  assert.equal(analyseYaml(fixed).uses.length, 6);
  assert.equal(analyseYaml(fixed).uses[5].pullPolicy?.value, 'IfNotPresent');
});

test('Compose: services.*.image with platform: as that service target', () => {
  const d = analyseDocument('compose.yaml', read('compose.yaml'), { target: mips, lookup: knowledgeLookup() });
  const byLine = d?.findings
    .filter((f) => f.ruleId !== 'MP104')
    .map((f) => [f.range.start.line, f.status, f.message.includes('for arm64')]);
  assert.deepEqual(byLine, [
    [2, 'missing', false],
    [4, 'available', true],
    [5, undefined, false],
  ]);
  assert.equal(d?.findings.find((f) => f.range.start.line === 5)?.ruleId, 'MP105');
  assert.ok(d?.findings.some((f) => f.ruleId === 'MP104'));
});

test('templates, garbage, alias bombs and huge YAML give one clear finding or nothing, never a crash', () => {
  const helm = analyseYaml(read('helm-deployment.yaml'));
  assert.match(helm.skipped ?? '', /Helm/);
  assert.equal(analyseYaml('just: [unbalanced\nkind: x\napiVersion: y').uses.length, 0);
  const bomb =
    'apiVersion: v1\nkind: Pod\na: &a ["x","x","x","x","x","x","x","x","x"]\n' +
    Array.from(
      { length: 12 },
      (_, i) =>
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
    ).join('\n') +
    '\nspec:\n  containers:\n  - image: alpine:3.10\n';
  const b = analyseYaml(bomb);
  assert.deepEqual(
    b.uses.map((u) => u.resolved),
    ['alpine:3.10'],
  );
  const big =
    'apiVersion: v1\nkind: List\nitems:\n' +
    '- apiVersion: v1\n  kind: Pod\n  spec:\n    containers:\n    - name: c\n      image: alpine:3.10\n'.repeat(60000);
  assert.ok(big.length > 5_000_000);
  assert.equal(analyseYaml(big).uses.length, 60000);
  assert.deepEqual(analyseYaml('a: 1\nb: 2\n').uses, []);
  assert.equal(analyseYaml('a: 1\nb: 2\n').skipped, undefined, 'unrelated YAML is not reported');
});

test('BASEIMAGE with bare-arch keys (before Kubernetes v1.19): the target key and the fix follow that style', () => {
  const text = read('legacy-image', 'BASEIMAGE');
  const d = analyseDocument('BASEIMAGE', text, { target: mips, lookup: knowledgeLookup() });
  const f = d?.findings.find((x) => x.ruleId === 'MP109');
  assert.match(f?.message ?? '', /No mips64le= line/);
  const edit = f?.fixes?.[0].edits[0];
  assert.match(edit?.newText ?? '', /^mips64le=debian:bookworm-\d{8}-slim\n$/);
  assert.deepEqual(edit?.range.start, { line: 5, character: 0 });
  const after = analyseDocument('BASEIMAGE', text + edit!.newText, { target: mips, lookup: knowledgeLookup() });
  assert.ok(!after?.findings.some((x) => x.ruleId === 'MP109'));
  assert.deepEqual(
    after?.findings.filter((x) => x.status).map((x) => [x.range.start.line, x.status]),
    [[5, 'available']],
  );
});

test('a BASEIMAGE line that is missing for the target gets a fix swapping in the replacement', () => {
  const text = 'linux/amd64=alpine:3.12\nlinux/mips64le=alpine:3.12\n';
  const d = analyseDocument('BASEIMAGE', text, { target: mips, lookup: knowledgeLookup() });
  const f = d?.findings.find((x) => x.ruleId === 'MP101');
  assert.deepEqual(f?.range.start, { line: 1, character: 15 });
  const fix = f?.fixes?.find((x) => x.isPreferred);
  assert.match(fix?.title ?? '', /^Use debian:bookworm-\d{8}-slim$/);
  const fixed = applyEdits(text, fix!.edits);
  assert.match(fixed, /^linux\/amd64=alpine:3\.12\nlinux\/mips64le=debian:bookworm-\d{8}-slim\n$/);
  assert.ok(
    !analyseDocument('BASEIMAGE', fixed, { target: mips, lookup: knowledgeLookup() })?.findings.some(
      (x) => x.ruleId === 'MP101',
    ),
  );
});

test('a YAML image swap keeps the quotes the file used', () => {
  const text =
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: "alpine:3.12"\n';
  const d = analyseDocument('pod.yaml', text, { target: mips, lookup: knowledgeLookup() });
  const fix = d?.findings.find((x) => x.ruleId === 'MP101')?.fixes?.find((x) => x.isPreferred);
  assert.match(applyEdits(text, fix!.edits), /\n {4}image: "debian:bookworm-\d{8}-slim"\n$/);
});

test('the BASEIMAGE file beside a Dockerfile supplies $BASEIMAGE and the legacy FROM BASEIMAGE placeholder', () => {
  const dir = tempDir('mips-port-sibling-');
  const dockerfile = path.join(dir, 'Dockerfile');
  const readDisk = (f: string) => {
    try {
      return fs.readFileSync(f, 'utf8');
    } catch {
      return undefined;
    }
  };
  const analyse = (text: string, buildArgs?: Record<string, string>) =>
    analyseDocument(dockerfile, text, {
      target: mips,
      lookup: knowledgeLookup(),
      buildArgs,
      fileArgs: siblingFileArgs(dockerfile, mips, readDisk),
    });
  const modern = 'ARG BASEIMAGE\nFROM $BASEIMAGE\nRUN apk add --no-cache bind-tools\n';
  const legacy = read('legacy-image', 'Dockerfile');

  // no BASEIMAGE file: the legacy placeholder is named as such, not as a bad reference
  assert.equal(siblingFileArgs(dockerfile, mips, readDisk), undefined);
  const bare = analyse(legacy);
  assert.deepEqual(
    bare?.findings.map((f) => f.ruleId),
    ['MP104'],
  );
  assert.match(
    bare!.findings[0].message,
    /^FROM BASEIMAGE is not checked: add a BASEIMAGE file beside this Dockerfile\./,
  );

  // a BASEIMAGE file without the target line: say where the value has to come from
  fs.writeFileSync(path.join(dir, 'BASEIMAGE'), 'linux/amd64=alpine:3.12\n');
  const noLine = analyse(modern);
  assert.deepEqual(
    noLine?.findings.map((f) => f.ruleId),
    ['MP104'],
  );
  assert.match(
    fullText(noLine!.findings[0]),
    /^\$BASEIMAGE has no linux\/mips64le value, so it is not checked: add one where it comes from\. It comes from the BASEIMAGE file beside this Dockerfile, which has no linux\/mips64le= line/,
  );
  assert.match(
    hoverMarkdown(noLine!.uses[0]),
    /`\$BASEIMAGE` comes from the BASEIMAGE file beside this Dockerfile, which has no linux\/mips64le= line .*checked once that gives it a value/,
  );
  assert.match(hoverMarkdown(bare!.uses[0]), /`FROM BASEIMAGE` is the placeholder Kubernetes' image-util\.sh replaces/);

  // with the target line: its verdict, told where it came from, fixed there and not here
  fs.writeFileSync(path.join(dir, 'BASEIMAGE'), 'linux/amd64=alpine:3.12\nlinux/mips64le=alpine:3.12\n');
  for (const text of [modern, legacy]) {
    const a = analyse(text);
    const f = a?.findings.find((x) => x.ruleId === 'MP101');
    assert.match(
      fullText(f),
      /^alpine:3\.12 \(from BASEIMAGE's linux\/mips64le line\) has no mips64le image — use debian:bookworm-\d{8}-slim there\./,
    );
    assert.equal(f?.fixes, undefined);
    assert.match(a?.uses[0].use.note ?? '', /= alpine:3\.12, from the linux\/mips64le line/);
  }
  fs.writeFileSync(
    path.join(dir, 'BASEIMAGE'),
    'linux/amd64=alpine:3.12\nlinux/mips64le=debian:bookworm-20260713-slim\n',
  );
  assert.equal(analyse(modern)?.uses[0].verdict?.status, 'available');
  // an explicit --build-arg wins over the file
  assert.equal(analyse(modern, { BASEIMAGE: 'alpine:3.12' })?.uses[0].verdict?.status, 'missing');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('Compose: ${VAR:-default} is checked with its default; with build: the image is the build output, not a pull', () => {
  const text =
    'services:\n  web:\n    image: nginx:${NGINX_TAG:-1.24-alpine}\n  api:\n    build: ./api\n    image: registry.example.com/team/api:2\n  env:\n    image: ${REGISTRY}/app:1\n';
  const d = analyseDocument('compose.yaml', text, { target: mips, lookup: knowledgeLookup() });
  assert.deepEqual(
    d?.findings.map((f) => [f.range.start.line, f.ruleId]),
    [
      [2, 'MP101'],
      [7, 'MP104'],
    ],
  );
  assert.match(d!.findings[0].message, /^nginx:1\.24-alpine has no mips64le image — use nginx:1\.24/);
  assert.match(d?.uses[0].use.note ?? '', /resolves to nginx:1\.24-alpine when no variable is set/);
  const built = d?.uses.find((u) => u.use.yamlPath === 'services.api');
  assert.equal(built?.verdict, undefined, 'a build output is not looked up');
  assert.match(
    hoverMarkdown(built!),
    /Built by this service's `build:` and tagged registry\.example\.com\/team\/api:2/,
  );
});

test('Compose images through YAML anchors, merge keys and aliases get verdicts; unreadable ones are named', () => {
  const text = [
    'x-common: &common',
    '  image: alpine:3.10',
    '  restart: always',
    'x-img: &img nginx:1.24-alpine',
    'services:',
    '  web:',
    '    <<: *common',
    '  proxy:',
    '    image: *img',
    '  worker:',
    '    <<: [*common]',
    '    platform: linux/arm64',
    '  odd:',
    '    image: { name: x }',
    '  nothing:',
    '    restart: always',
    '  builder:',
    '    build: .',
    '    image: myapp:dev',
    '  runner:',
    '    image: myapp:dev',
  ].join('\n');
  const d = analyseDocument('compose.yaml', text, { target: mips, lookup: knowledgeLookup() })!;
  const verdicts = d.findings.filter((f) => f.status).map((f) => [f.range.start.line, f.image, f.status]);
  assert.deepEqual(verdicts, [
    [1, 'docker.io/library/alpine:3.10', 'available'],
    [1, 'docker.io/library/alpine:3.10', 'missing'],
    [3, 'docker.io/library/nginx:1.24-alpine', 'missing'],
  ]);
  const unread = d.findings.filter((f) => f.ruleId === 'MP108').map((f) => f.message);
  assert.equal(unread.length, 2, unread.join('\n'));
  assert.match(unread.join('\n'), /services\.odd: its image: is not a plain string/);
  assert.match(unread.join('\n'), /services\.nothing: the service has neither image: nor build:/);
  // runner pulls what builder builds: not looked up as if it were a registry image
  const runner = d.uses.find((u) => u.use.yamlPath === 'services.runner');
  assert.equal(runner?.use.informational, true);
  assert.match(runner?.use.note ?? '', /Built by service builder of this file/);
});

test('Kubernetes containers without a readable image are named, not skipped', () => {
  const text =
    'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n  - image: [x]\n  - image: busybox:1.29\n';
  const d = analyseDocument('pod.yaml', text, { target: mips, lookup: knowledgeLookup() })!;
  assert.deepEqual(
    d.findings.filter((f) => f.ruleId === 'MP108').map((f) => f.message.split(':')[0]),
    ['Pod.spec.containers[0]', 'Pod.spec.containers[1]'],
  );
  assert.equal(d.findings.find((f) => f.image)?.status, 'missing');
});

test('plain Go in manifest.go (function signatures, helpers that copy entries) is not an image entry', () => {
  const text = [
    'package image',
    'type Config struct { registry, name, version string }',
    'var configs = map[int]Config{}',
    'func GetConfig(image int) Config {',
    '  return configs[image]',
    '}',
    'func getRepositoryMappedConfig(index int, config Config, repo string) Config {',
    '  return Config{registry: repo, name: config.name, version: config.version}',
    '}',
    'func mapped(repo string) { for i, c := range configs { configs[i] = getRepositoryMappedConfig(i, Config{registry: repo, name: c.name, version: c.version}, repo) } }',
    'func init() { configs[Nginx] = Config{"docker.io/library", "nginx", "1.14-alpine"} }',
  ].join('\n');
  const uses = analyseManifestGo(text, { target: mips }).uses;
  assert.deepEqual(
    uses.map((u) => [u.entryName, u.resolved, u.problem]),
    [['Nginx', 'docker.io/library/nginx:1.14-alpine', undefined]],
  );
});

test('a BASEIMAGE without a linux/amd64 line takes its suggestion from a Linux line, never a Windows one', () => {
  const text = [
    'windows/amd64/1809=mcr.microsoft.com/windows/nanoserver:1809',
    'linux/arm64=busybox:1.29',
    'windows/amd64/ltsc2022=mcr.microsoft.com/windows/nanoserver:ltsc2022',
  ].join('\n');
  const d = analyseDocument('BASEIMAGE', text, { target: mips, lookup: knowledgeLookup() })!;
  const f = d.findings.find((x) => x.ruleId === 'MP109');
  assert.match(f?.fixes?.[0].edits[0].newText ?? '', /^linux\/mips64le=busybox:1\.\d+/);
});

test('YAML with \\r-only line breaks is read (it once sent the parser into a near-endless scan)', () => {
  const text = 'apiVersion: v1\rkind: Pod\rspec:\r  containers:\r  - image: alpine:3.10\r' + 'x: y\r'.repeat(20000);
  const y = analyseYaml(text);
  assert.deepEqual(
    y.uses.map((u) => u.resolved),
    ['alpine:3.10'],
  );
});

test('BASEIMAGE without a target line, naming an image the workspace builds: that image is offered first', () => {
  const d = tempDir('mips-port-kitten-');
  fs.mkdirSync(path.join(d, 'agnhost'));
  fs.mkdirSync(path.join(d, 'kitten'));
  fs.writeFileSync(path.join(d, 'agnhost/Dockerfile'), 'FROM debian:bookworm-20260713-slim\n');
  const text = 'linux/amd64=REGISTRY/agnhost:2.33\nlinux/arm64=REGISTRY/agnhost:2.33\n';
  const readSide = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined);
  const a = analyseDocument(path.join(d, 'kitten/BASEIMAGE'), text, {
    target: platform(),
    lookup: knowledgeLookup(),
    readSide,
  });
  const f = a?.findings.find((x) => x.ruleId === 'MP109');
  assert.ok(f);
  assert.deepEqual(
    f.fixes?.map((x) => x.title),
    ['Add linux/mips64le=REGISTRY/agnhost:2.33', f.fixes?.[1]?.title, 'Build ../agnhost for linux/mips64le first'],
  );
  assert.match(f.fixes![1].title, /debian/);
  assert.deepEqual(f.fixes?.[2].command?.arguments, [`file://${path.join(d, 'agnhost/Dockerfile')}`]);
  assert.match(fullText(f), /\.\.\/agnhost builds it here/);
  // a single build of kitten builds agnhost first too, not only build --all
  assert.match(fullText(f), /mips-port build does when the builder lacks it, as build --all does/);
});

test('a FROM naming an image a sibling folder builds: building that folder is the first fix, swaps are not preferred', () => {
  const d = tempDir('mips-port-kitten-');
  fs.mkdirSync(path.join(d, 'agnhost'));
  fs.mkdirSync(path.join(d, 'kitten'));
  fs.writeFileSync(path.join(d, 'agnhost/Dockerfile'), 'FROM debian:bookworm-20260713-slim\n');
  const readSide = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined);
  const analyse = (text: string) =>
    analyseDocument(path.join(d, 'kitten/Dockerfile'), text, {
      target: platform(),
      lookup: knowledgeLookup(),
      readSide,
    });
  const a = analyse('FROM registry.k8s.io/e2e-test-images/agnhost:2.47\nCMD ["test-webserver"]\n');
  const f = a?.findings.find((x) => x.ruleId === 'MP101');
  assert.ok(f);
  assert.match(
    f.message,
    /^registry\.k8s\.io\/e2e-test-images\/agnhost:2\.47 has no mips64le image: \.\.\/agnhost builds it here/,
  );
  assert.equal(f.fixes?.[0].title, 'Build ../agnhost for linux/mips64le first');
  assert.deepEqual(f.fixes?.[0].command?.arguments, [`file://${path.join(d, 'agnhost/Dockerfile')}`]);
  // a single build of kitten builds agnhost first too, not only build --all
  assert.match(fullText(f), /build that first\. mips-port build of this Dockerfile does when the builder lacks it/);
  assert.ok(!f.fixes?.slice(1).some((x) => x.isPreferred), 'a swap away from the workspace image is preferred');
  // a name no folder here builds keeps the usual message
  const other = analyse('FROM registry.k8s.io/e2e-test-images/nautilus:1.7\n')?.findings.find(
    (x) => x.ruleId === 'MP101',
  );
  assert.doesNotMatch(other?.message ?? '', /builds it here/);
});

test('a Compose service pinned to another platform: verdict for that platform, MP105 on its platform: line, fix sets the target', () => {
  const text = 'services:\n  web:\n    image: alpine:3.12\n    platform: linux/arm64\n  db:\n    image: redis:7\n';
  const a = analyseDocument('compose.yaml', text, { target: platform(), lookup: knowledgeLookup() })!;
  const web = a.findings.find((f) => f.image === 'docker.io/library/alpine:3.12');
  assert.equal(web?.status, 'available');
  assert.match(web?.message ?? '', /for arm64/);
  const pin = a.findings.find((f) => f.ruleId === 'MP105');
  assert.ok(pin, a.findings.map((f) => f.ruleId).join(' '));
  assert.equal(pin.range.start.line, 3);
  assert.match(
    pin.message,
    /^platform: linux\/arm64 is not the target linux\/mips64le: set the target, or drop the line\.$/,
  );
  const fixed = applyEdits(text, pin.fixes![0].edits);
  assert.match(fixed, /platform: linux\/mips64le\n/);
  // now checked for the target like every other service, and no warning left
  const b = analyseDocument('compose.yaml', fixed, { target: platform(), lookup: knowledgeLookup() })!;
  assert.ok(!b.findings.some((f) => f.ruleId === 'MP105'));
  assert.equal(b.findings.find((f) => f.image === 'docker.io/library/alpine:3.12')?.status, 'missing');
});

test("a BASEIMAGE line for another platform is checked for that line's platform, and its hover says why (no diagnostic does)", () => {
  const text =
    'linux/amd64=alpine:3.12\nlinux/arm64=arm64v8/alpine:3.12\nlinux/mips64le=debian:bookworm-20260713-slim\n';
  const a = analyseDocument('BASEIMAGE', text, { target: platform(), lookup: knowledgeLookup() })!;
  const amd64 = a.uses.find((c) => c.use.range.start.line === 0)!;
  assert.equal(formatPlatform(amd64.platform), 'linux/amd64');
  assert.equal(amd64.verdict?.status, 'available');
  assert.ok(!a.findings.some((f) => f.range.start.line === 0), 'other platforms get no diagnostic');
  assert.match(hoverMarkdown(amd64), /\*\*available\*\* for `linux\/amd64`[\s\S]*frozen since 2022-05-23/);
});

test('an image with no known replacement is offered a mirror look-up before "Create a Debian base"', () => {
  const text =
    'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.9-0\n';
  const a = analyseDocument('pod.yaml', text, { target: platform(), lookup: knowledgeLookup() })!;
  const f = a.findings.find((x) => x.ruleId === 'MP101');
  assert.ok(f);
  assert.deepEqual(
    f.fixes?.map((x) => x.command?.command),
    ['mipsPort.setMirror', 'mipsPort.createDebianBase'],
  );
  assert.match(f.message, /^registry\.k8s\.io\/etcd:3\.5\.9-0 has no mips64le image: rebuild it or set a mirror\.$/);
  assert.match(fullText(f), /No known replacement/);
});

test("kitten's BASEIMAGE: the target line follows the others' naming, and a target line naming amd64 is an error", () => {
  const d = tempDir('mips-port-kitten-');
  fs.mkdirSync(path.join(d, 'agnhost'));
  fs.mkdirSync(path.join(d, 'kitten'));
  fs.writeFileSync(path.join(d, 'agnhost/Dockerfile'), 'FROM debian:bookworm-20260713-slim\n');
  const readSide = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined);
  const analyse = (text: string) =>
    analyseDocument(path.join(d, 'kitten/BASEIMAGE'), text, {
      target: platform(),
      lookup: knowledgeLookup(),
      readSide,
    })!;
  const text = [
    'linux/amd64=REGISTRY/agnhost:2.25-linux-amd64',
    'linux/arm64=REGISTRY/agnhost:2.25-linux-arm64',
    'linux/ppc64le=REGISTRY/agnhost:2.25-linux-ppc64le',
    '',
  ].join('\n');
  const f = analyse(text).findings.find((x) => x.ruleId === 'MP109')!;
  assert.equal(f.fixes?.[0].title, 'Add linux/mips64le=REGISTRY/agnhost:2.25-linux-mips64le');
  const fixed = applyEdits(text, f.fixes![0].edits);
  assert.deepEqual(
    analyse(fixed).findings.filter((x) => x.severity === 'error'),
    [],
  );
  // what the old fix wrote: the amd64 image on the target's line
  const wrong = text + 'linux/mips64le=REGISTRY/agnhost:2.25-linux-amd64\n';
  const e = analyse(wrong).findings.find((x) => x.ruleId === 'MP127')!;
  assert.equal(e.severity, 'error');
  assert.equal(e.range.start.line, 3);
  assert.match(e.message, /^The linux\/mips64le line names amd64's image \(amd64\)/);
  assert.match(applyEdits(wrong, e.fixes![0].edits), /linux\/mips64le=REGISTRY\/agnhost:2\.25-linux-mips64le\n$/);
  // official-images prefixes too, and other lines are not the target's concern
  const prefixed = analyse('linux/amd64=amd64/debian:bookworm-slim\nlinux/mips64le=arm64v8/debian:bookworm-slim\n');
  assert.match(prefixed.findings.find((x) => x.ruleId === 'MP127')?.fixes?.[0].title ?? '', /^Use mips64le$/);
});

test("kitten's BASEIMAGE and an agnhost folder with a VERSION file: the producer's own target tag comes first", () => {
  const d = tempDir('mips-port-kitten-');
  fs.mkdirSync(path.join(d, 'agnhost'));
  fs.mkdirSync(path.join(d, 'kitten'));
  fs.writeFileSync(path.join(d, 'agnhost/Dockerfile'), 'FROM debian:bookworm-20260713-slim\n');
  fs.writeFileSync(path.join(d, 'agnhost/VERSION'), '2.33\n');
  const readSide = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined);
  const text = 'linux/amd64=REGISTRY/agnhost:2.25-linux-amd64\nlinux/arm64=REGISTRY/agnhost:2.25-linux-arm64\n';
  const a = analyseDocument(path.join(d, 'kitten/BASEIMAGE'), text, {
    target: platform(),
    lookup: knowledgeLookup(),
    readSide,
  })!;
  const f = a.findings.find((x) => x.ruleId === 'MP109')!;
  // what image-util.sh tags agnhost's mips64le build (its VERSION), then the other lines' version
  assert.equal(f.fixes?.[0].title, 'Add linux/mips64le=REGISTRY/agnhost:2.33-linux-mips64le');
  assert.equal(f.fixes?.[0].isPreferred, true);
  assert.equal(f.fixes?.[1].title, 'Add linux/mips64le=REGISTRY/agnhost:2.25-linux-mips64le');
  assert.equal(f.fixes?.at(-1)?.title, 'Build ../agnhost for linux/mips64le first');
  assert.match(fullText(f), /\.\.\/agnhost builds it here, as version 2\.33 \(its VERSION file\)/);
  const fixed = applyEdits(text, f.fixes![0].edits);
  assert.match(fixed, /^linux\/mips64le=REGISTRY\/agnhost:2\.33-linux-mips64le$/m);
  assert.ok(
    !analyseDocument(path.join(d, 'kitten/BASEIMAGE'), fixed, {
      target: platform(),
      lookup: knowledgeLookup(),
      readSide,
    })!.findings.some((x) => x.severity === 'error' || x.ruleId === 'MP109'),
  );
});
