// Helm chart values and Kustomize overlays, written here in the shapes charts and overlays use: the
// images the cluster pulls, on the lines that set them, and fixes that edit the right keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyseDocument } from '../../server/src/core/analyse';
import { knowledgeLookup } from '../../server/src/core/availability/knowledgeLookup';
import { applyEdits } from '../../server/src/core/fixes/editText';
import { parseImageRef } from '../../server/src/core/imageRef';
import { platform, fullText } from '../helpers/engine';
import { tempTree } from '../helpers/tempDirs';

const lookup = knowledgeLookup();
const target = platform();

function tree(files: Record<string, string>): string {
  return tempTree('mips-port-charts-', files);
}

function analyseFile(file: string) {
  const text = fs.readFileSync(file, 'utf8');
  const readSide = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined);
  const a = analyseDocument(file, text, { target, lookup, readSide });
  assert.ok(a);
  return { a, text };
}

const images = (a: ReturnType<typeof analyseFile>['a']) =>
  a.uses.map((u) => `${u.use.range.start.line + 1} ${u.use.resolved}`).sort();

/** The preferred fix applied, re-analysed: the image it leaves is served for the target. */
function applyFirstFix(file: string, line: number): string {
  const { a, text } = analyseFile(file);
  const f = a.findings.find((x) => x.range.start.line === line - 1 && x.fixes?.length);
  assert.ok(f, `a fix on line ${line}: ${JSON.stringify(a.findings.map((x) => [x.ruleId, x.range.start.line + 1]))}`);
  const fixed = applyEdits(text, f.fixes![0].edits);
  fs.writeFileSync(file, fixed);
  const again = analyseFile(file).a;
  const use = again.uses.find((u) => u.use.range.start.line === line - 1 || u.use.yamlPath === a.uses[0].use.yamlPath);
  assert.ok(use?.ref, fixed);
  assert.equal(lookup(use.ref, target).status, 'available', `${use.use.resolved} after the fix:\n${fixed}`);
  return fixed;
}

const CHART = {
  'web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\nappVersion: "1.24"\n',
  'web/values.yaml': [
    'global:',
    '  imageRegistry: ""',
    'image:',
    '  repository: nginx',
    '  pullPolicy: IfNotPresent',
    'controller:',
    '  image:',
    '    registry: docker.io',
    '    repository: library/redis',
    '    tag: "5.0.5-alpine"',
    'sidecars:',
    '  - name: log',
    '    image: "busybox:1.29"',
    'metrics:',
    '  image:',
    '    repository: prom/statsd-exporter',
    '    tag: v0.26.0',
    'service:',
    '  repository: not-an-image-setting',
    '',
  ].join('\n'),
  'web/values-prod.yaml': 'image:\n  tag: "1.10-alpine"\n',
  'web/templates/deployment.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"\n',
  'plain/values.yaml': 'image:\n  repository: alpine\n  tag: "3.10"\n',
};

test('Helm values: every convention, on the line that sets it, with appVersion and a note per chart', () => {
  const dir = tree(CHART);
  const { a } = analyseFile(path.join(dir, 'web/values.yaml'));
  assert.deepEqual(images(a), [
    '10 docker.io/library/redis:5.0.5-alpine',
    '13 busybox:1.29',
    '17 prom/statsd-exporter:v0.26.0',
    '4 nginx:1.24',
  ]);
  assert.match(a.uses.find((u) => u.use.resolved === 'nginx:1.24')!.use.note ?? '', /appVersion 1\.24/);
  const note = a.findings.filter((f) => f.ruleId === 'MP150');
  assert.equal(note.length, 1);
  assert.match(note[0].message, /4 images from its values.*templates/);
  // the Alpine-based redis is flagged on its tag line
  assert.ok(a.findings.some((f) => f.ruleId === 'MP101' && f.range.start.line === 9));
  // a values.yaml outside a chart is not Helm values
  assert.deepEqual(analyseFile(path.join(dir, 'plain/values.yaml')).a.uses, []);
});

