// What the Kubernetes/Compose reader does with anchors and with images built in another document of the
// same file: the cases the one-walk alias index and the linear 'built by' marking must keep.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseYaml } from '../../server/src/core/documents/yamlImages';

test('an alias takes the last anchor of its name before it, even when the name is reused; a dangling one is named', () => {
  const text = [
    'apiVersion: v1',
    'kind: Pod',
    'x-a: &img alpine:3.10',
    'spec:',
    '  initContainers:',
    '  - name: first',
    '    image: *img',
    'x-b: &img nginx:1.25',
    'more:',
    '  containers:',
    '  - name: after',
    '    image: *img',
    '  - name: dangling',
    '    image: *nowhere',
  ].join('\n');
  const r = analyseYaml(text);
  assert.deepEqual(
    r.uses.map((u) => [u.yamlPath, u.resolved ?? u.problem, u.range.start.line]),
    [
      ['Pod.spec.initContainers[0]', 'alpine:3.10', 2],
      ['Pod.more.containers[0]', 'nginx:1.25', 7],
      ['Pod.more.containers[1]', 'Pod.more.containers[1]: its image is not a plain string.', 12],
    ],
  );
});

test('a pull of an image that a service builds in a later document of the file is that build, named once', () => {
  const text = [
    'services:',
    '  early:',
    '    image: app/api:1',
    '---',
    'services:',
    '  maker:',
    '    image: app/api:1',
    '    build: .',
    '  late:',
    '    image: app/api:1',
    '  other:',
    '    image: redis:7',
  ].join('\n');
  const r = analyseYaml(text);
  assert.equal(r.kind, 'compose');
  assert.deepEqual(
    r.uses.map((u) => [u.yamlPath, u.informational ?? false, u.resolved, u.note?.split(' of this file')[0]]),
    [
      ['services.early', true, undefined, 'Built by service maker'],
      [
        'services.maker',
        true,
        undefined,
        "Built by this service's `build:` and tagged app/api:1: build it for the target (docker compose build, with `platform:`).",
      ],
      ['services.late', true, undefined, 'Built by service maker'],
      ['services.other', false, 'redis:7', undefined],
    ],
  );
});
