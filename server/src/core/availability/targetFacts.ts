// What the embedded facts hold for a target, said once per scan (report, status bar, view) rather
// than in every verdict: mips64le has the full history, other targets a thinner slice of it.
import { formatPlatform, officialArchName, Platform } from '../platform';
import { MIRROR_PRESETS } from './mirrorPresets';

export function targetFactsNote(target: Platform): string | undefined {
  const t = formatPlatform(target);
  if (t === 'linux/mips64le') return undefined;
  const preset = Object.entries(MIRROR_PRESETS).find(([, x]) => x.platform === t)?.[0];
  if (!officialArchName(target)) {
    const ask = preset ? ` The ${preset} mirror preset asks community registries (verified live).` : '';
    return `No official image is built for ${t}, so every official image is missing there.${ask}`;
  }
  return `Facts for ${t} are thinner than for mips64le: each official tag's architectures at its last listing, not the dates an architecture came or went.`;
}