test('Helm: a chart has one note (its values file), not one MP110 per template file', () => {
  const dir = tree(CHART);
  const template = analyseFile(path.join(dir, 'web/templates/deployment.yaml')).a;
  assert.deepEqual(
    template.findings.map((f) => f.ruleId),
    [],
  );
  // the same template outside a chart with values is still said to be unchecked
  const loose = tree({ 'x/templates/deployment.yaml': CHART['web/templates/deployment.yaml'] });
  const a = analyseFile(path.join(loose, 'x/templates/deployment.yaml')).a;
  assert.deepEqual(
    a.findings.map((f) => f.ruleId),
    ['MP110'],
  );
});

test('Helm values: values-*.yaml completes values.yaml, on its own tag line', () => {
  const dir = tree(CHART);
  const { a } = analyseFile(path.join(dir, 'web/values-prod.yaml'));
  assert.deepEqual(images(a), ['2 nginx:1.10-alpine']);
  assert.ok(a.findings.some((f) => f.ruleId === 'MP101' && f.range.start.line === 1));
});

test('Helm values: the replacement fix edits the keys (tag, repository, registry) and the result is served', () => {
  const dir = tree(CHART);
  const fixed = applyFirstFix(path.join(dir, 'web/values.yaml'), 10);
  assert.match(
    fixed,
    /controller:\n {2}image:\n {4}registry: docker\.io\n {4}repository: library\/redis\n {4}tag: "[^"]+"\n/,
  );
  const prod = applyFirstFix(path.join(dir, 'web/values-prod.yaml'), 2);
  assert.match(prod, /^image:\n {2}tag: "[^"]+"\n$/);
});

const OVERLAYS = {
  'base/kustomization.yaml':
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deploy.yaml\nimages:\n  - name: nginx\n    newTag: 1.24-alpine\n',
  'base/deploy.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.0\n      - name: cache\n        image: redis:5.0.5\n',
  'overlays/prod/kustomization.yaml':
    'resources:\n  - ../../base\nimages:\n  - name: nginx\n    newName: registry.example.com/mirror/nginx\n  - name: redis\n    newTag: 5.0.5-alpine\n',
};

test('Kustomize: entries applied to the resources of bases and overlays, on the entry that set them', () => {
  const dir = tree(OVERLAYS);
  const base = analyseFile(path.join(dir, 'base/kustomization.yaml')).a;
  assert.deepEqual(images(base), ['7 nginx:1.24-alpine']);
  assert.ok(base.findings.some((f) => f.ruleId === 'MP101' && f.range.start.line === 6));
  const prod = analyseFile(path.join(dir, 'overlays/prod/kustomization.yaml')).a;
  // the overlay renames what the base's transform made: the tag comes from the base
  assert.deepEqual(images(prod), ['5 registry.example.com/mirror/nginx:1.24-alpine', '7 redis:5.0.5-alpine']);
  assert.match(prod.uses[1].use.note ?? '', /redis in the resources becomes redis:5\.0\.5-alpine/);
});

test('Kustomize: the fix sets newTag (inserting it where missing) and the image is then served', () => {
  const dir = tree(OVERLAYS);
  const fixed = applyFirstFix(path.join(dir, 'base/kustomization.yaml'), 7);
  assert.match(fixed, /- name: nginx\n {4}newTag: "?[\w.-]+"?\n/);
  const r = parseImageRef(`nginx:${/newTag: "?([\w.-]+)/.exec(fixed)![1]}`);
  assert.ok(r.ok);
});

test('Kustomize: remote bases and missing resources are named in a note, never skipped silently', () => {
  const dir = tree({
    ...OVERLAYS,
    'overlays/remote/kustomization.yaml':
      'resources:\n  - https://github.com/example/app//deploy?ref=v1.0.0\n  - missing.yaml\n  - ../../base\nimages:\n  - name: nginx\n    newTag: "1.24"\n',
  });
  const a = analyseFile(path.join(dir, 'overlays/remote/kustomization.yaml')).a;
  const note = a.findings.find((f) => f.ruleId === 'MP150');
  assert.match(
    fullText(note),
    /2 resources not read, so their images are not seen: check them by hand\. Not read: https:\/\/github\.com\/example\/app\/\/deploy\?ref=v1\.0\.0, missing\.yaml\./,
  );
  assert.deepEqual(images(a), ['7 nginx:1.24']);
});
