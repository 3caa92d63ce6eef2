// A Kustomize base opened in the editor: its image that every overlay replaces is not an error, and the
// hover says which overlays deploy what instead.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../helpers/lspClient';
import { tempTree } from '../helpers/tempDirs';

after(() => LspClient.killAll());

function tree(files: Record<string, string>): string {
  return tempTree('mips-port-kustomize-', files);
}

const overlay = (tag: string) => `resources:\n  - ../../base\nimages:\n  - name: nginx\n    newTag: "${tag}"\n`;

test('a base image every overlay replaces: information on the base, each overlay and its image in hover', async () => {
  const dir = tree({
    'base/kustomization.yaml': 'resources:\n  - deploy.yaml\n',
    'base/deploy.yaml':
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n' +
      '  - name: web\n    image: nginx:1.24-alpine\n',
    'overlays/prod/kustomization.yaml': overlay('1.24'),
    'overlays/edge/kustomization.yaml': overlay('1.24'),
  });
  const client = new LspClient();
  client.configuration = { mipsPort: { offline: true } };
  await client.initialize(undefined, undefined, [dir]);
  try {
    const file = path.join(dir, 'base/deploy.yaml');
    const uri = pathToFileURL(file).href;
    const text = fs.readFileSync(file, 'utf8');
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const p = await client.waitFor('textDocument/publishDiagnostics', (x) => x.uri === uri && x.diagnostics.length);
    const d = p.diagnostics.find((x: { code: string }) => x.code === 'MP101');
    assert.ok(d, JSON.stringify(p.diagnostics));
    assert.equal(d.severity, 3, 'Information, not Error');
    assert.match(d.message, /^Every overlay replaces nginx:1\.24-alpine with an image that has mips64le/);
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: d.range.start });
    assert.match(hover.contents.value, /`overlays\/edge` deploys `nginx:1\.24` \(available\)/);
    assert.match(hover.contents.value, /`overlays\/prod` deploys `nginx:1\.24` \(available\)/);
  } finally {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
