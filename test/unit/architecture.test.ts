// The shape the code keeps: no import loops, no import running back up the layers, a client that
// reaches the server only through the shared protocol, and an engine free of editor APIs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';
import { TARGET_PLATFORMS, VERSION } from '../../server/src/shared/protocol';
import { settingsToFlags } from '../../server/src/shared/settingsFlags';
import { parsePlatform } from '../../server/src/core/platform';
import { contributedSettings } from '../helpers/packageSettings';

// Lower layers first; a file may import its own layer or a lower one.
const LAYERS: [RegExp, number][] = [
  [/^server\/src\/shared\//, 0],
  [
    /^server\/src\/core\/(types|imageRef|platform|textPositions|data|distroReleases|lazyBuiltins|slices|useIndex)\.ts$/,
    1,
  ],
  [/^server\/src\/core\/(fs|process|net|registry)\//, 2],
  [/^server\/src\/core\/documents\//, 3],
  [/^server\/src\/core\/(availability|packages)\//, 4],
  [/^server\/src\/core\/fixes\//, 5],
  [/^server\/src\/core\/rules\//, 6],
  [/^server\/src\/core\/(analyse|settings)\.ts$/, 7],
  [/^server\/src\/core\/report\//, 8],
  [/^server\/src\/core\/(workspace|build|go)\//, 9],
  [/^server\/src\/core\/(base|mirror)\//, 10],
  [/^server\/src\/core\/service\.ts$/, 11],
  [/^server\/src\/(lsp|cli)\//, 12],
  [/^server\/src\/boot\//, 12],
  [/^client\/src\//, 13],
];

function layerOf(file: string): number {
  const hit = LAYERS.find(([re]) => re.test(file));
  assert.ok(hit, `${file} belongs to no layer: add it to LAYERS`);
  return hit[1];
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...sources(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

function imports(file: string): { relative: string[]; packages: string[] } {
  const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
  const specs = [...text.matchAll(/^(?:import|export)[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]);
  const relative = specs
    .filter((s) => s.startsWith('.'))
    .map((s) => {
      const p = path.posix.normalize(path.posix.join(path.posix.dirname(file), s));
      return fs.existsSync(path.join(REPO_ROOT, `${p}.ts`)) ? `${p}.ts` : `${p}/index.ts`;
    });
  return { relative, packages: specs.filter((s) => !s.startsWith('.')) };
}

const files = [...sources('server/src'), ...sources('client/src')];
const graph = new Map(files.map((f) => [f, imports(f)]));

test('no import runs up a layer, and the client reaches the server only through shared/', () => {
  const upward: string[] = [];
  for (const [f, { relative }] of graph) {
    for (const d of relative) {
      if (layerOf(d) > layerOf(f)) upward.push(`${f} -> ${d}`);
      if (f.startsWith('client/') && !d.startsWith('client/') && !d.startsWith('server/src/shared/'))
        upward.push(`${f} -> ${d} (client outside shared/)`);
    }
  }
  assert.deepEqual(upward, []);
});

test('the import graph has no loop', () => {
  const state = new Map<string, 'open' | 'done'>();
  const loops: string[] = [];
  const visit = (f: string, trail: string[]) => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'open') {
      loops.push([...trail.slice(trail.indexOf(f)), f].join(' -> '));
      return;
    }
    state.set(f, 'open');
    for (const d of graph.get(f)?.relative ?? []) visit(d, [...trail, f]);
    state.set(f, 'done');
  };
  for (const f of files) visit(f, []);
  assert.deepEqual(loops, []);
});

test('the engine imports no editor API: core/ is a plain library', () => {
  const editor = /^(vscode|vscode-languageserver|vscode-languageclient|vscode-jsonrpc)(\/|$)/;
  const bad = [...graph]
    .filter(([f]) => f.startsWith('server/src/core/') || f.startsWith('server/src/shared/'))
    .flatMap(([f, i]) => i.packages.filter((p) => editor.test(p)).map((p) => `${f}: ${p}`));
  assert.deepEqual(bad, []);
});

test('the shared protocol agrees with package.json: version and the platform list', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  assert.equal(VERSION, pkg.version);
  assert.deepEqual([...TARGET_PLATFORMS], contributedSettings(pkg)['mipsPort.platform'].enum);
  for (const p of TARGET_PLATFORMS) assert.ok(parsePlatform(p).ok, `${p} parses`);
});

test('settings become the same CLI flags for the report as for the diagnostics (build args included)', () => {
  const values = {
    platform: 'linux/riscv64',
    offline: true,
    buildArgs: { BASE: 'alpine:3.10' },
    registryMirrors: { 'docker.io': 'http://127.0.0.1:5000' },
    kubeTestRepoList: 'repo.yaml',
    tagTemplate: '{name}:x',
  };
  const analysis = settingsToFlags(values, 'analysis');
  assert.deepEqual(analysis, [
    '--platform',
    'linux/riscv64',
    '--build-arg',
    'BASE=alpine:3.10',
    '--offline',
    '--mirror',
    'docker.io=http://127.0.0.1:5000',
    '--kube-test-repo-list',
    'repo.yaml',
  ]);
  const build = settingsToFlags(values, 'build', { EXTRA: '1' });
  assert.deepEqual(build, [
    '--platform',
    'linux/riscv64',
    '--build-arg',
    'BASE=alpine:3.10',
    '--build-arg',
    'EXTRA=1',
    '--tag-template',
    '{name}:x',
  ]);
});

test('source files stay small: none over 300 lines', () => {
  const long = files
    .map((f) => [f, fs.readFileSync(path.join(REPO_ROOT, f), 'utf8').split('\n').length] as const)
    .filter(([, n]) => n > 300);
  assert.deepEqual(long, []);
});
