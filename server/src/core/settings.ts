// Settings shared by the LSP (`mipsPort.*`) and the CLI flags, validated in one place.
import { SeverityOverride } from './types';
import path from 'node:path';
import { presetTemplates } from './availability/mirrorPresets';
import { loadRepoList } from './documents/kubeRepoList';
import { DEFAULT_DEBIAN_MIRROR } from './packages/indexStore';
import { DEFAULT_PLATFORM, parsePlatform, Platform } from './platform';
import { checkGoFlags } from '../shared/goFlags';
import { RESTRICTED_SETTINGS } from '../shared/trust';

export interface RawSettings {
  platform?: unknown;
  offline?: unknown;
  severity?: unknown;
  buildArgs?: unknown;
  registryMirrors?: unknown;
  insecureRegistries?: unknown;
  cacheTtlHours?: unknown;
  registryTimeoutSeconds?: unknown;
  kubeTestRepoList?: unknown;
  localImagePrefixes?: unknown;
  mirrorTemplates?: unknown;
  /** Names of MIRROR_PRESETS whose templates are added for their target. */
  mirrorPresets?: unknown;
  debianMirror?: unknown;
  builder?: unknown;
  tagTemplate?: unknown;
  skipSmokeRun?: unknown;
  buildContext?: unknown;
  go?: unknown;
  /** Workspace Trust: false drops every restricted setting (shared/trust.ts) and runs nothing. The CLI
   *  leaves it out (whoever types a command trusts its flags); the language server always sets it. */
  trusted?: unknown;
}

export interface Settings {
  target: Platform;
  offline: boolean;
  severities: Record<string, SeverityOverride>;
  buildArgs: Record<string, string>;
  /** registry -> base URL of a mirror that serves its images. */
  registryMirrors: Record<string, string>;
  insecureRegistries: string[];
  cacheTtlHours: number;
  registryTimeoutSeconds: number;
  /** Path of a KUBE_TEST_REPO_LIST file ('' for none). */
  kubeTestRepoList: string;
  localImagePrefixes: string[];
  mirrorTemplates: string[];
  /** Debian mirror for package indexes of suites not embedded. */
  debianMirror: string;
  /** The KUBE_TEST_REPO_LIST file's registries, once loaded (loadSettings). */
  kubeTestRepoMap?: Record<string, string>;
  /** Build: builder (`auto`, `docker`, `podman`, `buildah`), tag template, smoke run, context. */
  builder: string;
  tagTemplate: string;
  skipSmokeRun: boolean;
  buildContext: string;
  /** The Go cross-check (mipsPort.go.enabled, mipsPort.go.flags). */
  go: { enabled: boolean; flags: string[]; /** The go binary (mipsPort.go.path); else go on PATH. */ path?: string };
  /** False in an untrusted workspace: no program is run and no restricted setting is used. */
  trusted: boolean;
  /** Problems found in the raw settings, to show the user once. */
  problems: string[];
  /** The workspace folder (the CLI: the working directory): reads a workspace steers stay inside it. */
  workspaceRoot?: string;
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);

function stringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (typeof x === 'string') out[k] = x;
  }
  return out;
}

/** The settings without the restricted ones (their defaults apply): what an untrusted workspace gets. */
function withoutRestricted(r: RawSettings): RawSettings {
  const out: Record<string, unknown> = { ...r };
  for (const name of RESTRICTED_SETTINGS) {
    const key = name.replace(/^mipsPort\./, '');
    if (!key.startsWith('go.')) delete out[key];
  }
  delete out.go;
  return out as RawSettings;
}

