// The Go check's findings are rules like the others: the user's severity (by id or name) applies, `off`
// drops them, and SARIF lists them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { GoCheckResult } from '../../server/src/core/go/goCheck';
import { goFindings, goNotRunFinding } from '../../server/src/core/go/goFindings';
import { GO_INSTALL_HINT } from '../../server/src/core/go/goToolchain';
import { toSarif } from '../../server/src/core/report/sarif';
import { ScanReport } from '../../server/src/core/report/scanReport';
import { platform } from '../helpers/engine';

const moduleDir = path.join(path.sep, 'src', 'mod');
const result: GoCheckResult = {
  targetOnly: [{ message: 'undefined: syscall.Foo', line: 0, column: 0, pkg: 'example.com/mod' }],
  ordinary: 0,
  notChecked: [{ pkg: 'example.com/mod/c', dir: moduleDir, why: 'gcc-mips64el-linux-gnuabi64 is not installed' }],
  packages: 2,
};
const goMod = path.join(moduleDir, 'go.mod');
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const codes = (m: Map<string, { ruleId: string; severity: string }[]>) =>
  (m.get(goMod) ?? []).map((f) => `${f.ruleId} ${f.severity}`);

test('Go findings take their rule default, the severity setting by id or name, and off drops them', () => {
  const o = { moduleDir, target: platform(), read: () => undefined };
  assert.deepEqual(codes(goFindings(result, o)), ['MP140 error', 'MP142 warning']);
  assert.deepEqual(
    codes(goFindings(result, { ...o, severities: { MP140: 'warning', 'go-cgo-not-checked': 'info' } })),
    ['MP140 warning', 'MP142 info'],
  );
  assert.deepEqual(codes(goFindings(result, { ...o, severities: { 'go-target-error': 'off' } })), ['MP142 warning']);
});

test('a check that did not run is MP143 (info), saying what to install in one short line', () => {
  const f = goNotRunFinding(GO_INSTALL_HINT);
  assert.equal(f?.ruleId, 'MP143');
  assert.equal(f?.severity, 'info');
  assert.match(f!.message, /did not run.*apt-get install golang-go/);
  assert.ok(f!.message.length <= 120, f!.message);
  assert.equal(goNotRunFinding(GO_INSTALL_HINT, { severities: { 'go-check-not-run': 'off' } }), undefined);
  const long = goNotRunFinding(`mipsPort.go.flags: ${'x'.repeat(200)}`);
  assert.ok(long!.message.length <= 120 && long!.detail?.includes('x'.repeat(200)));
});

test('SARIF names the Go rules in its rule list', () => {
  const findings = goFindings(result, { moduleDir, target: platform(), read: () => undefined }).get(goMod) ?? [];
  const report = { platform: 'linux/mips64le', files: [{ file: 'go.mod', findings }] } as unknown as ScanReport;
  const run = (toSarif(report, '0') as { runs: { tool: Json; results: Json[] }[] }).runs[0];
  const rules = run.tool.driver.rules.map((r: { id: string }) => r.id);
  for (const id of ['MP140', 'MP141', 'MP142', 'MP143']) assert.ok(rules.includes(id), id);
  assert.equal(run.results.length, 2);
  for (const r of run.results) assert.equal(rules[r.ruleIndex], r.ruleId);
});
