// The document kinds are declared once (shared/documentFiles.ts for files, core/documents/kinds.ts for
// readers): the server's recognition, the scan, the editor's selector and package.json all follow it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';
import {
  DOCUMENT_FILES,
  documentActivationEvents,
  documentSelector,
  FILE_KINDS,
} from '../../server/src/shared/documentFiles';
import { ALL_KINDS, DOCUMENT_KINDS } from '../../server/src/core/documents/kinds';
import { detectFileKind } from '../../server/src/core/documents/fileKind';

/** Does one of the selector's `**∕{…}` patterns match this file (as VS Code's case-sensitive glob)? */
function selected(file: string): boolean {
  return documentSelector().some((f) => {
    if (!f.pattern) return false;
    const alternatives = /^\*\*\/\{(.*)\}$/.exec(f.pattern)?.[1].split(',') ?? [f.pattern.replace(/^\*\*\//, '')];
    return alternatives.some((g) =>
      new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`).test(path.basename(file)),
    );
  });
}

const SAMPLES: Record<string, string[]> = {
  dockerfile: ['Dockerfile', 'Containerfile', 'build.Dockerfile', 'Dockerfile.mips64le', 'dockerfile'],
  'manifest-go': ['test/utils/image/manifest.go'],
  baseimage: ['test/images/agnhost/BASEIMAGE'],
  yaml: ['deploy.yaml', 'compose.yml', 'overlays/prod/Kustomization', 'kustomization.yaml', '.goreleaser.yaml'],
  'build-script': ['Makefile', 'build/root.mk', 'hack/lib/golang.sh', 'docker-bake.hcl', 'docker-bake.json'],
};

test('every file kind has its reader line, and every rule kind list comes from the table', () => {
  assert.deepEqual([...ALL_KINDS].sort(), Object.keys(DOCUMENT_KINDS).sort());
  assert.deepEqual([...FILE_KINDS].sort(), Object.keys(DOCUMENT_FILES).sort());
  for (const k of FILE_KINDS) assert.ok(DOCUMENT_KINDS[k].read.length > 0, `${k} has a reader`);
});

test('what the server reads, the editor sends: every kind sample is recognised and selected', () => {
  for (const [kind, files] of Object.entries(SAMPLES)) {
    for (const f of files) {
      assert.equal(detectFileKind(f), kind, f);
      assert.ok(selected(f), `the client's document selector covers ${f}`);
    }
  }
  assert.deepEqual(Object.keys(SAMPLES).sort(), [...FILE_KINDS].sort(), 'a sample for every kind');
});

test("package.json's activation events include every document kind's", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const events: string[] = pkg.activationEvents;
  const missing = documentActivationEvents().filter((e) => !events.includes(e));
  assert.deepEqual(missing, [], 'add these to package.json activationEvents');
  // a kind's file with no language of its own (Kustomization, BASEIMAGE) starts the extension by name
  assert.ok(events.includes('workspaceContains:**/Kustomization'));
});
