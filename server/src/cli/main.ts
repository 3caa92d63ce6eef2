// The mips-port CLI: a thin adapter over the engine in core/.
import path from 'node:path';
import { DiskCache, defaultCacheDir } from '../core/availability/diskCache';
import { DEFAULT_PLATFORM } from '../core/platform';
import { VERSION } from '../shared/protocol';
import { runImages, runReport, runScan } from './analysisCommands';
import { runPort } from './port';
import { runBase } from './base';
import { runBuild } from './build';
import { runGoCheck } from './goCheck';
import { runMirrorCommand } from './mirror';
import { parseCommandArgs, UsageError } from './usage';

const ENGINE_HELP = `  --platform P          target platform (default ${DEFAULT_PLATFORM}; also mips64el, linux/riscv64, …)
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
  --debian-mirror URL          Debian mirror for package indexes (default https://deb.debian.org/debian)
`;

const EXIT_HELP = `Exit status: 0 every image use checked and available, 1 some image missing or unknown, some use,
entry or file not checked, or some error finding (MP124: a package name apt rejects), 2 usage or fatal error.
`;

/** `mips-port COMMAND --help`. */
const COMMAND_HELP: Record<string, string> = {
  scan: `Usage: mips-port scan [PATH…] [--format text|json|sarif] [--go [--go-flag FLAG…]] [options]
Report every image use under the paths (default .) and whether it exists for the target platform;
--go adds the Go check of the modules there (see mips-port go-check --help).

${ENGINE_HELP}
${EXIT_HELP}`,
  images: `Usage: mips-port images PATH/manifest.go [--format text|json] [options]
The image list a manifest.go resolves to, one per line (no registry is asked for the text form);
--format json adds the verdicts. Exits 1, saying why on stderr, when nothing could be listed.

${ENGINE_HELP}`,
  port: `Usage: mips-port port DOCKERFILE [--write] [options]
       mips-port port --all [ROOT] [--write] [options]
Print the Dockerfile with every preferred fix applied (base swap, package commands, arch pins), or write it
in place with --write. --all: every preferred fix of every file under ROOT (default .) — Dockerfiles,
BASEIMAGE lines, build-script platform lists — shown as a unified diff, or written with --write.
What the port leaves for a hand (an error finding on the result) is said on stderr.

${ENGINE_HELP}
Exit status: 0 ported with no error left, 1 an error finding left or nothing could be ported, 2 usage error.
`,
  report: `Usage: mips-port report [PATH…] [--format md|html|csv|json|sarif] [options]
Every image once, with its verdict, source, replacements and uses, and the workspace build order.

${ENGINE_HELP}`,
  build: `Usage: mips-port build DOCKERFILE [--context DIR] [--platform P] [--tag T] [--tag-template T]
                       [--builder auto|docker|podman|buildah] [--build-arg K=V…] [--push [--join TAG]]
                       [--dry-run] [--no-smoke | --smoke CMD] [--start-seconds N] [--log FILE]
                       [--registry HOST[:PORT] [--insecure]]
       mips-port build --all [ROOT] [--bake FILE] [--dry-run] [--keep-going] [--jobs N] [--workspace-context]
                       [same options]
Cross-build through QEMU, prove the result's architecture (image config and uname -m), start it with its own
ENTRYPOINT/CMD for --start-seconds (default 5; 0 skips; --no-smoke skips both checks), push.
--registry names where --push and images built here go (a plain-http one needs --insecure); --keep-going
builds, after a failure, the images that do not depend on it.
Stages with FROM --platform=$BUILDPLATFORM run natively (the plan and the log say which run under QEMU).
--all builds up to --jobs images at once (default: the CPU count), each log written whole, bases first.
Exit status: the builder's, 2 for usage errors or missing emulation, 130 when cancelled.
`,
  base: `Usage: mips-port base create [--suite bookworm] [--variant minbase|slim|standard] [--packages a,b] [--tag T]
                             [--tag-template T] [--push] [--mirror URL] [--snapshot TIMESTAMP]
                             [--source-date-epoch N] [--platform P] [--builder B] [--quiet]
A Debian base image for the target, made with mmdebstrap through QEMU, verified (uname -m), loaded, pushed.
`,
  mirror: `Usage: mips-port mirror [PATH…] --to REGISTRY/PATH [--repo-list FILE] [--substitute] [--dry-run]
                        [--format text|json] [--builder B] [options]
Serve every image the paths need for the target from your registry. PATH is a workspace (manifest.go,
Dockerfiles, YAML, Helm, Kustomize) or a text file with one image per line. Images the target can pull are
copied (its platform's manifest, digest-exact, in an index at the same repository path below PREFIX; blobs
PREFIX has are not sent again); images this workspace builds are built and pushed; the rest are listed as
missing with their replacements (--substitute copies the first one under the expected name).
--repo-list FILE writes the KUBE_TEST_REPO_LIST of manifest.go's era pointing at PREFIX and checks the images
through it. --dry-run prints the plan (text or JSON) and writes nothing. Credentials: your docker config.
Exit status: 0 all images served by PREFIX, 1 some are not, 2 usage or fatal error, 130 cancelled.

${ENGINE_HELP}`,
  cache: `Usage: mips-port cache clear [--cache-dir DIR]
Empty the registry answer cache.
`,
  'go-check': `Usage: mips-port go-check [DIR…] [--platform P] [--format text|json|sarif] [--go-flag FLAG…]
       [--offline]
The Go toolchain's own check of every module (go.mod) under the directories for GOOS/GOARCH of the target
(go build -gcflags=-e for the target and for the host): errors only the target gives are reported (MP140,
MP141), cgo packages use the target's C cross compiler when installed, else are reported not checked (MP142).
--go-flag passes a build flag (e.g. --go-flag=-tags=integration). --offline: modules from the Go module
cache only (GOPROXY=off), never the network. Needs go (apt-get install golang-go).
Exit status: 0 clean, 1 porting errors or packages not checked, 2 go missing, no module, or usage error.
`,
  lsp: `Usage: mips-port lsp --stdio
Run the language server over stdio, for any LSP editor.
`,
};

