// Installs what the code-server test tier needs into .vscode-test/deps (code-server 4.100.3 = VS Code
// 1.100.3, the newest that accepts Node 20, and playwright-core to drive Debian's chromium).
// Idempotent: a finished install is kept. Run: node test/vscode/deps.mjs
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
export const DEPS = path.join(root, '.vscode-test', 'deps');
export const CODE_SERVER = path.join(DEPS, 'node_modules', '.bin', 'code-server');

export function depsReady() {
  return (
    fs.existsSync(CODE_SERVER) &&
    fs.existsSync(path.join(DEPS, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules')) &&
    fs.existsSync(path.join(DEPS, 'node_modules', 'playwright-core'))
  );
}

export function installDeps(log = (m) => process.stderr.write(m + '\n')) {
  if (depsReady()) return true;
  fs.mkdirSync(DEPS, { recursive: true });
  // npm 11 runs install scripts only for packages the project allows; code-server's postinstall
  // fetches VS Code's own modules, argon2 builds its addon.
  fs.writeFileSync(
    path.join(DEPS, 'package.json'),
    JSON.stringify(
      { name: 'mips-port-vscode-test-deps', private: true, allowScripts: { 'code-server': true, argon2: true } },
      null,
      2,
    ),
  );
  // @vscode/ripgrep downloads rg from GitHub; give it Debian's rg from its cache instead.
  const rg = ['/usr/bin/rg', '/bin/rg'].find((p) => fs.existsSync(p));
  if (!rg) {
    log('vscode deps: ripgrep is not installed (apt-get install ripgrep)');
    return false;
  }
  const cache = path.join(process.env.TMPDIR || os.tmpdir(), 'vscode-ripgrep-cache-1.15.11');
  fs.mkdirSync(cache, { recursive: true });
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-rg-'));
  fs.copyFileSync(rg, path.join(stage, 'rg'));
  fs.chmodSync(path.join(stage, 'rg'), 0o755);
  spawnSync('tar', [
    '-C',
    stage,
    '-czf',
    path.join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'),
    'rg',
  ]);
  fs.rmSync(stage, { recursive: true, force: true });
  log('vscode deps: npm install code-server@4.100.3 playwright-core (a few minutes, once)');
  const r = spawnSync('npm', ['install', 'code-server@4.100.3', 'playwright-core@1', '--no-audit', '--no-fund'], {
    cwd: DEPS,
    stdio: 'inherit',
    timeout: 1200000,
    env: { ...process.env, npm_config_unsafe_perm: 'true', npm_config_yes: 'true' },
  });
  if (r.status !== 0) {
    log(`vscode deps: npm install failed (${r.status})`);
    return false;
  }
  return depsReady();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.exit(installDeps() ? 0 : 1);
}
