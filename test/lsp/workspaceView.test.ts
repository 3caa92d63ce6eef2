// The images view's data for a Kubernetes test-image tree: every image it builds or pulls is there,
// and what could not be checked is listed with its reason, in the same count as the CLI's.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { LspClient } from '../helpers/lspClient';
import { runCliProcess } from '../helpers/cli';
import { WorkspaceImages, WorkspaceImagesRequest } from '../../server/src/shared/protocol';
import { tempTree } from '../helpers/tempDirs';

after(() => LspClient.killAll());

/** Five test images: two FROM a plain base, three FROM $BASEIMAGE (one BASEIMAGE has the target line). */
function tree(): string {
  const files: Record<string, string> = {
    'busybox/Dockerfile': 'FROM busybox:1.29\n',
    'nginx/Dockerfile': 'FROM nginx:1.24-alpine\n',
    'agnhost/Dockerfile': 'ARG BASEIMAGE\nFROM $BASEIMAGE\n',
    'agnhost/BASEIMAGE': 'linux/amd64=alpine:3.12\nlinux/mips64le=alpine:3.12\n',
    'jessie-dnsutils/Dockerfile': 'ARG BASEIMAGE\nFROM $BASEIMAGE\n',
    'jessie-dnsutils/BASEIMAGE': 'linux/amd64=debian:bookworm-slim\n',
    'kitten/Dockerfile': 'ARG BASEIMAGE\nFROM $BASEIMAGE\n',
    'kitten/BASEIMAGE': 'linux/amd64=alpine:3.12\nlinux/arm64=arm64v8/alpine:3.12\n',
  };
  return tempTree('mips-port-view-', files);
}

test('every image of a BASEIMAGE tree is in the view; not checked is its own list, counted as the CLI does', async () => {
  const root = tree();
  const client = new LspClient();
  client.configuration = { mipsPort: { offline: true } };
  await client.initialize(undefined, undefined, [root]);
  try {
    const d = (await client.request(WorkspaceImagesRequest.method, null)) as WorkspaceImages;
    const names = d.images.map((i) => `${i.name} ${i.status}`);
    // the BASEIMAGE target line's image is there with its verdict, beside the plain FROMs
    for (const n of ['busybox:1.29 missing', 'nginx:1.24-alpine missing', 'alpine:3.12 missing'])
      assert.ok(names.includes(n), names.join(', '));
    // the two Dockerfiles whose BASEIMAGE has no mips64le line: not checked, each saying why and the fix
    const files = d.unchecked.map((u) => path.basename(path.dirname(new URL(u.uri).pathname))).sort();
    assert.deepEqual(files, ['jessie-dnsutils', 'kitten']);
    for (const u of d.unchecked) {
      assert.equal(u.ruleId, 'MP104');
      assert.match(u.message, /not checked: add one where it comes from/);
      assert.match(u.detail ?? '', /BASEIMAGE file beside this Dockerfile, which has no linux\/mips64le= line/);
    }
    const cli = await runCliProcess(['scan', root, '--offline']);
    const notChecked = /(\d+) not checked/.exec(cli.stdout)?.[1];
    assert.equal(Number(notChecked), d.unchecked.length, cli.stdout);
  } finally {
    await client.shutdown();
  }
});
