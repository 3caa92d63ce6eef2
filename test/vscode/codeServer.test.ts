// The vscode tier: the extension's integration suite inside a real VS Code (code-server 4.100.3,
// VS Code 1.100.3) driven through Debian's chromium with playwright-core. The extension under test is the
// one a user installs: the .vsix packed with `npm run package`'s own command and installed with
// `code-server --install-extension`; the development folder only holds the suite. Each suite test (an `it`
// in suite/extensionSuite.ts) becomes a test here; screenshots land in test-output/vscode/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { REPO_ROOT } from '../helpers/paths';
import { freePort, requireService } from '../helpers/registry';
import { dataFilesWorkspace } from '../helpers/dataFiles';
import { packVsix } from '../helpers/vsix';
import http from 'node:http';
import { KEPT_DIR, KEPT_SCREENSHOTS, SHOT_SIZE } from './screenshots';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
const depsScript = path.join(REPO_ROOT, 'test', 'vscode', 'deps.mjs');
const SHOTS = path.join(REPO_ROOT, 'test-output', 'vscode');

interface Result {
  title: string;
  state: string;
  error?: string;
}

// The parts of playwright-core used here (it is installed under .vscode-test/deps, not in the repo).
interface Page {
  exposeFunction(name: string, fn: (...args: never[]) => unknown): Promise<void>;
  goto(url: string): Promise<unknown>;
  screenshot(o: { path: string }): Promise<unknown>;
  getByRole(role: 'button', o: { name: RegExp }): { first(): { click(o: { timeout: number }): Promise<void> } };
}
interface Browser {
  newPage(o: { viewport: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}
interface Playwright {
  chromium: { launch(o: { executablePath?: string; args: string[] }): Promise<Browser> };
}

async function ensureDeps(): Promise<string | undefined> {
  const deps = (await import(depsScript)) as {
    depsReady(): boolean;
    installDeps(): boolean;
    DEPS: string;
    CODE_SERVER: string;
  };
  if (!deps.depsReady() && !deps.installDeps()) return undefined;
  return deps.DEPS;
}

describe('vscode tier (code-server + chromium)', () => {
  let results: Result[] = [];
  let failure: string | undefined;
  let restricted: { results: Result[]; failure?: string } = { results: [] };
  let skipReason: string | false = false;
  let installed: Installed | string | undefined;

  before(async () => {
    let depsDir: string | undefined;
    if (CHROMIUM) depsDir = await ensureDeps();
    skipReason = requireService(
      'vscode tier',
      !!CHROMIUM && !!depsDir,
      !CHROMIUM
        ? 'apt-get install chromium libkrb5-dev ripgrep'
        : 'node test/vscode/deps.mjs (code-server 4.100.3 and playwright-core)',
    );
    if (skipReason || !depsDir) return;
    installed = installVsix(depsDir);
    if (typeof installed === 'string') {
      failure = installed;
      return;
    }
    const r = await runSuite(depsDir, installed);
    results = r.results;
    failure = r.failure;
    keepScreenshots();
    restricted = await runSuite(depsDir, installed, 'restricted');
  });

  test('the suite ran in VS Code and every test passed', (t) => {
    if (skipReason) {
      t.skip(skipReason);
      return;
    }
    assert.ok(results.length >= 8, `suite results: ${JSON.stringify(results)}; ${failure ?? ''}`);
    // every failure with its first lines, not only the first one
    const failed = results.filter((r) => r.state !== 'passed');
    assert.deepEqual(
      failed.map((r) => `${r.title}: ${(r.error ?? '').split('\n').slice(0, 3).join(' | ')}`),
      [],
    );
    assert.equal(failure, undefined);
  });

  test('in Restricted Mode verdicts work and nothing runs; trusting the folder applies its settings', (t) => {
    if (skipReason) {
      t.skip(skipReason);
      return;
    }
    const r = restricted.results;
    assert.ok(r.length >= 5, `restricted suite results: ${JSON.stringify(r)}; ${restricted.failure ?? ''}`);
    assert.deepEqual(
      r
        .filter((x) => x.state !== 'passed')
        .map((x) => `${x.title}: ${(x.error ?? '').split('\n').slice(0, 3).join(' | ')}`),
      [],
    );
    assert.equal(restricted.failure, undefined);
  });

  test('the screenshots show the editor, hover, quick fixes, images view and report', (t) => {
    if (skipReason) {
      t.skip(skipReason);
      return;
    }
    // each main screen, for a reviewer to look at
    for (const name of [
      'dockerfile-diagnostics',
      'hover',
      'quick-fix-menu',
      'images-view',
      'report',
      'platform-picker',
      'walkthrough',
    ]) {
      const png = path.join(SHOTS, `${name}.png`);
      assert.ok(fs.existsSync(png), `${name}.png written`);
      const b = fs.readFileSync(png);
      assert.equal(b.subarray(1, 4).toString(), 'PNG');
      assert.ok(b.length > 20000, `${name}: a real page, not a blank one (${b.length} bytes)`);
    }
  });

  test('the packaged .vsix installs into VS Code', (t) => {
    if (skipReason) {
      t.skip(skipReason);
      return;
    }
    assert.ok(installed && typeof installed !== 'string', String(installed));
    const { dir, list } = installed;
    assert.match(list, /mips-port\.mips-port@\d+\.\d+\.\d+/);
    // the Marketplace page opens with what the extension does and a picture of it, not the developer set-up
    const readmeName = fs.readdirSync(dir).find((f) => /^readme\.md$/i.test(f));
    const readme = fs.readFileSync(path.join(dir, readmeName ?? 'readme.md'), 'utf8');
    assert.match(readme.split('\n').slice(0, 8).join('\n'), /^# MIPS Port\n\nPort container workloads to MIPS/);
    assert.match(readme, /!\[[^\]]+\]\([^)]*screenshots\/quick-fix\.png\)/);
    assert.doesNotMatch(readme, /npm ci/);
    for (const f of [
      'server/out/server.js',
      'server/out/server-bundle.js',
      'server/out/cli.js',
      'server/out/cli-bundle.js',
      'server/out/yaml-lib.js',
      'server/data/official-images.json',
      'client/out/extension.js',
    ])
      assert.ok(fs.existsSync(path.join(dir, f)), f);
  });

  after(() => {
    for (const r of [...results, ...restricted.results]) console.log(`# vscode: ${r.state} - ${r.title}`);
    if (installed && typeof installed !== 'string') fs.rmSync(installed.root, { recursive: true, force: true });
  });
});

/** With MIPS_PORT_KEEP_SCREENSHOTS=1 (`npm run screenshots`): the walkthrough's and the Marketplace page's
 *  images become the ones this run took. */
function keepScreenshots(): void {
  if (process.env.MIPS_PORT_KEEP_SCREENSHOTS !== '1') return;
  for (const [taken, kept] of Object.entries(KEPT_SCREENSHOTS)) {
    const from = path.join(SHOTS, taken);
    if (fs.existsSync(from)) fs.copyFileSync(from, path.join(REPO_ROOT, KEPT_DIR, kept));
    else console.log(`# vscode: ${taken} was not taken; ${KEPT_DIR}/${kept} is left as it was`);
  }
}

/** A registry mirror on loopback that only writes down what it is asked (404 for everything). */
async function mirrorRecorder(log: string): Promise<{ url: string; close: () => void }> {
  fs.writeFileSync(log, '');
  const server = http.createServer((req, res) => {
    fs.appendFileSync(log, `${req.method} ${req.url}\n`);
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

/** An untrusted workspace someone else wrote: restricted settings in .vscode/settings.json, a Go module
 *  with code that does not build for mips64le, a Dockerfile only a registry can answer for. */
function restrictedWorkspace(mirrorUrl: string): string {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-restricted-'));
  const files: Record<string, string> = {
    'nginx/Dockerfile': fs.readFileSync(path.join(REPO_ROOT, 'examples', 'nginx', 'Dockerfile'), 'utf8'),
    'app/Dockerfile': 'FROM someone/app:1.0\n',
    'gomod/go.mod': 'module example.com/restricted\n\ngo 1.19\n',
    'gomod/main.go':
      'package main\n\nimport (\n\t"fmt"\n\t"syscall"\n)\n\nfunc main() {\n\tvar st syscall.Stat_t\n' +
      '\t_ = syscall.Stat("/", &st)\n\tvar n uint64 = st.Nlink\n\tfmt.Println(n)\n}\n',
    '.vscode/settings.json': JSON.stringify(
      { 'mipsPort.registryMirrors': { 'docker.io': mirrorUrl }, 'mipsPort.go.flags': ['-tags=netgo'] },
      null,
      2,
    ),
  };
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(ws, name)), { recursive: true });
    fs.writeFileSync(path.join(ws, name), text);
  }
  return ws;
}

/** The suite's workspace: the data-file workspace (each verdict needs one shipped data file) and two examples. */
function workspaceCopy(): string {
  const ws = dataFilesWorkspace();
  for (const name of ['nginx', 'sample-apiserver']) {
    fs.mkdirSync(path.join(ws, name));
    fs.copyFileSync(path.join(REPO_ROOT, 'examples', name, 'Dockerfile'), path.join(ws, name, 'Dockerfile'));
  }
  return ws;
}

interface Installed {
  /** Holds the .vsix, the extensions folder and code-server's user data; removed after the tier. */
  root: string;
  extensionsDir: string;
  /** The installed extension's folder. */
  dir: string;
  /** `code-server --list-extensions --show-versions` */
  list: string;
}

/** Packs the .vsix as `npm run package` does and installs it into a new extensions folder. */
function installVsix(depsDir: string): Installed | string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-vsix-install-'));
  const extensionsDir = path.join(root, 'extensions');
  let vsix: string;
  try {
    vsix = packVsix(root);
  } catch (e) {
    return (e as Error).message;
  }
  const codeServer = path.join(depsDir, 'node_modules', '.bin', 'code-server');
  const args = ['--extensions-dir', extensionsDir, '--user-data-dir', path.join(root, 'user')];
  const env = { ...process.env, XDG_CONFIG_HOME: path.join(root, 'cfg') };
  const inst = spawnSync(codeServer, [...args, '--install-extension', vsix], {
    encoding: 'utf8',
    timeout: 120000,
    env,
  });
  if (inst.status !== 0) return `code-server --install-extension failed: ${inst.stdout}${inst.stderr}`;
  const list = spawnSync(codeServer, [...args, '--list-extensions', '--show-versions'], {
    encoding: 'utf8',
    timeout: 60000,
    env,
  }).stdout;
  const name = fs.readdirSync(extensionsDir).find((d) => d.startsWith('mips-port.mips-port'));
  if (!name) return `no mips-port.mips-port-* folder in ${extensionsDir}: ${list}`;
  return { root, extensionsDir, dir: path.join(extensionsDir, name), list };
}

