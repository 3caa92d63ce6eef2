// Build-script platform lists: every list of architectures without the target is flagged once, on its
// name; its fix adds the target in the list's spelling and separator, and the re-scan is clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';
import { analyseDocument, DocumentAnalysis } from '../../server/src/core/analyse';
import { knowledgeLookup } from '../../server/src/core/availability/knowledgeLookup';
import { applyEdits, preferredEdits } from '../../server/src/core/fixes/editText';
import { platform } from '../helpers/engine';

const TREE = path.join(REPO_ROOT, 'test', 'fixtures', 'platform-lists');
const lookup = knowledgeLookup();

function analyseFile(file: string, text: string, target = 'linux/mips64le'): DocumentAnalysis {
  const a = analyseDocument(path.join(TREE, file), text, {
    target: platform(target),
    lookup,
    readSide: () => undefined,
  });
  assert.ok(a, `${file} is read`);
  return a;
}

const flagged = (a: DocumentAnalysis, id = 'MP160') => a.findings.filter((f) => f.ruleId === id);

/** Per fixture: the lists flagged (name @ line, 1-based) and the lines the fixes turn them into. */
const EXPECTED: Record<string, { flagged: string[]; fixed: string[]; ok?: string[] }> = {
  'cluster/images/etcd/Makefile': {
    flagged: ['ALL_ARCH@10', 'ALL_ARCH.linux@11', 'PLATFORMS@15', '--platform@22'],
    fixed: [
      'ALL_ARCH = amd64 arm arm64 ppc64le s390x mips64le',
      '\tppc64le s390x mips64le',
      'PLATFORMS := linux/amd64,linux/arm64,linux/s390x,linux/mips64le',
      '\tdocker buildx build --push --platform linux/amd64,linux/arm64,linux/mips64le -t $(REGISTRY)/etcd:$(IMAGE_TAG) .',
    ],
  },
  'tools/devtool/Makefile': { flagged: [], fixed: [] },
  'test/images/image-util.sh': {
    flagged: ['QEMUARCHS@15'],
    fixed: [
      'declare -A QEMUARCHS=( ["amd64"]="x86_64" ["arm"]="arm" ["arm64"]="aarch64" ["ppc64le"]="ppc64le" ["s390x"]="s390x" ["mips64le"]="mips64el" )',
    ],
  },
  'hack/lib/golang.sh': {
    flagged: [
      'KUBE_SUPPORTED_SERVER_PLATFORMS@6',
      'KUBE_SUPPORTED_NODE_PLATFORMS@14',
      'KUBE_SUPPORTED_CLIENT_PLATFORMS@24',
    ],
    // the target goes after the last Linux entry, in the array's indentation
    fixed: [
      '  linux/ppc64le\n  linux/mips64le\n)',
      '  linux/ppc64le\n  linux/mips64le\n  windows/amd64',
      '  linux/ppc64le\n  linux/mips64le\n  darwin/amd64',
    ],
  },
  'build/common.sh': {
    flagged: ['KUBE_BUILD_IMAGE_CROSS_ARCHS@4', 'DEBIAN_ARCHS@5', 'QEMU_BINARIES@6', '--platform@9'],
    fixed: [
      'readonly KUBE_BUILD_IMAGE_CROSS_ARCHS="amd64 arm arm64 ppc64le s390x mips64le"',
      'readonly DEBIAN_ARCHS=(amd64 armhf arm64 ppc64el s390x mips64el)',
      'QEMU_BINARIES=(qemu-x86_64-static qemu-aarch64-static qemu-arm-static qemu-mips64el-static)',
      '--platform=linux/amd64,linux/arm64,linux/mips64le -t',
    ],
  },
  '.github/workflows/images.yaml': {
    flagged: ['arch@10', 'platforms@15', 'platforms@20', '--platform@24', 'platform@29'],
    fixed: [
      'arch: [amd64, arm64, ppc64le, mips64le]',
      'platforms: arm64,ppc64le,mips64le',
      'platforms: linux/amd64, linux/arm64, linux/mips64le',
      'docker buildx build --platform linux/amd64,linux/arm64,linux/mips64le -t',
      '          - linux/arm64\n          - linux/mips64le\n    steps:',
    ],
  },
  '.gitlab-ci.yml': { flagged: [], fixed: [], ok: ['--platform@4'] },
  'docker-bake.hcl': {
    flagged: ['platforms@7', 'platforms@12'],
    fixed: [
      'platforms = ["linux/amd64", "linux/arm64", "linux/mips64le"]',
      '    "linux/arm64",\n    "linux/mips64le",\n  ]',
    ],
  },
  'docker-bake.json': {
    flagged: ['platforms@5'],
    fixed: ['"platforms": ["linux/amd64", "linux/arm64", "linux/mips64le"]'],
  },
  '.goreleaser.yaml': {
    // the goarch list lacks the target, and an ignore: item drops it: both fixed
    flagged: ['goarch@8', 'goreleaser@16'],
    fixed: ['      - ppc64le\n      - mips64le\n    ignore:', '      - goos: darwin\n        goarch: ppc64le\n'],
  },
};

