// `port --write` never loses the file: a full disk (a tiny tmpfs) or a file-size limit (RLIMIT_FSIZE) leaves
// every name of the Dockerfile as it was, read-only files are refused, the owner is kept, and a file that
// ends in a continuation backslash without a final newline is ported, not mangled.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CLI, REPO_ROOT } from '../helpers/paths';
import { requireService } from '../helpers/registry';
import { tempDir } from '../helpers/tempDirs';

// many short apk lines: the port (apt-get update && …) is several times the original's size
const DOCKERFILE = `FROM alpine:3.18\n${Array.from({ length: 60 }, (_, i) => `RUN apk add curl${i % 2 ? '' : ' git'}\n`).join('')}`;

function port(file: string, prefix: string[] = []): { code: number | null; stderr: string } {
  const argv = [...prefix, process.execPath, CLI, 'port', file, '--offline', '--write'];
  const r = spawnSync(argv[0], argv.slice(1), { cwd: REPO_ROOT, encoding: 'utf8' });
  return { code: r.status, stderr: r.stderr };
}

function tmpdir(): string {
  return tempDir('mips-port-write-');
}

const isRoot = process.getuid?.() === 0;
const mounts: string[] = [];
after(() => {
  for (const m of mounts) spawnSync('umount', [m]);
});

describe('port --write on a full disk', { skip: requireService('tmpfs mount', isRoot, 'run as root') }, () => {
  for (const linked of [false, true]) {
    test(`ENOSPC leaves the file${linked ? ' and its hard link' : ''} as it was`, () => {
      const d = tmpdir();
      const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', d]);
      assert.equal(mounted.status, 0, mounted.stderr?.toString());
      mounts.push(d);
      const file = path.join(d, 'Dockerfile');
      fs.writeFileSync(file, DOCKERFILE);
      if (linked) fs.linkSync(file, path.join(d, 'other.Dockerfile'));
      // fill the rest of the disk, leaving less room than the port needs
      const fill = fs.openSync(path.join(d, 'fill'), 'w');
      try {
        for (;;) fs.writeSync(fill, Buffer.alloc(1024));
      } catch (e) {
        assert.equal((e as NodeJS.ErrnoException).code, 'ENOSPC');
      }
      fs.closeSync(fill);
      const r = port(file);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /was not written \(it is unchanged\)/);
      assert.equal(fs.readFileSync(file, 'utf8'), DOCKERFILE);
      if (linked) assert.equal(fs.readFileSync(path.join(d, 'other.Dockerfile'), 'utf8'), DOCKERFILE);
      assert.deepEqual(
        fs.readdirSync(d).filter((f) => f.includes('mips-port')),
        [],
        'no temp file left',
      );
    });
  }
});

const havePrlimit = spawnSync('prlimit', ['--version']).status === 0;
describe(
  'port --write at a file-size limit',
  { skip: requireService('prlimit', havePrlimit, 'apt-get install util-linux') },
  () => {
    for (const linked of [false, true]) {
      test(`RLIMIT_FSIZE leaves the file${linked ? ' and its hard link' : ''} as it was`, () => {
        const d = tmpdir();
        const file = path.join(d, 'Dockerfile');
        fs.writeFileSync(file, DOCKERFILE);
        if (linked) fs.linkSync(file, path.join(d, 'other.Dockerfile'));
        const r = port(file, ['prlimit', `--fsize=${DOCKERFILE.length + 100}`, '--']);
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, /was not written \(it is unchanged\)/);
        assert.equal(fs.readFileSync(file, 'utf8'), DOCKERFILE);
        if (linked) assert.equal(fs.readFileSync(path.join(d, 'other.Dockerfile'), 'utf8'), DOCKERFILE);
      });
    }
    test('without the limit the hard-linked file is written through: both names ported', () => {
      const d = tmpdir();
      const file = path.join(d, 'Dockerfile');
      fs.writeFileSync(file, DOCKERFILE);
      fs.linkSync(file, path.join(d, 'other.Dockerfile'));
      assert.equal(port(file).code, 0);
      assert.match(fs.readFileSync(path.join(d, 'other.Dockerfile'), 'utf8'), /^FROM debian:/);
      assert.equal(fs.statSync(file).ino, fs.statSync(path.join(d, 'other.Dockerfile')).ino);
    });
  },
);

test('port --write refuses a read-only Dockerfile and says so', () => {
  const d = tmpdir();
  const file = path.join(d, 'Dockerfile');
  fs.writeFileSync(file, DOCKERFILE);
  fs.chmodSync(file, 0o444);
  const r = port(file);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /read-only \(mode 444\): not written/);
  assert.equal(fs.readFileSync(file, 'utf8'), DOCKERFILE);
  assert.equal(fs.statSync(file).mode & 0o777, 0o444);
});

const skipOwner = requireService('root (to chown)', isRoot, 'run as root');
test('port --write keeps the owner and group of a file it writes for another user', { skip: skipOwner }, () => {
  const d = tmpdir();
  const file = path.join(d, 'Dockerfile');
  fs.writeFileSync(file, DOCKERFILE);
  fs.chownSync(file, 4321, 4322);
  fs.chmodSync(file, 0o640);
  assert.equal(port(file).code, 0);
  const st = fs.statSync(file);
  assert.deepEqual([st.uid, st.gid, st.mode & 0o777], [4321, 4322, 0o640]);
  assert.match(fs.readFileSync(file, 'utf8'), /^FROM debian:/);
});

test('a RUN apk add ending in a backslash at the end of the file (no final newline) is ported, not mangled', () => {
  const d = tmpdir();
  const file = path.join(d, 'Dockerfile');
  fs.writeFileSync(file, 'FROM alpine:3.18\nRUN apk add curl \\');
  assert.equal(port(file).code, 0);
  const text = fs.readFileSync(file, 'utf8');
  assert.match(text, /apt-get install -y --no-install-recommends curl && rm -rf \/var\/lib\/apt\/lists\/\*/);
  assert.doesNotMatch(text, /package name: \\|curl \\ &&/);
});
