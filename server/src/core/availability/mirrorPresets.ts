// Named sets of mirror templates for registries that serve a target the official images do not. A preset
// only adds templates: each name it makes is asked from its registry like any template, never assumed.
import { formatPlatform, Platform } from '../platform';

export interface MirrorPreset {
  /** The target the preset serves; it is ignored for any other. */
  platform: string;
  templates: string[];
  source: string;
}

export const MIRROR_PRESETS: Record<string, MirrorPreset> = {
  'loong64-community': {
    platform: 'linux/loong64',
    templates: [
      'ghcr.io/loong64/{repository}:{tag}',
      'lcr.loongnix.cn/library/{repository}:{tag}',
      'cr.loongnix.cn/library/{repository}:{tag}',
    ],
    source: "loong64/docker-library's rebuilds of official images; Loongnix's registries",
  },
};

/** The templates of the named presets that serve the target; unknown names become problems. */
export function presetTemplates(names: unknown, target: Platform, problems: string[]): string[] {
  if (!Array.isArray(names)) return [];
  const out: string[] = [];
  for (const n of names) {
    const p = typeof n === 'string' ? MIRROR_PRESETS[n] : undefined;
    if (!p) {
      problems.push(
        `mipsPort.mirrorPresets: ${JSON.stringify(n)} is not a preset (known: ${Object.keys(MIRROR_PRESETS).join(', ')}); ignored`,
      );
    } else if (p.platform === formatPlatform(target)) out.push(...p.templates);
  }
  return out;
}
