// Settings shared by the LSP (`mipsPort.*`) and the CLI flags, validated in one place.
import { SeverityOverride } from './analyze';
import { DEFAULT_PLATFORM, parsePlatform, Platform } from './platform';

export interface RawSettings {
  platform?: unknown;
  offline?: unknown;
  severity?: unknown;
  buildArgs?: unknown;
}

export interface Settings {
  target: Platform;
  offline: boolean;
  severities: Record<string, SeverityOverride>;
  buildArgs: Record<string, string>;
  /** Problems found in the raw settings, to show the user once. */
  problems: string[];
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);

function stringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (typeof x === 'string') out[k] = x;
  }
  return out;
}

export function normaliseSettings(raw: RawSettings | undefined | null): Settings {
  const problems: string[] = [];
  const r = raw ?? {};
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
  return { target, offline: r.offline !== false, severities, buildArgs: stringRecord(r.buildArgs), problems };
}
