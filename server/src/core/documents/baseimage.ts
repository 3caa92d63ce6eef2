// Kubernetes' per-image BASEIMAGE files: `os/arch[/osversion]=image` lines, `#` comments,
// a `REGISTRY/` placeholder that image-util.sh fills in.
import { formatPlatform, parsePlatform, Platform } from '../platform';
import { ImageUse } from './imageUse';
import { LineIndex } from './textPositions';

export interface BaseimageLine {
  key: string;
  platform?: string;
  image: string;
  line: number;
}

export interface BaseimageAnalysis {
  uses: ImageUse[];
  lines: BaseimageLine[];
  /** The target has no line; the insertion point for one. */
  missingTarget?: { insertLine: number; fromImage?: string };
}

export function analyseBaseimage(text: string, target: Platform): BaseimageAnalysis {
  const idx = new LineIndex(text);
  const rows = text.split('\n');
  const uses: ImageUse[] = [];
  const lines: BaseimageLine[] = [];
  const want = formatPlatform(target);
  let targetFound = false;
  let lastLinux = -1;
  let amd64: string | undefined;
  rows.forEach((raw, n) => {
    const row = raw.replace(/\r$/, '');
    const trimmed = row.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const eq = row.indexOf('=');
    if (eq < 0) return;
    const key = row.slice(0, eq).trim();
    const image = row.slice(eq + 1).trim();
    const start = idx.lineStart(n) + eq + 1 + (row.slice(eq + 1).length - row.slice(eq + 1).trimStart().length);
    const parts = key.split('/');
    const p = parsePlatform(parts.slice(0, parts[1] === 'arm' && parts[2] ? 3 : 2).join('/'));
    const platform = p.ok ? formatPlatform(p.platform) : undefined;
    lines.push({ key, platform, image, line: n });
    if (key.startsWith('linux/')) lastLinux = n;
    if (platform === 'linux/amd64') amd64 = image;
    const isTarget = platform === want && parts[0] === target.os;
    if (isTarget) targetFound = true;
    const placeholder = /^REGISTRY\//.test(image);
    uses.push({
      kind: 'baseimage', text: image, resolved: placeholder ? undefined : image, range: idx.range(start, start + image.length),
      unresolved: placeholder ? ['REGISTRY'] : [], platform: platform ?? undefined, informational: !isTarget,
    });
  });
  const out: BaseimageAnalysis = { uses, lines };
  if (!targetFound) out.missingTarget = { insertLine: lastLinux >= 0 ? lastLinux + 1 : rows.length, fromImage: amd64 };
  return out;
}
