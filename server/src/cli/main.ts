// The mips-port CLI: a thin adapter over the engine in core/.
import { parseArgs } from 'node:util';
import { DiskCache, defaultCacheDir } from '../core/availability/diskCache';
import { createResolver } from '../core/engine';
import { normaliseSettings } from '../core/settings';
import { DEFAULT_PLATFORM, parsePlatform } from '../core/platform';
import { countStatuses, ScanReport, toJson } from '../core/report/scanReport';
import { loadRepoList } from '../core/documents/kubeRepoList';
import { toSarif } from '../core/report/sarif';
import { toText } from '../core/report/text';
import fs from 'node:fs';
import path from 'node:path';
import { applyEdits, preferredEdits } from '../core/fixes/editText';
import { portingReport, toCsv, toHtml, toMarkdown } from '../core/report/portingReport';
import { workspaceGraph } from '../core/build/workspace';
import { VERSION as SERVER_VERSION } from '../core/version';
import { scanWithResolver } from './scan';
import { runBuild } from './build';
import { keyValues, UsageError } from './usage';
import { runBase } from './base';


const HELP = `mips-port ${SERVER_VERSION}: port container workloads to MIPS (linux/mips64le)

Usage:
  mips-port scan [PATH…] [options]   report every image use and whether it exists for the platform
  mips-port lsp --stdio              run the language server over stdio (for any LSP editor)
  mips-port report [PATH…] [--format md|html|csv|json|sarif]   every image, verdict, replacement, use; build order
  mips-port images PATH/manifest.go  the resolved e2e image list, one per line (--format json: with verdicts)
  mips-port port DOCKERFILE [--write] print the Dockerfile with every preferred fix applied (or write it)
  mips-port build DOCKERFILE [--context DIR] [--platform P] [--tag T] [--tag-template T] [--builder docker|podman|buildah]
                  [--build-arg K=V…] [--push [--join TAG]] [--dry-run] [--no-smoke | --smoke CMD]
                                     cross-build through QEMU, prove the result's arch (uname -m), push
  mips-port build --all [ROOT] [--bake FILE] [--dry-run]   every Dockerfile under ROOT in base-of-base order
  mips-port base create [--suite bookworm] [--variant minbase|slim|standard] [--packages a,b] [--tag T]
                        [--push] [--mirror URL] [--snapshot TIMESTAMP] [--source-date-epoch N]
                                     a Debian base image for the target, made with mmdebstrap through QEMU
  mips-port cache clear [--cache-dir DIR]   empty the registry answer cache
  mips-port help | --version

scan options:
  --platform P          target platform (default ${DEFAULT_PLATFORM}; also mips64el, linux/riscv64, …)
  --format F            text (default), json or sarif
  --offline             knowledge base and cache only, no network
  --mirror REG=URL      look REGISTRY's images up at URL (repeatable)
  --insecure REG        allow plain http for REGISTRY (repeatable)
  --cache-dir DIR       cache location
  --no-cache            do not read or write the cache
  --build-arg K=V       value for a build argument used in FROM (repeatable)
  --cache-ttl-hours N   how long registry answers for tags stay fresh (default 24)
  --timeout S           per-request registry timeout in seconds (default 10)
  --kube-test-repo-list FILE   registry overrides for manifest.go (default: $KUBE_TEST_REPO_LIST)
  --local-image-prefix P       images you build locally for the target (repeatable; pull-policy hint)
  --mirror-template T          your mirror's naming, e.g. registry.example.com/cke/{repository}-{debianArch}:{tag}
                               (repeatable): candidates the registry confirms become the first replacements

Exit status: 0 every image available, 1 some image missing or unknown, 2 usage or fatal error.
`;

const ENGINE_OPTIONS = {
  platform: { type: 'string' },
  format: { type: 'string' },
  offline: { type: 'boolean' },
  mirror: { type: 'string', multiple: true },
  insecure: { type: 'string', multiple: true },
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean' },
  'build-arg': { type: 'string', multiple: true },
  'cache-ttl-hours': { type: 'string' },
  timeout: { type: 'string' },
  'kube-test-repo-list': { type: 'string' },
  'local-image-prefix': { type: 'string', multiple: true },
  write: { type: 'boolean' },
  'mirror-template': { type: 'string', multiple: true },
} as const;

