// A Kustomize base's image that overlays replace: the base's finding names what each overlay deploys
// and weighs what they make (the image the cluster pulls), not the image the base file names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyseDocument } from '../../server/src/core/analyse';
import { knowledgeLookup } from '../../server/src/core/availability/knowledgeLookup';
import { confinedReader } from '../../server/src/core/fs/confine';
import { subfolders } from '../../server/src/core/fs/walk';
import { platform } from '../helpers/engine';
import { tempTree } from '../helpers/tempDirs';

const lookup = knowledgeLookup();
const target = platform();

const DEPLOY =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n' +
  '      containers:\n      - name: web\n        image: nginx:1.24-alpine\n' +
  '      - name: side\n        image: busybox:1.36\n';
const overlay = (tag: string) => `resources:\n  - ../../base\nimages:\n  - name: nginx\n    newTag: "${tag}"\n`;

function tree(files: Record<string, string>): string {
  return tempTree('mips-port-overlays-', { 'base/deploy.yaml': DEPLOY, ...files });
}

/** The base file analysed as the editor and the CLI do: side files and folders read inside the tree only. */
function nginxFinding(dir: string, root = dir) {
  const file = path.join(dir, 'base/deploy.yaml');
  const readSide = confinedReader((f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined), root);
  const a = analyseDocument(file, fs.readFileSync(file, 'utf8'), {
    target,
    lookup,
    readSide,
    listFolders: confinedReader(subfolders, root),
  });
  assert.ok(a);
  const f = a.findings.find((x) => x.image === 'docker.io/library/nginx:1.24-alpine');
  assert.ok(f, JSON.stringify(a.findings.map((x) => [x.ruleId, x.message])));
  return f;
}

const BASE = { 'base/kustomization.yaml': 'resources:\n  - deploy.yaml\n' };

test('a base image every overlay replaces with a served one is information, and the hover names the overlays', () => {
  const dir = tree({
    ...BASE,
    'overlays/prod/kustomization.yaml': overlay('1.24'),
    'overlays/qa/kustomization.yaml': overlay('1.24'),
  });
  const f = nginxFinding(dir);
  assert.equal(f.ruleId, 'MP101');
  assert.equal(f.severity, 'info');
  assert.match(
    f.message,
    /^Every overlay replaces nginx:1\.24-alpine with an image that has mips64le \(overlays\/prod, overlays\/qa\)\.$/,
  );
  assert.ok(f.message.length <= 120);
  assert.match(f.detail ?? '', /- `overlays\/prod` deploys `nginx:1\.24` \(available\)/);
  assert.match(f.detail ?? '', /- `overlays\/qa` deploys `nginx:1\.24` \(available\)/);
  // what the base alone would be is kept for the reader
  assert.match(f.detail ?? '', /This file alone: nginx:1\.24-alpine has no mips64le image/);
});

test('an overlay whose replacement is missing keeps the error and is named', () => {
  const dir = tree({
    ...BASE,
    'overlays/prod/kustomization.yaml': overlay('1.24'),
    'overlays/qa/kustomization.yaml': overlay('1.25-alpine'),
  });
  const f = nginxFinding(dir);
  assert.equal(f.severity, 'error');
  assert.match(f.message, /^Every overlay replaces nginx:1\.24-alpine; 1 of 2 replacements lack mips64le/);
  assert.match(f.detail ?? '', /- `overlays\/qa` deploys `nginx:1\.25-alpine` \(missing\)/);
});

test('the base kustomization applied on its own deploys the image as written: the verdict stands, with a word', () => {
  // nothing includes base/ except the base itself and one overlay: both are applied (neither includes the other)
  const dir = tree({
    ...BASE,
    'overlays/prod/kustomization.yaml': overlay('1.24'),
    'app/kustomization.yaml': 'resources:\n  - ../base\n',
  });
  const f = nginxFinding(dir);
  assert.equal(f.severity, 'error');
  assert.match(f.message, /^nginx:1\.24-alpine has no mips64le image/);
  assert.match(f.detail ?? '', /not every kustomization that deploys this file replaces the image/);
  assert.match(f.detail ?? '', /- `app` deploys it as written \(missing\)/);
});

test('a file no kustomization lists, or overlays outside the workspace, change nothing; entries chain', () => {
  const alone = tree({ 'overlays/prod/kustomization.yaml': overlay('1.24') });
  assert.equal(nginxFinding(alone).severity, 'error');
  const outside = tree({ ...BASE, 'overlays/prod/kustomization.yaml': overlay('1.24') });
  assert.equal(nginxFinding(outside, path.join(outside, 'base')).severity, 'error');
  // the base's own kustomization transforms (chains of entries apply innermost first)
  const chained = tree({
    'base/kustomization.yaml': 'resources:\n  - deploy.yaml\nimages:\n  - name: nginx\n    newTag: "1.25-alpine"\n',
    'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\nimages:\n  - name: nginx\n    newName: nginx\n',
  });
  const f = nginxFinding(chained);
  assert.match(f.detail ?? '', /- `overlays\/prod` deploys `nginx:1\.25-alpine` \(missing\)/);
});
