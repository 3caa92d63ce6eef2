// The Go check on the real toolchain (Debian's golang-go): a module written here that builds clean for
// the host and not for mips64le, checked through the CLI and the language server; the conversion fix
// applied and re-checked; cgo with and without the C cross compiler, and with a compiler that lacks the
// target's headers; go missing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkGoModule } from '../../server/src/core/go/goCheck';
import { probeCrossCompiler } from '../../server/src/core/go/crossProbe';
import { goFindings } from '../../server/src/core/go/goFindings';
import { findOnPath } from '../../server/src/core/go/goToolchain';
import { applyEdits } from '../../server/src/core/fixes/editText';
import { runCliProcess } from '../helpers/cli';
import { platform } from '../helpers/engine';
import { LspClient } from '../helpers/lspClient';
import { requireService } from '../helpers/registry';

const haveGo = spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;
const skip = requireService('go', haveGo, 'apt-get install golang-go');
const mips = platform('linux/mips64le');

const MAIN = `package main

import (
	"fmt"
	"syscall"
)

func main() {
	var st syscall.Stat_t
	if err := syscall.Stat("/", &st); err != nil {
		panic(err)
	}
	var n uint64 = st.Nlink
	var b int64 = st.Blksize
	fmt.Println(n, b, fast())
}
`;
import { tempDir, tempTree } from '../helpers/tempDirs';

function module(files: Record<string, string>): string {
  return tempTree('mips-port-go-', { 'go.mod': 'module example.com/porting\n\ngo 1.19\n', ...files });
}