export function normaliseSettings(raw: RawSettings | undefined | null): Settings {
  const problems: string[] = [];
  const trusted = raw?.trusted !== false;
  const r = trusted ? (raw ?? {}) : withoutRestricted(raw ?? {});
  let target = (parsePlatform(DEFAULT_PLATFORM) as { ok: true; platform: Platform }).platform;
  if (typeof r.platform === 'string' && r.platform.trim() !== '') {
    const p = parsePlatform(r.platform);
    if (p.ok) target = p.platform;
    else problems.push(`mipsPort.platform: ${p.error}; using ${DEFAULT_PLATFORM}`);
  }
  const severities: Record<string, SeverityOverride> = {};
  for (const [k, v] of Object.entries(stringRecord(r.severity))) {
    if (SEVERITIES.has(v)) severities[k] = v as SeverityOverride;
    else problems.push(`mipsPort.severity.${k}: "${v}" is not one of error, warning, info, hint, off`);
  }
  const registryMirrors: Record<string, string> = {};
  for (const [k, v] of Object.entries(stringRecord(r.registryMirrors))) {
    try {
      const u = new URL(v.includes('://') ? v : `https://${v}`);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
      registryMirrors[k === 'index.docker.io' || k === 'registry-1.docker.io' ? 'docker.io' : k] = u.href.replace(
        /\/$/,
        '',
      );
    } catch {
      problems.push(`mipsPort.registryMirrors.${k}: "${v}" is not an http(s) URL`);
    }
  }
  const insecureRegistries = Array.isArray(r.insecureRegistries)
    ? r.insecureRegistries.filter((x): x is string => typeof x === 'string')
    : [];
  const num = (v: unknown, def: number, name: string, min: number, max: number) => {
    if (v === undefined || v === null) return def;
    if (typeof v === 'number' && v >= min && v <= max) return v;
    problems.push(`mipsPort.${name}: ${JSON.stringify(v)} is not a number from ${min} to ${max}; using ${def}`);
    return def;
  };
  return {
    target,
    offline: r.offline === true,
    severities,
    buildArgs: stringRecord(r.buildArgs),
    registryMirrors,
    insecureRegistries,
    cacheTtlHours: num(r.cacheTtlHours, 24, 'cacheTtlHours', 0, 24 * 365),
    registryTimeoutSeconds: num(r.registryTimeoutSeconds, 10, 'registryTimeoutSeconds', 1, 300),
    kubeTestRepoList: typeof r.kubeTestRepoList === 'string' ? r.kubeTestRepoList.trim() : '',
    localImagePrefixes: Array.isArray(r.localImagePrefixes)
      ? r.localImagePrefixes.filter((x): x is string => typeof x === 'string' && x !== '')
      : [],
    mirrorTemplates: [
      ...mirrorTemplates(r.mirrorTemplates, problems),
      ...presetTemplates(r.mirrorPresets, target, problems),
    ],
    debianMirror: debianMirror(r.debianMirror, problems),
    builder: typeof r.builder === 'string' && r.builder ? r.builder : 'auto',
    tagTemplate: typeof r.tagTemplate === 'string' ? r.tagTemplate : '',
    skipSmokeRun: r.skipSmokeRun === true,
    buildContext: typeof r.buildContext === 'string' && r.buildContext ? r.buildContext : 'dockerfile',
    go: trusted ? goSettings(r.go, problems) : { enabled: false, flags: [] },
    trusted,
    problems,
  };
}

/** Normalises the settings and loads the files they name (the KUBE_TEST_REPO_LIST file, relative to
 *  `baseDir`); what cannot be loaded becomes a problem. */
export function loadSettings(raw: RawSettings | undefined | null, baseDir?: string): Settings {
  const s = normaliseSettings(raw);
  s.workspaceRoot = baseDir;
  if (s.kubeTestRepoList) {
    const file =
      path.isAbsolute(s.kubeTestRepoList) || !baseDir ? s.kubeTestRepoList : path.join(baseDir, s.kubeTestRepoList);
    const r = loadRepoList(file);
    if (r.ok) s.kubeTestRepoMap = r.map;
    else s.problems.push(`mipsPort.kubeTestRepoList: ${r.error}`);
  }
  return s;
}

function debianMirror(v: unknown, problems: string[]): string {
  if (typeof v !== 'string' || v.trim() === '') return DEFAULT_DEBIAN_MIRROR;
  try {
    const u = new URL(v.trim());
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.href.replace(/\/+$/, '');
  } catch {
    // reported below
  }
  problems.push(`mipsPort.debianMirror: "${v}" is not an http(s) URL; using ${DEFAULT_DEBIAN_MIRROR}`);
  return DEFAULT_DEBIAN_MIRROR;
}

const TEMPLATE_PLACEHOLDERS = ['repository', 'path', 'tag', 'registry', 'arch', 'debianArch'];

/** Mirror naming templates, each checked when read: known placeholders only, and at least one. */
function mirrorTemplates(v: unknown, problems: string[]): string[] {
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const t of v) {
    if (typeof t !== 'string' || t.trim() === '') continue;
    const used = [...t.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
    const unknown = used.filter((p) => !TEMPLATE_PLACEHOLDERS.includes(p));
    if (used.length === 0 || unknown.length) {
      const what =
        used.length === 0
          ? 'has no placeholder'
          : `has unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((p) => `{${p}}`).join(', ')}`;
      problems.push(
        `mipsPort.mirrorTemplates: "${t}" ${what} (use ${TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}); ignored`,
      );
      continue;
    }
    out.push(t.trim());
  }
  return out;
}

function goSettings(v: unknown, problems: string[]): Settings['go'] {
  const g = (v && typeof v === 'object' ? v : {}) as { enabled?: unknown; flags?: unknown; path?: unknown };
  const given = Array.isArray(g.flags) ? g.flags.filter((x): x is string => typeof x === 'string' && x !== '') : [];
  const checked = checkGoFlags(given);
  for (const p of checked.problems) problems.push(`mipsPort.go.flags: ${p}; ignored`);
  const go = { enabled: g.enabled !== false, flags: checked.flags };
  const bin = typeof g.path === 'string' ? g.path.trim() : '';
  if (!bin) return go;
  // a relative path would run a program the workspace holds
  if (path.isAbsolute(bin)) return { ...go, path: bin };
  problems.push(`mipsPort.go.path: "${bin}" is not an absolute path; using go from PATH`);
  return go;
}
