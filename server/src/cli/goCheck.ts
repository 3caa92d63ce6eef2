// `mips-port go-check [DIR…]`: the Go toolchain's type check of every module under the paths for the
// target platform; only errors the host build does not give are reported.
import fs from 'node:fs';
import path from 'node:path';
import { goCheckWorkspace, GoWorkspaceResult } from '../core/go/goWorkspace';
import { DEFAULT_PLATFORM, formatPlatform, parsePlatform, Platform } from '../core/platform';
import { toSarif } from '../core/report/sarif';
import { countStatuses, scanExitCode, toJson } from '../core/report/scanReport';
import { toText } from '../core/report/text';
import { relativeName } from '../core/workspace/scan';
import { VERSION } from '../shared/protocol';
import { parseCommandArgs, UsageError } from './usage';

/** Runs the check and says on stderr what it did and what it could not check. */
export async function goCheck(
  roots: string[],
  target: Platform,
  flags: string[],
  offline = false,
): Promise<GoWorkspaceResult> {
  const cwd = process.cwd();
  for (const r of roots)
    if (!fs.existsSync(path.resolve(cwd, r))) throw new UsageError(`${r}: no such file or directory`);
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  try {
    const r = await goCheckWorkspace(
      roots.map((x) => path.resolve(cwd, x)),
      target,
      {
        flags,
        offline,
        signal: controller.signal,
        display: (f) => relativeName(cwd, f),
        onModule: (d) =>
          process.stderr.write(`mips-port: go check of ${relativeName(cwd, d) || '.'} for ${formatPlatform(target)}\n`),
      },
    );
    for (const p of r.problems) process.stderr.write(`mips-port: go check not run: ${p}\n`);
    if (r.modules === 0) {
      process.stderr.write(`mips-port: no go.mod under ${roots.join(', ')}: no Go code checked\n`);
      r.problems.push('no go.mod');
    }
    return r;
  } finally {
    process.off('SIGINT', stop);
  }
}

export async function runGoCheck(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    platform: { type: 'string' },
    format: { type: 'string' },
    'go-flag': { type: 'string', multiple: true },
    offline: { type: 'boolean' },
  });
  const v = parsed.values;
  const format = v.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format))
    throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  const p = parsePlatform(v.platform ?? DEFAULT_PLATFORM);
  if (!p.ok) throw new UsageError(p.error);
  const roots = parsed.positionals.length ? parsed.positionals : ['.'];
  const r = await goCheck(roots, p.platform, v['go-flag'] ?? [], v.offline === true);
  if (r.cancelled) return 130;
  const report = { platform: formatPlatform(p.platform), files: r.files };
  if (format === 'json') process.stdout.write(JSON.stringify(toJson(report), null, 2) + '\n');
  else if (format === 'sarif') process.stdout.write(JSON.stringify(toSarif(report, VERSION), null, 2) + '\n');
  else {
    const lines = toText(report, '').trimEnd().split('\n').slice(0, -1);
    const c = countStatuses(report);
    const s = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    lines.push(
      // a package reported as not checked (cgo without a working cross compiler) is not counted as checked
      `${s(r.modules, 'module')}, ${s(Math.max(0, r.packages - c.unchecked), 'package')} checked for ${report.platform}: ${s(c.goErrors, 'error')} only for the target, ${s(c.unchecked, 'package')} not checked` +
        (r.ordinary
          ? `; ${s(r.ordinary, 'ordinary compile error')} on the host too (not reported: go build / gopls show them)`
          : ''),
    );
    process.stdout.write(lines.join('\n') + '\n');
  }
  // nothing checked (no go, no module) is not a pass
  if (r.problems.length) return 2;
  return scanExitCode(report);
}