/** Parses the options every engine command shares and builds its resolver. */
function engineFromArgs(argv: string[], formats = ['text', 'json', 'sarif'], defaultFormat = 'text', offlineFor?: (format: string) => boolean) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: ENGINE_OPTIONS });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;
  const p = parsePlatform(v.platform ?? DEFAULT_PLATFORM);
  if (!p.ok) throw new UsageError(p.error);
  const format = v.format ?? defaultFormat;
  if (!formats.includes(format)) throw new UsageError(`--format must be ${formats.slice(0, -1).join(', ')} or ${formats[formats.length - 1]}, not "${format}"`);
  const mirrors = keyValues(v.mirror, '--mirror');
  for (const [k, url] of Object.entries(mirrors)) if (!/^https?:\/\/[^/]/.test(url)) throw new UsageError(`--mirror ${k}=${url}: the URL must start with http:// or https://`);
  const buildArgs = keyValues(v['build-arg'], '--build-arg');
  const number = (x: string | undefined, flag: string) => {
    if (x === undefined) return undefined;
    const n = Number(x);
    if (!Number.isFinite(n) || n < 0) throw new UsageError(`${flag} expects a number, got "${x}"`);
    return n;
  };
  const settings = normaliseSettings({
    platform: v.platform, offline: v.offline === true || offlineFor?.(format) === true, registryMirrors: mirrors, insecureRegistries: v.insecure ?? [],
    cacheTtlHours: number(v['cache-ttl-hours'], '--cache-ttl-hours'), registryTimeoutSeconds: number(v.timeout, '--timeout'),
    mirrorTemplates: v['mirror-template'] ?? [],
  });
  if (settings.problems.length) throw new UsageError(settings.problems[0]);
  let kubeTestRepoList: Record<string, string> | undefined;
  const repoListFile = v['kube-test-repo-list'] ?? process.env.KUBE_TEST_REPO_LIST;
  if (repoListFile) {
    const r = loadRepoList(repoListFile);
    if (!r.ok) throw new UsageError(r.error);
    kubeTestRepoList = r.map;
  }
  const resolver = createResolver({ settings, cacheDir: v['cache-dir'], noCache: v['no-cache'], onWarning: (m) => process.stderr.write(`mips-port: warning: ${m}\n`) });
  return { parsed, v, target: p.platform, format, buildArgs, settings, kubeTestRepoList, resolver };
}

/** `mips-port port DOCKERFILE`: applies every preferred fix and prints (or --write's) the result. */
async function runPort(argv: string[]): Promise<number> {
  const { parsed, v, target, buildArgs, kubeTestRepoList, resolver } = engineFromArgs(argv);
  const file = parsed.positionals[0];
  if (!file || parsed.positionals.length > 1) throw new UsageError('usage: mips-port port DOCKERFILE [--write] [--platform P] [--offline]');
  if (!fs.existsSync(file)) throw new UsageError(`${file}: no such file`);
  const report = await scanWithResolver({ paths: [file], target, buildArgs, kubeTestRepoList, cwd: process.cwd() }, resolver);
  const findings = report.files[0]?.findings ?? [];
  const { edits, applied, skipped } = preferredEdits(findings);
  const text = fs.readFileSync(file, 'utf8').replace(/^\ufeff/, '');
  const ported = applyEdits(text, edits);
  for (const a of applied) process.stderr.write(`mips-port: applied: ${a}\n`);
  for (const a of skipped) process.stderr.write(`mips-port: skipped (overlaps another fix): ${a}\n`);
  if (v.write) {
    const tmp = `${file}.mips-port.tmp`;
    fs.writeFileSync(tmp, ported);
    fs.renameSync(tmp, file);
    process.stderr.write(`mips-port: wrote ${file} (${applied.length} fix${applied.length === 1 ? '' : 'es'})\n`);
  } else {
    process.stdout.write(ported);
  }
  return 0;
}

async function runScan(argv: string[], imagesOnly = false): Promise<number> {
  // the plain image list needs no verdicts, so it never waits on a registry
  const { parsed, v, target, format, buildArgs, settings, kubeTestRepoList, resolver } = engineFromArgs(argv, undefined, undefined, (f) => imagesOnly && f === 'text');
  const paths = parsed.positionals.length ? parsed.positionals : ['.'];
  if (imagesOnly && parsed.positionals.length === 0) throw new UsageError('usage: mips-port images PATH/manifest.go [--format text|json]');
  const report = await scanWithResolver({ paths, target, buildArgs, kubeTestRepoList, localImagePrefixes: v['local-image-prefix'] ?? [], cwd: process.cwd() }, resolver);
  for (const u of resolver.unreachableRegistries()) process.stderr.write(`mips-port: warning: registry unreachable (${u}); those verdicts come from the knowledge base\n`);
  if (imagesOnly) return printImages(report, format);
  const mode = settings.offline ? 'offline: knowledge base and cache' : 'registry, cache and knowledge base';
  if (format === 'json') process.stdout.write(JSON.stringify(toJson(report), null, 2) + '\n');
  else if (format === 'sarif') process.stdout.write(JSON.stringify(toSarif(report, SERVER_VERSION), null, 2) + '\n');
  else process.stdout.write(toText(report, mode));
  const c = countStatuses(report);
  return c.missing + c.unknown > 0 ? 1 : 0;
}