const HELP = `mips-port ${VERSION}: port container workloads to MIPS (linux/mips64le)

Usage:
  mips-port scan [PATH…] [options]   report every image use and whether it exists for the platform
  mips-port lsp --stdio              run the language server over stdio (for any LSP editor)
  mips-port report [PATH…] [--format md|html|csv|json|sarif]   every image, verdict, replacement, use; build order
  mips-port images PATH/manifest.go  the resolved e2e image list, one per line (--format json: with verdicts)
  mips-port port DOCKERFILE [--write] print the Dockerfile with every preferred fix applied (or write it)
  mips-port port --all [ROOT] [--write]   every fix under ROOT (Dockerfiles, BASEIMAGE, platform lists) as a diff
  mips-port build DOCKERFILE [options]   cross-build through QEMU, prove the result's arch, start it, push
  mips-port build --all [ROOT] [--bake FILE] [--dry-run] [--keep-going]   every Dockerfile, base-of-base order
  mips-port mirror [PATH…] --to REGISTRY/PATH   serve every image the workspace needs from your registry
  mips-port go-check [DIR…]          the Go compiler's check of the modules for the target (also: scan --go)
  mips-port base create [options]    a Debian base image for the target, made with mmdebstrap through QEMU
  mips-port cache clear [--cache-dir DIR]   empty the registry answer cache
  mips-port help | --version | COMMAND --help

scan options:
${ENGINE_HELP}
${EXIT_HELP}`;

function runCache(argv: string[]): number {
  const parsed = parseCommandArgs(argv, { 'cache-dir': { type: 'string' } });
  if (parsed.positionals[0] !== 'clear' || parsed.positionals.length !== 1)
    throw new UsageError('usage: mips-port cache clear [--cache-dir DIR]');
  const cache = new DiskCache(parsed.values['cache-dir'] ?? defaultCacheDir());
  const n = cache.clear();
  process.stdout.write(`mips-port: removed ${n} cache entr${n === 1 ? 'y' : 'ies'} from ${cache.location}\n`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd && COMMAND_HELP[cmd] && (rest.includes('--help') || rest.includes('-h'))) {
    process.stdout.write(COMMAND_HELP[cmd]);
    return 0;
  }
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
    case 'go-check':
      return runGoCheck(rest);
    case 'mirror':
      return runMirrorCommand(rest);
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
      // one line, whatever the error carried
      process.stderr.write(`mips-port: ${(e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ')}\n`);
      process.exitCode = 2;
    },
  );
}
