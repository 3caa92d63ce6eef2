// Offline means no network for the Go check too: a module with a dependency that is not in the Go module
// cache makes the toolchain ask its module proxy — here a loopback listener that counts connections —
// when online, and never when offline (GOPROXY=off), where the check says why it could not run.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { runCliProcess } from '../helpers/cli';
import { requireService } from '../helpers/registry';
import { tempDir } from '../helpers/tempDirs';

const haveGo = spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;
const skip = requireService('go', haveGo, 'apt-get install golang-go');

describe('go check offline', { skip }, () => {
  let dir: string;
  let proxy: net.Server;
  let connections = 0;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    dir = tempDir('mips-port-go-offline-');
    const mod = path.join(dir, 'mod');
    fs.mkdirSync(mod);
    fs.writeFileSync(path.join(mod, 'go.mod'), 'module example.com/app\n\ngo 1.19\n\nrequire example.com/dep v1.0.0\n');
    // go.sum names the dependency, so go fetches it (it only says "missing go.sum entry" otherwise)
    const h = 'h1:' + 'A'.repeat(43) + '=';
    fs.writeFileSync(path.join(mod, 'go.sum'), `example.com/dep v1.0.0 ${h}\nexample.com/dep v1.0.0/go.mod ${h}\n`);
    fs.writeFileSync(
      path.join(mod, 'main.go'),
      'package main\n\nimport "example.com/dep"\n\nfunc main() { dep.Run() }\n',
    );
    proxy = net.createServer((s) => {
      connections++;
      s.destroy();
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    env = {
      ...process.env,
      GOPROXY: `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`,
      GOMODCACHE: path.join(dir, 'modcache'),
      GOSUMDB: 'off',
      GOFLAGS: '',
      XDG_CACHE_HOME: path.join(dir, 'xdg'),
      GOCACHE: path.join(dir, 'gocache'),
    };
  });

  after(() => {
    proxy?.close();
    // the module cache go writes is read-only
    spawnSync('chmod', ['-R', 'u+w', dir]);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('online, the toolchain asks the module proxy (the control)', async () => {
    const r = await runCliProcess(['go-check', path.join(dir, 'mod')], env);
    assert.ok(connections > 0, `go never asked the proxy: ${r.stderr}`);
  });

  test('--offline: go-check and scan --go make no connection and say the module cannot be checked', async () => {
    const before = connections;
    const r = await runCliProcess(['go-check', path.join(dir, 'mod'), '--offline'], env);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /go check not run: .*offline, and .* needs modules that are not in the Go module cache/);
    const s = await runCliProcess(['scan', path.join(dir, 'mod'), '--go', '--offline'], env);
    assert.equal(s.code, 2, s.stdout + s.stderr);
    assert.match(s.stderr, /not in the Go module cache/);
    assert.equal(connections, before, 'no connection to the module proxy while offline');
  });
});