/** `mips-port report`: every image with its verdict, replacements and uses, and the build order. */
async function runReport(argv: string[]): Promise<number> {
  const { parsed, v, target, buildArgs, kubeTestRepoList, resolver, format } = engineFromArgs(argv, ['md', 'html', 'csv', 'json', 'sarif'], 'md');
  const paths = parsed.positionals.length ? parsed.positionals : ['.'];
  const scan = await scanWithResolver({ paths, target, buildArgs, kubeTestRepoList, localImagePrefixes: v['local-image-prefix'] ?? [], cwd: process.cwd() }, resolver);
  if (format === 'sarif') { process.stdout.write(JSON.stringify(toSarif(scan, SERVER_VERSION), null, 2) + '\n'); return 0; }
  const order: { dockerfile: string; tag: string }[] = [];
  for (const root of paths) {
    if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) continue;
    const g = workspaceGraph(path.resolve(root), { target, builder: { kind: 'docker', buildx: false }, buildArgs });
    for (const f of g.order) order.push({ dockerfile: path.relative(process.cwd(), f), tag: g.nodes.get(f)!.plan.tag });
  }
  const r = portingReport(scan, order);
  const text = format === 'html' ? toHtml(r) : format === 'csv' ? toCsv(r) : format === 'json' ? JSON.stringify(r, null, 2) + '\n' : toMarkdown(r);
  process.stdout.write(text);
  return 0;
}

/** `mips-port images`: the resolved image list, one per line (as `sonobuoy images` prints it). */
function printImages(report: ScanReport, format: string): number {
  const json = toJson(report);
  const images = json.findings.filter((f) => f.image && f.status);
  if (format === 'json') {
    process.stdout.write(JSON.stringify({ platform: json.platform, images: images.map((f) => ({ image: f.image, status: f.status, source: f.source, file: f.file, line: f.line, suggestions: f.suggestions })) }, null, 2) + '\n');
  } else {
    for (const i of [...new Set(images.map((f) => f.image as string))]) process.stdout.write(`${i}\n`);
  }
  const c = countStatuses(report);
  return c.missing + c.unknown > 0 ? 1 : 0;
}

function runCache(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { 'cache-dir': { type: 'string' } } });
  } catch (e) { throw new UsageError((e as Error).message); }
  if (parsed.positionals[0] !== 'clear' || parsed.positionals.length !== 1) throw new UsageError('usage: mips-port cache clear [--cache-dir DIR]');
  const cache = new DiskCache(parsed.values['cache-dir'] ?? defaultCacheDir());
  const n = cache.clear();
  process.stdout.write(`mips-port: removed ${n} cache entr${n === 1 ? 'y' : 'ies'} from ${cache.location}\n`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'scan': return runScan(rest);
    case 'cache': return runCache(rest);
    case 'images': return runScan(rest, true);
    case 'port': return runPort(rest);
    case 'report': return runReport(rest);
    case 'build': return runBuild(rest);
    case 'base': return runBase(rest);
    case 'lsp':
      // The server bundle is loaded only for this command (it takes over stdio), keeping scans fast.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(process.env.MIPS_PORT_SERVER_MODULE ?? path.join(__dirname, 'server.js'));
      return -1;
    case undefined: case 'help': case '--help': case '-h':
      process.stdout.write(HELP);
      return cmd === undefined ? 2 : 0;
    case '--version': case 'version':
      process.stdout.write(`${SERVER_VERSION}\n`);
      return 0;
    default:
      throw new UsageError(`unknown command "${cmd}" (try: mips-port help)`);
  }
}

/** Runs the CLI with process.argv and sets the exit code. */
export function runCli(argv: string[] = process.argv.slice(2)): void {
  main(argv).then((code) => { if (code >= 0) process.exitCode = code; }, (e: unknown) => {
    process.stderr.write(`mips-port: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  });
}
