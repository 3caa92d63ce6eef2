import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';

test('the build-log grammar scopes steps, problems and exec format errors (vscode-tmgrammar-test)', () => {
  const bin = path.join(REPO_ROOT, 'node_modules', '.bin', 'vscode-tmgrammar-test');
  const r = spawnSync(
    bin,
    [
      '-g',
      path.join(REPO_ROOT, 'syntaxes', 'mips-port-build-log.tmLanguage.json'),
      path.join(REPO_ROOT, 'test', 'grammar', '*.log'),
    ],
    { cwd: REPO_ROOT, encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /build-log\.test\.mips-port-build\.log/);
});
