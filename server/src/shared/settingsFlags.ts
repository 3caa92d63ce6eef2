// The mipsPort.* settings as mips-port CLI flags: the one mapping the editor uses when it runs the
// CLI (builds, the porting report), so both see what the diagnostics see.

/** The settings as VS Code hands them over (`workspace.getConfiguration('mipsPort')`). */
export interface SettingsValues {
  platform?: string;
  offline?: boolean;
  buildArgs?: Record<string, string>;
  registryMirrors?: Record<string, string>;
  insecureRegistries?: string[];
  cacheTtlHours?: number;
  registryTimeoutSeconds?: number;
  kubeTestRepoList?: string;
  localImagePrefixes?: string[];
  mirrorTemplates?: string[];
  mirrorPresets?: string[];
  debianMirror?: string;
  builder?: string;
  tagTemplate?: string;
  registry?: string;
  skipSmokeRun?: boolean;
  buildContext?: string;
}

/** `analysis`: scan, report, images, port; `build`: build and build --all. */
export type FlagsFor = 'analysis' | 'report' | 'build';

function each<T>(v: T[] | undefined): T[] {
  return Array.isArray(v) ? v : [];
}

function entries(v: Record<string, string> | undefined): [string, string][] {
  return v && typeof v === 'object'
    ? Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string')
    : [];
}

export function settingsToFlags(
  s: SettingsValues,
  purpose: FlagsFor,
  extraBuildArgs: Record<string, string> = {},
): string[] {
  const args: string[] = [];
  if (s.platform) args.push('--platform', s.platform);
  for (const [k, v] of entries({ ...s.buildArgs, ...extraBuildArgs })) args.push('--build-arg', `${k}=${v}`);
  if (purpose !== 'build') {
    if (s.offline) args.push('--offline');
    for (const [k, v] of entries(s.registryMirrors)) args.push('--mirror', `${k}=${v}`);
    for (const r of each(s.insecureRegistries)) args.push('--insecure', r);
    for (const t of each(s.mirrorTemplates)) args.push('--mirror-template', t);
    for (const t of each(s.mirrorPresets)) args.push('--mirror-preset', t);
    for (const p of each(s.localImagePrefixes)) args.push('--local-image-prefix', p);
    if (typeof s.cacheTtlHours === 'number') args.push('--cache-ttl-hours', String(s.cacheTtlHours));
    if (typeof s.registryTimeoutSeconds === 'number') args.push('--timeout', String(s.registryTimeoutSeconds));
    if (s.kubeTestRepoList) args.push('--kube-test-repo-list', s.kubeTestRepoList);
    if (s.debianMirror) args.push('--debian-mirror', s.debianMirror);
  }
  // the names built images get: the build's own, and the report's build order
  if (purpose !== 'analysis') {
    if (s.tagTemplate) args.push('--tag-template', s.tagTemplate);
    if (s.registry) args.push('--registry', s.registry);
  }
  if (purpose === 'build') {
    if (s.builder && s.builder !== 'auto') args.push('--builder', s.builder);
    if (s.skipSmokeRun) args.push('--no-smoke');
  }
  return args;
}