describe('go check', { skip }, () => {
  let dir: string;
  before(() => {
    dir = module({
      'main.go': MAIN,
      'fast_amd64.go': 'package main\n\nfunc fast() int { return 1 }\n',
      // the user's ordinary error: the host build gives it too, so it is left to gopls
      'sub/sub.go': 'package sub\n\nfunc Broken() int { return "x" }\n',
    });
  });
  after(() => LspClient.killAll());

  test('go-check reports only what fails for mips64le, on its line, and exits 1', async () => {
    const r = await runCliProcess(['go-check', dir, '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const findings = JSON.parse(r.stdout).findings as { file: string; line: number; ruleId: string; message: string }[];
    const at = findings.map((f) => `${path.basename(f.file)}:${f.line} ${f.ruleId}`).sort();
    assert.deepEqual(at, ['main.go:13 MP140', 'main.go:14 MP140', 'main.go:15 MP141']);
    assert.match(findings[0].message, /st\.Nlink.*uint32.*uint64.*only for linux\/mips64le/);
    assert.match(
      findings.find((f) => f.ruleId === 'MP141')!.message,
      /fast is defined only for amd64 \(fast_amd64\.go\)/,
    );
    assert.ok(!findings.some((f) => f.file.includes('sub.go')), 'the host error is not a porting problem');
    const text = await runCliProcess(['go-check', dir]);
    assert.match(text.stdout, /1 ordinary compile error on the host too/);
  });

  test('the conversion fix compiles on both architectures: applied, the module re-checks clean of MP140', async () => {
    const r = await checkGoModule({ moduleDir: dir, target: mips });
    const file = path.join(dir, 'main.go');
    const findings =
      goFindings(r, { moduleDir: dir, target: mips, read: (f) => fs.readFileSync(f, 'utf8') }).get(file) ?? [];
    const fixes = findings.flatMap((f) => f.fixes ?? []).filter((f) => f.edits.length);
    assert.deepEqual(
      fixes.map((f) => f.title),
      ['Convert to uint64(st.Nlink)', 'Convert to int64(st.Blksize)'],
    );
    const fixedDir = module({
      'main.go': applyEdits(
        MAIN,
        fixes.flatMap((f) => f.edits),
      ),
      'fast_amd64.go': 'package main\n\nfunc fast() int { return 1 }\n',
      'fast_other.go': '//go:build !amd64\n\npackage main\n\nfunc fast() int { return 0 }\n',
    });
    const again = await checkGoModule({ moduleDir: fixedDir, target: mips });
    assert.equal(again.problem, undefined);
    assert.deepEqual(again.targetOnly, [], JSON.stringify(again.targetOnly));
    // and it still builds for the host
    const host = spawnSync('go', ['build', '-o', os.devNull, './...'], { cwd: fixedDir, encoding: 'utf8' });
    assert.equal(host.status, 0, host.stderr);
  });

  test('cgo: not checked (MP142, naming the cross compiler) without it; checked with it when installed', async () => {
    const cgo = module({
      'cg/cg.go':
        'package cg\n\n// int add(int a, int b) { return a + b; }\nimport "C"\n\nfunc Add() int { return int(C.add(1, 2)) }\n',
      'plain/plain.go': 'package plain\n\nfunc One() int { return 1 }\n',
    });
    const hidden = await checkGoModule({
      moduleDir: cgo,
      target: mips,
      find: (c) => (c === 'go' ? findOnPath('go') : undefined),
    });
    assert.deepEqual(
      hidden.notChecked.map((n) => n.pkg),
      ['example.com/porting/cg'],
    );
    assert.match(hidden.notChecked[0].why, /mips64el-linux-gnuabi64-gcc.*gcc-mips64el-linux-gnuabi64/);
    const files = goFindings(hidden, { moduleDir: cgo, target: mips, read: () => undefined });
    assert.equal(files.get(path.join(cgo, 'go.mod'))?.[0].ruleId, 'MP142');
    // the same question the check asks: can the cross compiler build a C program for the target?
    const probe = await probeCrossCompiler(mips);
    const ccSkip = requireService(
      'a C cross toolchain for mips64le (compiler and headers)',
      probe.ok,
      probe.ok ? '' : probe.why,
    );
    if (ccSkip || !probe.ok) return;
    const withCc = await checkGoModule({ moduleDir: cgo, target: mips });
    assert.equal(withCc.cc, probe.cc);
    assert.deepEqual([withCc.notChecked, withCc.targetOnly], [[], []]);
  });

  test('cgo: a cross compiler without the target headers is not taken as checked (MP142 names the package)', async (t) => {
    const cc = findOnPath('mips64el-linux-gnuabi64-gcc');
    if (requireService('gcc-mips64el-linux-gnuabi64', !!cc, 'apt-get install gcc-mips64el-linux-gnuabi64')) {
      t.skip('no cross compiler');
      return;
    }
    // the compiler as it is on a machine without libc6-dev-mips64el-cross: no target headers to include
    const bin = tempDir('mips-port-nohdr-');
    t.after(() => fs.rmSync(bin, { recursive: true, force: true }));
    const wrapper = path.join(bin, 'mips64el-linux-gnuabi64-gcc');
    fs.writeFileSync(wrapper, `#!/bin/sh\nexec '${cc}' -nostdinc "$@"\n`, { mode: 0o755 });
    const cgo = module({
      'cg/cg.go': 'package cg\n\n// #include <stdio.h>\nimport "C"\n\nfunc Flush() { C.fflush(nil) }\n',
      'plain/plain.go': 'package plain\n\nfunc One() int { return 1 }\n',
    });
    const find = (c: string) => (c === 'go' ? findOnPath('go') : findOnPath(c, bin));
    const r = await checkGoModule({ moduleDir: cgo, target: mips, find });
    assert.equal(r.problem, undefined);
    assert.equal(r.cc, undefined, 'no compiler is reported as used');
    assert.deepEqual(
      r.notChecked.map((n) => n.pkg),
      ['example.com/porting/cg'],
    );
    assert.match(r.notChecked[0].why, /installed but lacks the target's C headers/);
    assert.match(r.notChecked[0].why, /libc6-dev-mips64el-cross.*crossbuild-essential-mips64el/);
    const f = goFindings(r, { moduleDir: cgo, target: mips, read: () => undefined }).get(path.join(cgo, 'go.mod'))?.[0];
    assert.equal(f?.ruleId, 'MP142');
    assert.match(f?.message ?? '', /^example\.com\/porting\/cg not checked for .*crossbuild-essential-mips64el/);
    // the target is a setting: for arm64 the packages are arm64's
    const arm = await probeCrossCompiler(platform('linux/arm64'), () => undefined);
    assert.ok(!arm.ok && /crossbuild-essential-arm64.*libc6-dev-arm64-cross/.test(arm.why), JSON.stringify(arm));
  });

  test('go missing: one clear message and exit 2, never a clean result', async () => {
    const empty = tempDir('mips-port-nopath-');
    const r = await runCliProcess(['go-check', dir], { ...process.env, PATH: empty });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /apt-get install golang-go/);
    const none = await runCliProcess(['go-check', tempDir('mips-port-nogo-')]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no go\.mod/);
  });

  test('the language server checks the module on open, offers the conversion, and clears what a save fixed', async () => {
    const work = module({
      'main.go': MAIN,
      'fast_amd64.go': 'package main\n\nfunc fast() int { return 1 }\n',
    });
    const file = path.join(work, 'main.go');
    const uri = pathToFileURL(file).href;
    const c = new LspClient();
    c.configuration.mipsPort = { offline: true };
    await c.initialize();
    c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: MAIN } });
    const first = await c.waitFor(
      'textDocument/publishDiagnostics',
      (p) => p.uri === uri && p.diagnostics.length > 0,
      120000,
    );
    assert.deepEqual(
      first.diagnostics.map(
        (d: { code: string; range: { start: { line: number } } }) => `${d.range.start.line + 1} ${d.code}`,
      ),
      ['13 MP140', '14 MP140', '15 MP141'],
    );
    assert.equal(first.diagnostics[0].source, 'mips-port (go, linux/mips64le)');
    const actions = await c.request('textDocument/codeAction', {
      textDocument: { uri },
      range: first.diagnostics[0].range,
      context: { diagnostics: [first.diagnostics[0]] },
    });
    const convert = actions.find((a: { title: string }) => a.title === 'Convert to uint64(st.Nlink)');
    assert.ok(convert, JSON.stringify(actions.map((a: { title: string }) => a.title)));
    const open = (
      await c.request('textDocument/codeAction', {
        textDocument: { uri },
        range: first.diagnostics[2].range,
        context: { diagnostics: [first.diagnostics[2]] },
      })
    ).find((a: { title: string }) => /^Open fast_amd64\.go/.test(a.title));
    assert.equal(open?.command?.command, 'mipsPort.showDocument');
    // the user fixes both widths and saves
    const fixed = MAIN.replace('= st.Nlink', '= uint64(st.Nlink)').replace('= st.Blksize', '= int64(st.Blksize)');
    fs.writeFileSync(file, fixed);
    c.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const since = c.notifications.length;
    c.notify('textDocument/didSave', { textDocument: { uri } });
    const after = await c.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri, 120000, since);
    assert.deepEqual(
      after.diagnostics.map((d: { code: string }) => d.code),
      ['MP141'],
    );
    await c.shutdown();
  });

  test('mipsPort.go.path: the named go runs when PATH has none; Go findings take the severity setting', async () => {
    const work = module({ 'main.go': MAIN, 'fast_amd64.go': 'package main\n\nfunc fast() int { return 1 }\n' });
    const emptyBin = tempDir('mips-port-nogo-bin-');
    const uri = pathToFileURL(path.join(work, 'main.go')).href;
    const c = new LspClient(undefined, undefined, { PATH: emptyBin });
    c.configuration.mipsPort = { offline: true, go: { path: findOnPath('go') }, severity: { MP140: 'warning' } };
    await c.initialize();
    try {
      c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: MAIN } });
      const p = await c.waitFor(
        'textDocument/publishDiagnostics',
        (x) => x.uri === uri && x.diagnostics.length > 0,
        120000,
      );
      assert.deepEqual(
        p.diagnostics.map((d: { code: string; severity: number }) => `${d.code} ${d.severity}`),
        ['MP140 2', 'MP140 2', 'MP141 1'],
      );
    } finally {
      await c.shutdown();
      fs.rmSync(emptyBin, { recursive: true, force: true });
    }
  });
});
