import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../helpers/tempDirs';

// Each start is its own process, as an editor's server start is: the first compiles and saves the cache
// on exit, the second runs from it, a changed bundle is compiled again, and the module works each time.
test('bundles load through the V8 code cache: compiled once, then from the cache; a new build is recompiled', () => {
  const dir = tempDir('mips-port-code-cache-');
  const bundle = path.join(dir, 'x-bundle.js');
  const loader = path.join(__dirname, '..', '..', 'server', 'src', 'boot', 'codeCache.js');
  const start = () =>
    spawnSync(
      process.execPath,
      [
        '-e',
        `const how = require(${JSON.stringify(loader)}).loadBundle(${JSON.stringify(bundle)}); console.log(how, globalThis.answer);`,
      ],
      { encoding: 'utf8', env: { ...process.env, MIPS_PORT_CODE_CACHE: path.join(dir, 'cache') } },
    ).stdout.trim();
  fs.writeFileSync(bundle, `globalThis.answer = require('node:path').basename(__filename) + ':' + (6 * 7);\n`);
  assert.equal(start(), 'compiled x-bundle.js:42');
  assert.equal(start(), 'code-cache x-bundle.js:42');
  fs.writeFileSync(bundle, `globalThis.answer = 'rebuilt';\n`);
  assert.equal(start(), 'compiled rebuilt');
  // an unwritable cache folder changes nothing but speed
  fs.rmSync(path.join(dir, 'cache'), { recursive: true, force: true });
  fs.writeFileSync(path.join(dir, 'cache'), 'not a folder');
  assert.equal(start(), 'compiled rebuilt');
  assert.equal(start(), 'compiled rebuilt');
  fs.rmSync(dir, { recursive: true, force: true });
});