/** An extension with no code: it makes the window a test host without putting the development folder in it. */
function suiteHost(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: 'mips-port-suite-host',
      publisher: 'mips-port-test',
      version: '0.0.0',
      engines: { vscode: '*' },
      // it runs in the untrusted window too (Restricted Mode disables extensions that do not say so)
      capabilities: { untrustedWorkspaces: { supported: true } },
    }),
  );
  return dir;
}

/** `main`: the suite in a trusted window; `restricted`: the Restricted Mode suite in an untrusted one. */
async function runSuite(
  depsDir: string,
  installed: Installed,
  mode: 'main' | 'restricted' = 'main',
): Promise<{ results: Result[]; failure?: string }> {
  const req = createRequire(path.join(depsDir, 'package.json'));
  const { chromium } = req('playwright-core') as Playwright;
  const port = await freePort();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-code-server-'));
  const mirrorLog = path.join(tmp, 'mirror.log');
  const mirror = mode === 'restricted' ? await mirrorRecorder(mirrorLog) : undefined;
  const ws = mirror ? restrictedWorkspace(mirror.url) : workspaceCopy();
  const resultsFile = path.join(tmp, 'results.json');
  fs.mkdirSync(SHOTS, { recursive: true });
  const shot = path.join(SHOTS, 'dockerfile-diagnostics.png');
  if (mode === 'main') for (const f of fs.readdirSync(SHOTS)) fs.rmSync(path.join(SHOTS, f), { force: true });
  fs.mkdirSync(path.join(tmp, 'user', 'User'), { recursive: true });
  // Restricted Mode: trust on, no start-up prompt, so a folder nobody trusted opens restricted
  const trust =
    mode === 'restricted'
      ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' }
      : { 'security.workspace.trust.enabled': false };
  fs.writeFileSync(
    path.join(tmp, 'user', 'User', 'settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', ...trust, 'extensions.autoCheckUpdates': false }),
  );
  fs.mkdirSync(path.join(tmp, 'config', 'code-server'), { recursive: true });
  fs.writeFileSync(path.join(tmp, 'config', 'code-server', 'config.yaml'), 'auth: none\n');
  const cs: ChildProcess = spawn(
    path.join(depsDir, 'node_modules', '.bin', 'code-server'),
    [
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      ...(mode === 'main' ? ['--disable-workspace-trust'] : []),
      '--user-data-dir',
      path.join(tmp, 'user'),
      '--extensions-dir',
      installed.extensionsDir,
      '--config',
      path.join(tmp, 'config', 'code-server', 'config.yaml'),
      ws,
    ],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        XDG_CONFIG_HOME: path.join(tmp, 'config'),
        MIPS_PORT_VSCODE_RESULTS: resultsFile,
        MIPS_PORT_VSCODE_SCREENSHOT: shot,
        // the suite checks that the extension it drives is the installed one
        MIPS_PORT_VSCODE_INSTALLED: installed.dir,
        MIPS_PORT_VSCODE_SUITE: mode,
        MIPS_PORT_VSCODE_SHOTS: SHOTS,
        MIPS_PORT_VSCODE_MIRROR_LOG: mirrorLog,
        MIPS_PORT_VSCODE_MIRROR_URL: mirror?.url ?? '',
        XDG_CACHE_HOME: path.join(tmp, 'cache'),
        // the Go check's build cache stays the user's (a fresh one compiles the standard library again)
        GOCACHE: process.env.GOCACHE ?? path.join(os.homedir(), '.cache', 'go-build'),
      },
    },
  );
  let csLog = '';
  cs.stdout?.on('data', (d: Buffer) => {
    csLog += d.toString();
  });
  cs.stderr?.on('data', (d: Buffer) => {
    csLog += d.toString();
  });
  const kill = () => {
    try {
      process.kill(-(cs.pid as number), 'SIGKILL');
    } catch {
      /* gone */
    }
  };
  let browser: Browser | undefined;
  try {
    const ready = Date.now() + 60000;
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
      } catch {
        /* not yet */
      }
      if (Date.now() > ready) return { results: [], failure: `code-server did not start: ${csLog.slice(-2000)}` };
      await new Promise((r) => setTimeout(r, 300));
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const page = await browser.newPage({ viewport: { ...SHOT_SIZE } });
    let exitCode: number | undefined;
    await page.exposeFunction('codeAutomationLog', async (type: string, args: unknown[]) => {
      const text = (Array.isArray(args) ? args : [args])
        .map((a) => (typeof a === 'string' ? a : JSON.stringify(a)))
        .join(' ');
      const m = /MIPS-PORT-SCREENSHOT (\S+)/.exec(text);
      if (m) {
        await page.screenshot({ path: m[1] });
        fs.writeFileSync(`${m[1]}.done`, '');
      }
      // the Workspace Trust editor is open: click its Trust button, as a user grants trust
      const trust = /MIPS-PORT-TRUST (\S+)/.exec(text);
      if (trust) {
        try {
          await page
            .getByRole('button', { name: /^Trust( Folder)?$/ })
            .first()
            .click({ timeout: 10000 });
          fs.writeFileSync(`${trust[1]}.done`, '');
        } catch (e) {
          await page.screenshot({ path: path.join(SHOTS, 'trust-failed.png') }).catch(() => undefined);
          console.log(`# [vscode] could not click Trust: ${(e as Error).message.slice(0, 300)}`);
        }
      }
      if (/vscode suite:|failed|Error/.test(text)) console.log(`# [vscode ${type}] ${text.slice(0, 500)}`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => {
      exitCode = code;
    });
    const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(suiteHost(path.join(tmp, 'suite-host')))],
      ['extensionTestsPath', remote(path.join(REPO_ROOT, 'out', 'test', 'vscode', 'suite', 'index.js'))],
    ]);
    await page.goto(
      `http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(payload)}`,
    );
    const end = Date.now() + 300000;
    while (exitCode === undefined && Date.now() < end) await new Promise((r) => setTimeout(r, 250));
    const results = fs.existsSync(resultsFile) ? (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as Result[]) : [];
    if (exitCode === undefined)
      return { results, failure: `the suite did not finish in 5 minutes; code-server log: ${csLog.slice(-2000)}` };
    return { results, failure: exitCode === 0 ? undefined : `the suite exited with ${exitCode}` };
  } finally {
    await browser?.close().catch(() => undefined);
    kill();
    mirror?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(ws, { recursive: true, force: true });
  }
}
