// The image set a mirror run serves: every image a workspace scan found (manifest.go, Dockerfiles,
// YAML, Helm, Kustomize) and every line of an image list (`mips-port images`, `sonobuoy images`).
// manifest.go's images are served under the names its registry keys give once pointed at PREFIX.
import { analyseManifestGo } from '../documents/manifestGo';
import { detectFileKind } from '../documents/fileKind';
import { readRegularFile, SIDE_FILE_CAP_BYTES } from '../fs/readText';
import { Platform } from '../platform';
import { toJson } from '../report/scanReport';
import { WorkspaceScan } from '../workspace/scan';
import { normalised } from './names';
import { PlanImage } from './plan';

export interface Collected {
  images: Map<string, PlanImage>;
  manifests: { file: string; text: string }[];
  /** Lines and files that could not be read: said, never dropped. */
  problems: string[];
}

export function emptyCollection(): Collected {
  return { images: new Map(), manifests: [], problems: [] };
}

function add(c: Collected, image: string, where: string): void {
  const got = c.images.get(image);
  if (got) {
    if (!got.usedIn.includes(where)) got.usedIn.push(where);
  } else c.images.set(image, { image, usedIn: [where] });
}

/** A file that is not a kind mips-port reads is an image list: one reference a line, `#` comments. */
export function isImageList(file: string): boolean {
  return detectFileKind(file) === undefined;
}

export function collectList(c: Collected, file: string, shown: string): void {
  const r = readRegularFile(file, SIDE_FILE_CAP_BYTES);
  if (!r.ok) {
    c.problems.push(`${shown}: cannot read the image list: ${r.reason}`);
    return;
  }
  r.text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    const image = normalised(line);
    if (image) add(c, image, `${shown}:${i + 1}`);
    else c.problems.push(`${shown}:${i + 1}: "${line.slice(0, 80)}" is not an image reference`);
  });
}

export function collectScan(c: Collected, scan: WorkspaceScan): void {
  for (const f of toJson(scan.report).findings) {
    if (f.image && f.status) add(c, f.image, `${f.file}:${f.line}`);
    else if (f.ruleId === 'MP107' || f.ruleId === 'MP108') c.problems.push(`${f.file}:${f.line}: ${f.message}`);
  }
  for (const f of scan.files) {
    if (detectFileKind(f.path) !== 'manifest-go') continue;
    const r = readRegularFile(f.path);
    if (r.ok) c.manifests.push({ file: f.path, text: r.text });
  }
}

/** manifest.go entry by entry: the image it names with the `current` list -> the name it names with `list`. */
export function namesThroughList(
  c: Collected,
  target: Platform,
  current: Record<string, string> | undefined,
  list: Record<string, string>,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of c.manifests) {
    const before = analyseManifestGo(m.text, { target, repoList: current }).uses;
    const after = analyseManifestGo(m.text, { target, repoList: list }).uses;
    before.forEach((u, i) => {
      const image = u.resolved ? normalised(u.resolved) : undefined;
      const to = after[i]?.resolved;
      if (image && to) out.set(image, to);
    });
  }
  return out;
}
