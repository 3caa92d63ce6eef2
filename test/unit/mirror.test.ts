// The mirror engine's pure parts: PREFIX naming, the repo list per manifest.go era, image lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyseManifestGo } from '../../server/src/core/documents/manifestGo';
import { parseImageRef } from '../../server/src/core/imageRef';
import { collectList, emptyCollection, isImageList } from '../../server/src/core/mirror/collect';
import { parsePrefix, Prefix, registryPath, servedName } from '../../server/src/core/mirror/names';
import { repoListFor, repoListYaml } from '../../server/src/core/mirror/repoListWriter';
import { parseRepoList } from '../../server/src/core/documents/kubeRepoList';
import { FIXTURES } from '../helpers/paths';
import { workspaceGraph } from '../../server/src/core/build/workspace';
import { AvailabilityResolver } from '../../server/src/core/availability/resolver';
import { defaultKnowledge } from '../../server/src/core/availability/knowledgeSources';
import { makeMirrorPlan, planText } from '../../server/src/core/mirror/plan';
import { platform } from '../helpers/engine';
import { tempDir } from '../helpers/tempDirs';

const mips = platform('linux/mips64le');
const era = (e: string) => fs.readFileSync(path.join(FIXTURES, 'k8s', 'mirror', e, 'manifest.go'), 'utf8');
const prefix = (s: string): Prefix => {
  const p = parsePrefix(s);
  if (!p.ok) throw new Error(p.error);
  return p.prefix;
};

test('PREFIX is a registry host and a path; an image keeps its repository path below it', () => {
  const p = prefix('registry.example.com/k8s-mips/');
  assert.equal(p.text, 'registry.example.com/k8s-mips');
  const ref = (s: string) => {
    const r = parseImageRef(s);
    assert.ok(r.ok);
    return r.ref;
  };
  assert.equal(servedName(p, ref('busybox:1.29')), 'registry.example.com/k8s-mips/library/busybox:1.29');
  assert.equal(
    servedName(p, ref('registry.k8s.io/e2e-test-images/agnhost:2.47')),
    'registry.example.com/k8s-mips/e2e-test-images/agnhost:2.47',
  );
  for (const bad of ['k8s-mips', 'https://registry.example.com/x', 'Registry Example/x'])
    assert.equal(parsePrefix(bad).ok, false, bad);
  assert.equal(parsePrefix('127.0.0.1:5000/k8s').ok, true);
  assert.equal(registryPath('docker.io/library'), 'library');
  assert.equal(registryPath('k8s.gcr.io'), '');
});

test('the repo list has the keys each manifest.go era reads, pointed at PREFIX with their paths kept', () => {
  const p = prefix('registry.example.com/k8s-mips');
  const at = 'registry.example.com/k8s-mips';
  assert.deepEqual(repoListFor([era('v1.12')], p).map, {
    dockerLibraryRegistry: `${at}/library`,
    e2eRegistry: `${at}/kubernetes-e2e-test-images`,
    gcRegistry: at,
  });
  assert.deepEqual(repoListFor([era('v1.21')], p).map, {
    promoterE2eRegistry: `${at}/e2e-test-images`,
    gcRegistry: at,
  });
  const current = repoListFor([era('current')], p);
  assert.deepEqual(Object.keys(current.map), ['promoterE2eRegistry', 'gcRegistry', 'dockerLibraryRegistry']);
  // read back as the analysis reads KUBE_TEST_REPO_LIST: every image of the file lands under PREFIX
  const back = parseRepoList(repoListYaml(current, p));
  assert.ok(back.ok);
  assert.deepEqual(back.map, current.map);
  for (const e of ['v1.12', 'v1.16', 'current']) {
    const map = repoListFor([era(e)], p).map;
    const uses = analyseManifestGo(era(e), { target: mips, repoList: map }).uses;
    assert.equal(uses.length, 5, e);
    for (const u of uses) assert.ok(u.resolved?.startsWith(`${at}/`), `${e}: ${u.resolved}`);
  }
});

