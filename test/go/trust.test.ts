// What a hostile workspace gets from the Go check, on the real toolchain through the language server:
// its go.flags never run its script (untrusted: nothing runs; trusted: the flag is refused), and the check
// it started never outlives the document, the session or the server; a cgo bomb is bounded.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { checkGoModule } from '../../server/src/core/go/goCheck';
import { findOnPath } from '../../server/src/core/go/goToolchain';
import { platform } from '../helpers/engine';
import { LspClient } from '../helpers/lspClient';
import { requireService } from '../helpers/registry';
import { tempDir } from '../helpers/tempDirs';

const haveGo = spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;
const haveCc = !!findOnPath('mips64el-linux-gnuabi64-gcc');
const skip = requireService('go', haveGo && haveCc, 'apt-get install golang-go gcc-mips64el-linux-gnuabi64');
const mips = platform('linux/mips64le');

function module(files: Record<string, string>): string {
  const dir = tempDir('mips-port-go-trust-');
  for (const [p, text] of Object.entries({ 'go.mod': 'module example.com/hostile\n\ngo 1.19\n', ...files })) {
    fs.writeFileSync(path.join(dir, p), text);
  }
  return dir;
}

/** A module whose script leaves a mark when anything runs it. */
function evilModule(): { dir: string; mark: string; uri: string; text: string } {
  const text = 'package main\n\nfunc main() {}\n';
  const dir = module({ 'main.go': text });
  const mark = path.join(dir, 'ran');
  fs.writeFileSync(path.join(dir, 'evil.sh'), `#!/bin/sh\ntouch '${mark}'\nexec "$@"\n`, { mode: 0o755 });
  return { dir, mark, uri: pathToFileURL(path.join(dir, 'main.go')).href, text };
}

/** Processes (other than `except`) whose environment holds `marker`: what a server started. */
function marked(marker: string, except: number): number[] {
  const out: number[] = [];
  for (const n of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(n) || Number(n) === except) continue;
    try {
      const stat = fs.readFileSync(`/proc/${n}/stat`, 'utf8');
      if (/^[ZX]$/.test(stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3))) continue;
      if (fs.readFileSync(`/proc/${n}/environ`).includes(marker)) out.push(Number(n));
    } catch {
      /* gone */
    }
  }
  return out;
}

async function until(what: string, cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A cgo module whose C compiler blocks on a FIFO: a check that never ends by itself. */
function hangingModule(): { dir: string; uri: string; text: string } {
  const text = 'package hang\n\n// #include "hang.inc"\nimport "C"\n\nfunc F() {}\n';
  const dir = module({ 'hang.go': text });
  execFileSync('mkfifo', [path.join(dir, 'hang.inc')]);
  return { dir, uri: pathToFileURL(path.join(dir, 'hang.go')).href, text };
}

/** A server with a marker in its environment, its go check started on the hanging module. */
async function serverWithHangingCheck(): Promise<{ c: LspClient; marker: string; uri: string }> {
  const marker = `MIPS_PORT_TEST_MARK=${process.pid}-${Date.now()}-${Math.random()}`;
  const [k, v] = marker.split('=');
  process.env[k] = v;
  const c = new LspClient();
  delete process.env[k];
  c.configuration.mipsPort = { offline: true };
  await c.initialize();
  const m = hangingModule();
  c.notify('textDocument/didOpen', { textDocument: { uri: m.uri, languageId: 'go', version: 1, text: m.text } });
  await until('the C compiler to start', () => marked(marker, c.proc.pid!).length >= 2, 60000);
  return { c, marker, uri: m.uri };
}

describe('go check in a hostile workspace', { skip }, () => {
  test('untrusted (the default of an editor that says nothing): go.flags -toolexec never runs the script', async () => {
    const m = evilModule();
    const c = new LspClient();
    c.configuration.mipsPort = { offline: true, go: { flags: [`-toolexec=${path.join(m.dir, 'evil.sh')}`] } };
    await c.initialize(undefined, { trusted: false });
    c.notify('textDocument/didOpen', { textDocument: { uri: m.uri, languageId: 'go', version: 1, text: m.text } });
    const told = await c.waitFor('window/showMessageRequest', (p) => /Go check not run/.test(p.message), 20000);
    assert.match(told.message, /not trusted/);
    await new Promise((r) => setTimeout(r, 3000));
    assert.equal(fs.existsSync(m.mark), false, 'evil.sh ran');
    await c.shutdown();
  });

  test('trusted: -toolexec, -exec, -overlay, -modfile and -ldflags are refused, and the check runs without them', async () => {
    const m = evilModule();
    const evil = path.join(m.dir, 'evil.sh');
    const c = new LspClient();
    const flags = [
      `-toolexec=${evil}`,
      `-exec=${evil}`,
      `-ldflags=-extld=${evil}`,
      '-overlay=o.json',
      '-modfile=x.mod',
    ];
    c.configuration.mipsPort = { offline: true, go: { flags: [...flags, '-tags=integration'] } };
    await c.initialize();
    c.notify('textDocument/didOpen', { textDocument: { uri: m.uri, languageId: 'go', version: 1, text: m.text } });
    const said = await c.waitFor('window/showMessageRequest', (p) => /-toolexec/.test(p.message), 20000);
    assert.match(said.message, /not an allowed go build flag/);
    await c.waitFor('window/logMessage', (p) => /go check of .*: \d+ finding/.test(p.message), 120000);
    assert.equal(fs.existsSync(m.mark), false, 'evil.sh ran');
    await c.shutdown();
  });

  test("the check's process group ends when its last document closes", async () => {
    const { c, marker, uri } = await serverWithHangingCheck();
    c.notify('textDocument/didClose', { textDocument: { uri } });
    await until('no go process after didClose', () => marked(marker, c.proc.pid!).length === 0, 10000);
    await c.shutdown();
  });

  test("the check's process group ends on shutdown and exit", async () => {
    const { c, marker } = await serverWithHangingCheck();
    const server = c.proc.pid!;
    await c.shutdown();
    await until('no go process after exit', () => marked(marker, server).length === 0, 10000);
  });

  test('a cgo #include "/dev/zero" is bounded: the check ends with a problem, not gigabytes', async () => {
    const dir = module({ 'zero.go': 'package zero\n\n// #include "/dev/zero"\nimport "C"\n\nfunc F() {}\n' });
    const r = await checkGoModule({ moduleDir: dir, target: mips, timeoutMs: 120000 });
    assert.equal(r.cancelled, undefined);
    assert.ok(r.problem, JSON.stringify(r));
    assert.doesNotMatch(r.problem, /longer than/);
  });

  test('the time limit fires after garbage collection (a held timer, not a collectable signal)', async () => {
    const m = hangingModule();
    const started = Date.now();
    const pending = checkGoModule({ moduleDir: m.dir, target: mips, timeoutMs: 4000 });
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    for (let i = 0; i < 20; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 100));
    }
    const r = await pending;
    assert.match(r.problem ?? '', /longer than 4 s/);
    assert.ok(Date.now() - started < 30000);
  });
});
