// `mips-port scan`, `images`, `port` and `report`: the workspace scan through the engine's service,
// printed for CI (text, JSON, SARIF) or as the porting report.
import fs from 'node:fs';
import path from 'node:path';
import { workspaceGraph } from '../core/build/workspace';
import { toCsv, toHtml, toMarkdown } from '../core/report/portingReport';
import { toSarif } from '../core/report/sarif';
import { countStatuses, ScanReport, scanExitCode, toJson } from '../core/report/scanReport';
import { toText } from '../core/report/text';
import { readFromDisk, relativeName } from '../core/workspace/scan';
import { VERSION } from '../shared/protocol';
import { EngineArgs, engineFromArgs } from './engineArgs';
import { goCheck } from './goCheck';
import { UsageError } from './usage';

async function scan(e: EngineArgs, roots: string[]): Promise<ScanReport> {
  const cwd = process.cwd();
  for (const r of roots)
    if (!fs.existsSync(path.resolve(cwd, r))) throw new UsageError(`${r}: no such file or directory`);
  const s = await e.service.scan({
    roots: roots.map((r) => path.resolve(cwd, r)),
    settings: e.settings,
    read: readFromDisk,
    display: (f) => relativeName(cwd, f),
  });
  for (const u of e.service.unreachableRegistries())
    process.stderr.write(
      `mips-port: warning: registry unreachable (${u}); those verdicts come from the knowledge base\n`,
    );
  return s.report;
}

function exitFor(report: ScanReport): number {
  return scanExitCode(report);
}

export async function runScan(argv: string[]): Promise<number> {
  const e = engineFromArgs(argv);
  const roots = e.positionals.length ? e.positionals : ['.'];
  const report = await scan(e, roots);
  if (e.go.enabled) {
    const go = await goCheck(roots, e.settings.target, e.go.flags, e.settings.offline);
    report.files.push(...go.files);
    if (go.problems.length) return 2;
  }
  const mode = e.settings.offline ? 'offline: knowledge base and cache' : 'registry, cache and knowledge base';
  if (e.format === 'json') process.stdout.write(JSON.stringify(toJson(report), null, 2) + '\n');
  else if (e.format === 'sarif') process.stdout.write(JSON.stringify(toSarif(report, VERSION), null, 2) + '\n');
  else process.stdout.write(toText(report, mode));
  return exitFor(report);
}

/** `mips-port images`: the resolved image list, one per line (as `sonobuoy images` prints it). */
export async function runImages(argv: string[]): Promise<number> {
  // the plain image list needs no verdicts, so it never waits on a registry
  const e = engineFromArgs(argv, undefined, undefined, (f) => f === 'text');
  if (e.positionals.length === 0) throw new UsageError('usage: mips-port images PATH/manifest.go [--format text|json]');
  const report = await scan(e, e.positionals);
  const json = toJson(report);
  const images = json.findings.filter((f) => f.image && f.status);
  if (e.format === 'json') {
    const rows = images.map((f) => ({
      image: f.image,
      status: f.status,
      source: f.source,
      file: f.file,
      line: f.line,
      suggestions: f.suggestions,
    }));
    process.stdout.write(JSON.stringify({ platform: json.platform, images: rows }, null, 2) + '\n');
  } else {
    for (const i of [...new Set(images.map((f) => f.image as string))]) process.stdout.write(`${i}\n`);
  }
  const c = countStatuses(report);
  if (images.length === 0) {
    const why = c.unchecked
      ? `${c.unchecked} entr${c.unchecked === 1 ? 'y' : 'ies'} could not be resolved (see mips-port scan; a KUBE_TEST_REPO_LIST file may be needed: --kube-test-repo-list)`
      : 'no image entries were found there';
    process.stderr.write(`mips-port: no images listed: ${why}\n`);
    return 1;
  }
  if (c.unchecked)
    process.stderr.write(
      `mips-port: ${c.unchecked} entr${c.unchecked === 1 ? 'y' : 'ies'} not listed: they could not be resolved (see mips-port scan)\n`,
    );
  return exitFor(report);
}

/** `mips-port report`: every image with its verdict, replacements and uses, and the build order. */
export async function runReport(argv: string[]): Promise<number> {
  const e = engineFromArgs(argv, ['md', 'html', 'csv', 'json', 'sarif'], 'md');
  const roots = e.positionals.length ? e.positionals : ['.'];
  const report = await scan(e, roots);
  if (e.format === 'sarif') {
    process.stdout.write(JSON.stringify(toSarif(report, VERSION), null, 2) + '\n');
    return 0;
  }
  const order: { dockerfile: string; tag: string }[] = [];
  for (const root of roots) {
    if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) continue;
    const g = workspaceGraph(path.resolve(root), {
      ...e.naming,
      target: e.settings.target,
      builder: { kind: 'docker', buildx: false },
      buildArgs: e.settings.buildArgs,
    });
    for (const f of g.order) order.push({ dockerfile: relativeName(process.cwd(), f), tag: g.nodes.get(f)!.plan.tag });
  }
  const r = e.service.report(report, order);
  const f = e.format;
  const text =
    f === 'html'
      ? toHtml(r)
      : f === 'csv'
        ? toCsv(r)
        : f === 'json'
          ? JSON.stringify(r, null, 2) + '\n'
          : toMarkdown(r);
  process.stdout.write(text);
  return 0;
}
