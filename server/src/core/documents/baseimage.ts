// Kubernetes' per-image BASEIMAGE files: `os/arch[/osversion]=image` lines (before ≈v1.19 just
// `arch=image`), `#` comments, a `REGISTRY/` placeholder that image-util.sh fills in.
import { formatPlatform, officialArchName, parsePlatform, Platform } from '../platform';
import { ImageUse } from '../types';
import { LineIndex } from '../textPositions';

export interface BaseimageLine {
  key: string;
  platform?: string;
  image: string;
  line: number;
}

export interface BaseimageAnalysis {
  uses: ImageUse[];
  lines: BaseimageLine[];
  /** The target has no line; the insertion point for one, and its key in the file's style. */
  missingTarget?: MissingBaseimageLine;
}

export interface MissingBaseimageLine {
  insertLine: number;
  fromImage?: string;
  /** `linux/mips64le`, or `mips64le` in files whose keys are bare architectures. */
  key: string;
  /** The workspace folder whose Dockerfile builds `fromImage` (kitten's `REGISTRY/agnhost:…`). */
  producedHere?: string;
  /** That folder's Dockerfile and the first line of its VERSION file (the tag its builds carry). */
  producer?: { dockerfile: string; version?: string };
  /** The platform of the line `fromImage` comes from (its image may name that architecture). */
  fromPlatform?: string;
}

export function analyseBaseimage(text: string, target: Platform): BaseimageAnalysis {
  const idx = new LineIndex(text);
  const rows = text.split('\n');
  const uses: ImageUse[] = [];
  const lines: BaseimageLine[] = [];
  const want = formatPlatform(target);
  let targetFound = false;
  let lastLinux = -1;
  let bareKeys = 0;
  let amd64: string | undefined;
  let firstLinux: { image: string; platform: string } | undefined;
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
    if (parts.length === 1) bareKeys++;
    if (key.startsWith('linux/') || parts.length === 1) lastLinux = n;
    if (platform === 'linux/amd64') amd64 = image;
    // the Linux suggestion comes from a Linux line, never from a Windows one
    if (platform?.startsWith('linux/') && !firstLinux) firstLinux = { image, platform };
    // a bare `mips64le=` key is what image-util.sh read before os/arch keys
    const isTarget = platform === want && (parts[0] === target.os || (parts.length === 1 && target.os === 'linux'));
    if (isTarget) targetFound = true;
    const placeholder = /^REGISTRY\//.test(image);
    uses.push({
      kind: 'baseimage',
      text: image,
      resolved: placeholder ? undefined : image,
      range: idx.range(start, start + image.length),
      unresolved: placeholder ? ['REGISTRY'] : [],
      platform: platform ?? undefined,
      informational: !isTarget,
    });
  });
  const out: BaseimageAnalysis = { uses, lines };
  if (!targetFound) {
    const legacy = bareKeys > 0 && bareKeys === lines.length;
    const last = rows.length - (rows[rows.length - 1] === '' ? 1 : 0);
    out.missingTarget = {
      insertLine: lastLinux >= 0 ? lastLinux + 1 : last,
      fromImage: amd64 ?? firstLinux?.image,
      fromPlatform: amd64 ? 'linux/amd64' : firstLinux?.platform,
      key: legacy ? (officialArchName(target) ?? target.arch.oci) : want,
    };
  }
  return out;
}