const at = (f: { message: string; range: { start: { line: number } } }, name: string) =>
  `${name}@${f.range.start.line + 1}`;

for (const [file, want] of Object.entries(EXPECTED)) {
  test(`${file}: every list without the target flagged once, fixed in its spelling, re-scanned clean`, () => {
    const text = fs.readFileSync(path.join(TREE, file), 'utf8');
    const a = analyseFile(file, text);
    const found = flagged(a).map((f) => at(f, f.message.split(' ')[0]));
    assert.deepEqual(found, want.flagged);
    if (want.ok)
      assert.deepEqual(
        flagged(a, 'MP161').map((f) => at(f, f.message.split(' ')[0])),
        want.ok,
      );
    const { edits, skipped } = preferredEdits(a.findings);
    assert.deepEqual(skipped, []);
    const fixed = applyEdits(text, edits);
    for (const line of want.fixed) assert.ok(fixed.includes(line), `${file} has:\n${line}\n---\n${fixed}`);
    const again = analyseFile(file, fixed);
    assert.deepEqual(flagged(again), [], `${file} re-scanned`);
    // each list now names the target: an "ok" hint apiece, and nothing else changed around it
    const lists = want.flagged.filter((x) => !x.startsWith('goreleaser@')); // an ignore: item goes away
    assert.equal(flagged(again, 'MP161').length, flagged(a, 'MP161').length + lists.length);
  });
}

test('the warning says what the list builds and what it lacks; the hover says what the list drives', () => {
  const text = 'ALL_ARCH ?= amd64 arm arm64 ppc64le s390x\n';
  const [f] = flagged(analyseFile('Makefile', text));
  assert.equal(f.message, 'ALL_ARCH builds amd64 arm arm64 ppc64le s390x, not mips64le: add it.');
  assert.match(f.detail ?? '', /all-push/);
  assert.equal(f.fixes?.[0].title, 'Add mips64le to ALL_ARCH');
});

test("QEMU lists say what else the target's entry needs (qemu-mips64el-static, a BASEIMAGE line)", () => {
  const text = fs.readFileSync(path.join(TREE, 'test/images/image-util.sh'), 'utf8');
  const [f] = flagged(analyseFile('test/images/image-util.sh', text));
  assert.match(f.message, /not \["mips64le"\]="mips64el": add it \(see the note\)\./);
  assert.match(f.detail ?? '', /BASEIMAGE file has a line for it \(MP109/);
});

test('the spelling follows the target setting: riscv64 lists get riscv64 and linux/riscv64', () => {
  const text = 'ALL_ARCH = amd64 arm64\nPLATFORMS = linux/amd64 linux/arm64\n';
  const a = analyseFile('Makefile', text, 'linux/riscv64');
  const fixed = applyEdits(text, preferredEdits(a.findings).edits);
  assert.equal(fixed, 'ALL_ARCH = amd64 arm64 riscv64\nPLATFORMS = linux/amd64 linux/arm64 linux/riscv64\n');
});

test('lists of other things, single host arches and variable-only lists are not platform lists', () => {
  const text = [
    'TARGETS = cmd/kubelet cmd/kubectl',
    'ARCH ?= amd64',
    'ALL_OS_ARCH.linux = $(foreach arch, ${ALL_ARCH.linux}, linux-$(arch))',
    'ALL_ARCH.linux = amd64 #arm64',
    'PLATFORMS ?= $(ALL_PLATFORMS)',
    '',
  ].join('\n');
  assert.deepEqual(analyseFile('Makefile', text).findings, []);
});

test('a YAML file read by both readers: a Compose file keeps its image verdicts and gains build.platforms', () => {
  const text = [
    'services:',
    '  web:',
    '    image: alpine:3.12',
    '  app:',
    '    build:',
    '      context: .',
    '      platforms:',
    '        - linux/amd64',
    '        - linux/arm64',
    '',
  ].join('\n');
  const a = analyseFile('compose.yaml', text);
  assert.equal(a.yamlKind, 'compose');
  assert.deepEqual(
    a.findings.map((f) => [f.ruleId, f.range.start.line]),
    [
      ['MP101', 2],
      ['MP160', 6],
    ],
  );
});

test('Makefile continuations with $(…) entries: the reference stays, the target goes after the last word', () => {
  const text = 'PLATFORMS ?= linux/amd64 \\\n  linux/arm64 \\\n  $(EXTRA_PLATFORMS)\n';
  const a = analyseFile('Makefile', text);
  assert.deepEqual(
    flagged(a).map((f) => f.message),
    ['PLATFORMS builds linux/amd64 linux/arm64, not linux/mips64le: add it.'],
  );
  const fixed = applyEdits(text, preferredEdits(a.findings).edits);
  assert.equal(fixed, 'PLATFORMS ?= linux/amd64 \\\n  linux/arm64 linux/mips64le \\\n  $(EXTRA_PLATFORMS)\n');
});
