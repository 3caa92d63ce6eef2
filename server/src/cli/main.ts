// The mips-port CLI: a thin adapter over the engine in core/.
import { parseArgs } from 'node:util';
import { knowledgeLookup } from '../core/availability/knowledgeLookup';
import { DEFAULT_PLATFORM, parsePlatform } from '../core/platform';
import { countStatuses } from '../core/report/scanReport';
import { toJson } from '../core/report/scanReport';
import { toSarif } from '../core/report/sarif';
import { toText } from '../core/report/text';
import { SERVER_VERSION } from '../lsp/server';
import { scan } from './scan';

class UsageError extends Error {}

const HELP = `mips-port ${SERVER_VERSION}: port container workloads to MIPS (linux/mips64le)

Usage:
  mips-port scan [PATH…] [options]   report every image use and whether it exists for the platform
  mips-port lsp --stdio              run the language server over stdio (for any LSP editor)
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

Exit status: 0 every image available, 1 some image missing or unknown, 2 usage or fatal error.
`;

function keyValues(list: string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of list ?? []) {
    const i = kv.indexOf('=');
    if (i <= 0) throw new UsageError(`${flag} expects KEY=VALUE, got "${kv}"`);
    out[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return out;
}

function runScan(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        platform: { type: 'string' },
        format: { type: 'string' },
        offline: { type: 'boolean' },
        mirror: { type: 'string', multiple: true },
        insecure: { type: 'string', multiple: true },
        'cache-dir': { type: 'string' },
        'no-cache': { type: 'boolean' },
        'build-arg': { type: 'string', multiple: true },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;
  const p = parsePlatform(v.platform ?? DEFAULT_PLATFORM);
  if (!p.ok) throw new UsageError(p.error);
  const format = v.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  keyValues(v.mirror, '--mirror');
  const buildArgs = keyValues(v['build-arg'], '--build-arg');
  if (!v.offline && (v.mirror?.length || v.insecure?.length || v['cache-dir'] || v['no-cache'])) {
    process.stderr.write('mips-port: registry look-ups are not available in this version; --mirror, --insecure, --cache-dir and --no-cache have no effect (verdicts come from the knowledge base)\n');
  }
  const report = scan({ paths: parsed.positionals.length ? parsed.positionals : ['.'], target: p.platform, lookup: knowledgeLookup(), buildArgs, cwd: process.cwd() });
  if (format === 'json') process.stdout.write(JSON.stringify(toJson(report), null, 2) + '\n');
  else if (format === 'sarif') process.stdout.write(JSON.stringify(toSarif(report, SERVER_VERSION), null, 2) + '\n');
  else process.stdout.write(toText(report, 'offline: knowledge base'));
  const c = countStatuses(report);
  return c.missing + c.unknown > 0 ? 1 : 0;
}

export function main(argv: string[]): number {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'scan': return runScan(rest);
    case 'lsp':
      // Loaded lazily: the server takes over stdio.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('../lsp/main');
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
  try {
    const code = main(argv);
    if (code >= 0) process.exitCode = code;
  } catch (e) {
    process.stderr.write(`mips-port: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  }
}
