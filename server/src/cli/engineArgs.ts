// The options every analysis command shares (scan, images, port, report), turned into the same
// Settings the language server builds from mipsPort.*, and the service that answers with them.
import { DEFAULT_PLATFORM, parsePlatform } from '../core/platform';
import { createPortingService, PortingService } from '../core/service';
import { loadSettings, Settings } from '../core/settings';
import { keyValues, parseCommandArgs, UsageError } from './usage';

export const ENGINE_OPTIONS = {
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
  'mirror-preset': { type: 'string', multiple: true },
  'debian-mirror': { type: 'string' },
  // naming of the images the workspace builds (report's build order)
  'tag-template': { type: 'string' },
  registry: { type: 'string' },
  // scan --go: the Go cross-check of the modules under the paths, with these build flags
  go: { type: 'boolean' },
  'go-flag': { type: 'string', multiple: true },
} as const;

export interface EngineArgs {
  positionals: string[];
  naming: { tagTemplate?: string; registry?: string };
  write: boolean;
  format: string;
  go: { enabled: boolean; flags: string[] };
  settings: Settings;
  service: PortingService;
}

function number(x: string | undefined, flag: string): number | undefined {
  if (x === undefined) return undefined;
  const n = Number(x);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`${flag} expects a number, got "${x}"`);
  return n;
}

/** `offlineFor`: formats that need no verdicts (the plain image list) never wait on a registry. */
export function engineFromArgs(
  argv: string[],
  formats = ['text', 'json', 'sarif'],
  defaultFormat = 'text',
  offlineFor?: (format: string) => boolean,
): EngineArgs {
  const parsed = parseCommandArgs(argv, ENGINE_OPTIONS);
  const v = parsed.values;
  const format = v.format ?? defaultFormat;
  if (!formats.includes(format))
    throw new UsageError(
      `--format must be ${formats.slice(0, -1).join(', ')} or ${formats[formats.length - 1]}, not "${format}"`,
    );
  const platform = parsePlatform(v.platform ?? DEFAULT_PLATFORM);
  if (!platform.ok) throw new UsageError(platform.error);
  const mirrors = keyValues(v.mirror, '--mirror');
  for (const [k, url] of Object.entries(mirrors)) {
    if (!/^https?:\/\/[^/]/.test(url))
      throw new UsageError(`--mirror ${k}=${url}: the URL must start with http:// or https://`);
  }
  const settings = loadSettings(
    {
      platform: v.platform,
      offline: v.offline === true || offlineFor?.(format) === true,
      registryMirrors: mirrors,
      insecureRegistries: v.insecure ?? [],
      buildArgs: keyValues(v['build-arg'], '--build-arg'),
      cacheTtlHours: number(v['cache-ttl-hours'], '--cache-ttl-hours'),
      registryTimeoutSeconds: number(v.timeout, '--timeout'),
      mirrorTemplates: v['mirror-template'] ?? [],
      mirrorPresets: v['mirror-preset'] ?? [],
      localImagePrefixes: v['local-image-prefix'] ?? [],
      kubeTestRepoList: v['kube-test-repo-list'] ?? process.env.KUBE_TEST_REPO_LIST,
      debianMirror: v['debian-mirror'],
    },
    process.cwd(),
  );
  // the flags are the settings here: a bad one is a usage error, not a warning
  if (settings.problems.length) throw new UsageError(settings.problems[0].replace(/^mipsPort\.\w+: /, ''));
  const service = createPortingService({
    cacheDir: v['cache-dir'],
    noCache: v['no-cache'],
    onWarning: (m) => process.stderr.write(`mips-port: warning: ${m}\n`),
  });
  const naming = { tagTemplate: v['tag-template'], registry: v.registry };
  const go = { enabled: v.go === true, flags: v['go-flag'] ?? [] };
  return { positionals: parsed.positionals, naming, write: v.write === true, format, settings, service, go };
}