test('manifest.go ≈v1.12: a repo list key overrides the plain variable of its struct field', () => {
  const { uses } = analyseManifestGo(era('v1.12'), {
    target: mips,
    repoList: { dockerLibraryRegistry: 'r.example/lib' },
  });
  assert.equal(uses.find((u) => u.entryName === 'BusyBox')?.resolved, 'r.example/lib/busybox:1.29');
  // v1.21's dockerLibraryRegistry is no struct field: the list cannot move it
  const v121 = analyseManifestGo(era('v1.21'), { target: mips, repoList: { dockerLibraryRegistry: 'r.example/lib' } });
  assert.equal(v121.uses.find((u) => u.text.includes('busybox'))?.resolved, 'docker.io/library/busybox:1.29');
});

test('an image list: one reference a line, comments and blanks skipped, bad lines named', () => {
  const dir = tempDir('mips-port-list-');
  try {
    const file = path.join(dir, 'images.txt');
    fs.writeFileSync(
      file,
      '# sonobuoy images\nbusybox:1.29\n\nregistry.k8s.io/pause:3.9  # pause\nNot An Image\nbusybox:1.29\n',
    );
    assert.equal(isImageList(file), true);
    assert.equal(isImageList(path.join(dir, 'Dockerfile')), false);
    const c = emptyCollection();
    collectList(c, file, 'images.txt');
    assert.deepEqual(
      [...c.images.values()].map((i) => [i.image, i.usedIn]),
      [
        ['docker.io/library/busybox:1.29', ['images.txt:2', 'images.txt:6']],
        ['registry.k8s.io/pause:3.9', ['images.txt:4']],
      ],
    );
    assert.deepEqual(c.problems, ['images.txt:5: "Not An Image" is not an image reference']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the plan: copy what the target can pull, build what the workspace builds, the rest missing', async () => {
  const dir = tempDir('mips-port-plan-');
  try {
    fs.mkdirSync(path.join(dir, 'images', 'nginx'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'images', 'nginx', 'Dockerfile'), 'FROM debian:bookworm-20260713-slim\n');
    const graph = workspaceGraph(dir, { target: mips, builder: { kind: 'docker', buildx: false } });
    const resolver = new AvailabilityResolver({ kb: defaultKnowledge(), offline: true });
    const images = ['docker.io/library/debian:bookworm-20260713-slim', 'docker.io/library/nginx:1.14-alpine'];
    const p = prefix('registry.example.com/k8s-mips');
    const plan = await makeMirrorPlan({
      images: [...images, 'docker.io/library/redis:5.0.5-alpine'].map((image) => ({ image, usedIn: ['x'] })),
      prefix: p,
      target: mips,
      resolver,
      graph,
    });
    assert.deepEqual(
      plan.items.map((i) => [i.action, i.target]),
      [
        ['copy', 'registry.example.com/k8s-mips/library/debian:bookworm-20260713-slim'],
        ['build', 'registry.example.com/k8s-mips/library/nginx:1.14-alpine'],
        ['missing', 'registry.example.com/k8s-mips/library/redis:5.0.5-alpine'],
      ],
    );
    assert.equal(plan.items[1].dockerfile, path.join(dir, 'images', 'nginx', 'Dockerfile'));
    assert.equal(plan.items[2].replacements[0].image, 'docker.io/library/redis:5.0.8');
    assert.match(
      planText(plan),
      /3 images for linux\/mips64le by registry\.example\.com\/k8s-mips: 1 to copy, 1 to build/,
    );
    // --substitute: the first replacement is copied under the expected name, and the plan says so
    const sub = await makeMirrorPlan({
      images: [{ image: images[1], usedIn: [] }],
      prefix: p,
      target: mips,
      resolver,
      substitute: true,
    });
    assert.equal(sub.items[0].action, 'copy');
    assert.equal(sub.items[0].from, 'docker.io/library/nginx:1.18');
    assert.match(sub.items[0].reason, /Substituted: docker\.io\/library\/nginx:1\.18 is copied under this name/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
