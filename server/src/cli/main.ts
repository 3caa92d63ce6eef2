// The mips-port CLI: a thin adapter over the engine in core/.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DiskCache, defaultCacheDir } from '../core/availability/diskCache';
import { DEFAULT_PLATFORM } from '../core/platform';
import { VERSION } from '../shared/protocol';
import { runImages, runPort, runReport, runScan } from './analysisCommands';
import { runBase } from './base';
import { runBuild } from './build';
import { UsageError } from './usage';

const HELP = `mips-port ${VERSION}: port container workloads to MIPS (linux/mips64le)

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

function runCache(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { 'cache-dir': { type: 'string' } },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (parsed.positionals[0] !== 'clear' || parsed.positionals.length !== 1)
    throw new UsageError('usage: mips-port cache clear [--cache-dir DIR]');
  const cache = new DiskCache(parsed.values['cache-dir'] ?? defaultCacheDir());
  const n = cache.clear();
  process.stdout.write(`mips-port: removed ${n} cache entr${n === 1 ? 'y' : 'ies'} from ${cache.location}\n`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'scan':
      return runScan(rest);
    case 'cache':
      return runCache(rest);
    case 'images':
      return runImages(rest);
    case 'port':
      return runPort(rest);
    case 'report':
      return runReport(rest);
    case 'build':
      return runBuild(rest);
    case 'base':
      return runBase(rest);
    case 'lsp':
      // The server bundle is loaded only for this command (it takes over stdio), keeping scans fast.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(process.env.MIPS_PORT_SERVER_MODULE ?? path.join(__dirname, 'server.js'));
      return -1;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(HELP);
      return cmd === undefined ? 2 : 0;
    case '--version':
    case 'version':
      process.stdout.write(`${VERSION}\n`);
      return 0;
    default:
      throw new UsageError(`unknown command "${cmd}" (try: mips-port help)`);
  }
}

/** Runs the CLI with process.argv and sets the exit code. */
export function runCli(argv: string[] = process.argv.slice(2)): void {
  main(argv).then(
    (code) => {
      if (code >= 0) process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`mips-port: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
