// What a user installs: the .vsix packed exactly as `npm run package` packs it holds every file the extension
// and its CLI read at run time, and the CLI inside it, unpacked alone with no node_modules anywhere around it,
// gives the same verdicts as the checkout's CLI, including those that need each data file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CLI, REPO_ROOT } from '../helpers/paths';
import { DATA_FILE_VERDICTS, dataFilesWorkspace } from '../helpers/dataFiles';
import { packVsix, unpackVsix, vsixEntries } from '../helpers/vsix';
import { tempDir } from '../helpers/tempDirs';

function filesUnder(rel: string, keep: (f: string) => boolean = () => true): string[] {
  const abs = path.join(REPO_ROOT, rel);
  if (!fs.existsSync(abs)) return [];
  return (fs.readdirSync(abs, { recursive: true }) as string[])
    .map((f) => path.posix.join(rel, f.split(path.sep).join('/')))
    .filter((f) => fs.statSync(path.join(REPO_ROOT, f)).isFile() && keep(f));
}

/** Every string in package.json that names a file of the repository (main, bin, icons, grammars, media…). */
function filesNamedBy(value: unknown, out: Set<string>): Set<string> {
  if (typeof value === 'string') {
    const rel = path.posix.normalize(value.replace(/^\.\//, ''));
    if (value.length < 300 && !/[\s:]/.test(value) && /[/.]/.test(value) && !rel.startsWith('..')) {
      const abs = path.join(REPO_ROOT, rel);
      if (fs.existsSync(abs) && fs.statSync(abs).isFile()) out.add(rel);
    }
  } else if (Array.isArray(value)) for (const v of value) filesNamedBy(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) filesNamedBy(v, out);
  return out;
}

/** What the extension and its CLI read at run time, from the folders and package.json (no list kept here). */
function runtimeFiles(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as unknown;
  const files = filesNamedBy(pkg, new Set());
  for (const dir of ['server/data', 'syntaxes', 'resources', 'bin']) for (const f of filesUnder(dir)) files.add(f);
  // the code the build writes and the extension, the server and the CLI load
  for (const dir of ['server/out', 'client/out'])
    for (const f of filesUnder(dir, (x) => x.endsWith('.js'))) files.add(f);
  return [...files].sort();
}

function scan(cli: string, ws: string): { code: number | null; findings: Record<string, unknown>[]; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: ws, XDG_CACHE_HOME: path.join(ws, '.cache') };
  delete env.NODE_PATH;
  const r = spawnSync(process.execPath, [cli, 'scan', '--offline', '--no-cache', '--format', 'json', '.'], {
    cwd: ws,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  let findings: Record<string, unknown>[] = [];
  try {
    findings = (JSON.parse(r.stdout) as { findings: Record<string, unknown>[] }).findings;
  } catch {
    /* asserted below */
  }
  return { code: r.status, findings, stderr: r.stderr };
}

describe('the packaged extension (.vsix)', () => {
  let tmp: string;
  let vsix: string;
  let entries: string[];

  before(async () => {
    tmp = tempDir('mips-port-vsix-');
    vsix = packVsix(tmp);
    entries = await vsixEntries(vsix);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('holds every file the code reads at run time: server/data, grammar, icons, walkthrough media, code', () => {
    const needed = runtimeFiles();
    // the list is derived; it must at least hold the data files the verdicts below come from
    for (const v of DATA_FILE_VERDICTS) assert.ok(needed.includes(`server/data/${v.dataFile}`), v.dataFile);
    assert.ok(needed.includes('client/out/extension.js') && needed.includes('resources/walkthrough/scan.md'));
    const packed = new Set(entries.filter((e) => e.startsWith('extension/')).map((e) => e.slice('extension/'.length)));
    assert.deepEqual(
      needed.filter((f) => !packed.has(f)),
      [],
      'files the extension reads that the .vsix leaves out',
    );
  });

  test('its CLI, unpacked alone, gives the checkout CLI verdicts offline, each data file included', async () => {
    const ext = await unpackVsix(vsix, path.join(tmp, 'unpacked'));
    // nothing to borrow modules from: no node_modules in the folder or any folder above it
    for (let d = ext; ; d = path.dirname(d)) {
      assert.ok(!fs.existsSync(path.join(d, 'node_modules')), `${d} has node_modules`);
      if (path.dirname(d) === d) break;
    }
    const ws = dataFilesWorkspace();
    try {
      const packed = scan(path.join(ext, 'bin', 'mips-port.js'), ws);
      assert.equal(packed.code, 1, packed.stderr);
      for (const v of DATA_FILE_VERDICTS) {
        const f = packed.findings.find(
          (x) =>
            x.file === v.file &&
            x.ruleId === v.ruleId &&
            v.message.test(String(x.message)) &&
            (!v.detail || v.detail.test(String(x.detail))),
        );
        assert.ok(f, `${v.dataFile}: ${v.file} ${v.ruleId} ${v.message} in ${JSON.stringify(packed.findings)}`);
        if (v.line !== undefined) assert.equal(f.line, v.line + 1, `${v.file} line`);
      }
      const checkout = scan(CLI, ws);
      assert.deepEqual(packed.findings, checkout.findings);
    } finally {
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });
});
