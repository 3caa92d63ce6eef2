// Kustomize: a kustomization's `images:` entries (name, newName, newTag, digest) applied to the images
// its resources name (files and folders, bases and overlays followed), so the verdict is for the image
// the cluster will pull, on the line of the kustomization that set it.
import path from 'node:path';
import { realPathOf } from '../fs/confine';
import type { Node } from 'yaml';
import { isMap, isSeq } from './yamlLib';
import { splitWrittenTag } from '../imageRef';
import { ImageUse } from '../types';
import { analyseYaml } from './yamlImages';
import { field, nodeRange, readYamlDocumentSteps, scalarText, yamlRoot } from './yamlNodes';

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const MAX_DEPTH = 10;
/** Kustomization folders one analysis visits at most (symlinked folders cannot multiply them: each real
 *  folder is visited once, but a huge tree of bases must still not stall the server). */
const MAX_VISITS = 200;

export type ReadSide = (file: string) => string | undefined;

export interface Transform {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** `nginx` for `nginx:1.25`, `reg:5000/a/b` for `reg:5000/a/b:1@sha256:…`: what `name` matches. */
export const imageName = (image: string): string => splitWrittenTag(image).name;

export function applyTransform(image: string, t: Transform): string {
  const name = t.newName ?? imageName(image);
  if (t.digest) return `${name}@${t.digest}`;
  const tag = t.newTag ?? splitWrittenTag(image).tag;
  const digest = image.includes('@') && !t.newTag ? `@${image.split('@')[1]}` : '';
  return `${name}${tag ? `:${tag}` : ''}${digest}`;
}

export function transformsOf(root: unknown): Transform[] {
  const images = isMap(root) ? root.get('images', true) : undefined;
  if (!isSeq(images)) return [];
  return images.items.flatMap((e) => {
    if (!isMap(e)) return [];
    const name = scalarText(e.get('name', true));
    if (!name) return [];
    const opt = (k: string) => scalarText(e.get(k, true)) || undefined;
    return [{ name, newName: opt('newName'), newTag: opt('newTag'), digest: opt('digest') }];
  });
}

export function resourcesOf(root: unknown): string[] {
  if (!isMap(root)) return [];
  return ['resources', 'bases', 'components'].flatMap((k) => {
    const s = root.get(k, true);
    return isSeq(s) ? s.items.map(scalarText).filter((x): x is string => !!x) : [];
  });
}

/** One walk over kustomization folders: how it reads, the folders it has been to (real paths), and the
 *  resources it could not read. */
interface KustomizeWalk {
  read: ReadSide;
  seen: Set<string>;
  unread: string[];
}

/** A folder the walk visits: its kustomization's parsed root, how deep, and whether its own transforms
 *  apply (not for the kustomization being analysed: its entries show what they make of the images). */
interface KustomizeVisit {
  dir: string;
  root: unknown;
  depth: number;
  own: boolean;
}

/** The images a kustomization folder produces: its resources' images, with its own transforms applied. */
function producedImages(visit: KustomizeVisit, walk: KustomizeWalk): string[] {
  const { dir, root, depth, own } = visit;
  const { read, seen, unread } = walk;
  // keyed by real path: `ln -s . l1` listed as a resource is the same folder, not a new one
  const key = realPathOf(dir);
  if (depth > MAX_DEPTH || seen.has(key)) return [];
  if (seen.size >= MAX_VISITS) {
    unread.push(`${path.basename(dir)} (over ${MAX_VISITS} kustomizations)`);
    return [];
  }
  seen.add(key);
  const images: string[] = [];
  for (const r of resourcesOf(root)) {
    // remote bases are not fetched; like unreadable resources, they are named in the note
    if (/^[a-z]+:\/\//i.test(r) || r.includes('?ref=')) {
      unread.push(r);
      continue;
    }
    const p = path.resolve(dir, r);
    const k = KUSTOMIZATION_FILES.map((f) => [path.join(p, f), read(path.join(p, f))] as const).find(([, t]) => t);
    if (k)
      images.push(...producedImages({ dir: p, root: yamlRoot(k[1] as string), depth: depth + 1, own: true }, walk));
    else {
      const t = read(p);
      if (t === undefined) unread.push(r);
      else images.push(...analyseYaml(t).uses.flatMap((u) => (u.resolved ? [u.resolved] : [])));
    }
  }
  const transforms = own ? transformsOf(root) : [];
  return images.map((i) => {
    const t = transforms.find((x) => x.name === imageName(i));
    return t ? applyTransform(i, t) : i;
  });
}

/** A kustomization's images, read in steps: a pause may come between them while it is parsed. */
export function* analyseKustomization(
  text: string,
  file: string,
  read: ReadSide,
): Generator<void, { uses: ImageUse[]; parseError?: string; note?: string }> {
  const parsed = yield* readYamlDocumentSteps(text);
  if ('parseError' in parsed) return { uses: [], parseError: parsed.parseError };
  const { root, lc } = parsed;
  const images = isMap(root) ? root.get('images', true) : undefined;
  if (!isSeq(images)) return { uses: [] };
  // the resources' images before this kustomization's own transforms
  const dir = path.dirname(file);
  const unread: string[] = [];
  const before = producedImages({ dir, root, depth: 0, own: false }, { read, seen: new Set(), unread });
  const note = unread.length
    ? `Kustomize: ${unread.length} resource${unread.length === 1 ? '' : 's'} not read, so their images are not seen: check them by hand. Not read: ${unread.slice(0, 3).join(', ')}${unread.length > 3 ? ', …' : ''}.`
    : undefined;
  const uses: ImageUse[] = [];
  images.items.forEach((e, i) => {
    if (!isMap(e)) return;
    const name = field(lc, e, 'name');
    if (!name) return;
    const newName = field(lc, e, 'newName');
    const newTag = field(lc, e, 'newTag');
    const digest = field(lc, e, 'digest');
    const t: Transform = { name: name.value, newName: newName?.value, newTag: newTag?.value, digest: digest?.value };
    const matched = [...new Set(before.filter((b) => imageName(b) === t.name))];
    const results = matched.length
      ? [...new Set(matched.map((m) => applyTransform(m, t)))]
      : [applyTransform(t.name, t)];
    const at = newTag ?? digest ?? newName ?? name;
    const start = nodeRange(lc, e as unknown as Node).start;
    for (const image of results)
      uses.push({
        kind: 'yaml',
        text: image,
        resolved: image,
        unresolved: [],
        range: at.range,
        yamlPath: `kustomization images[${i}]`,
        note: matched.length
          ? `Kustomize: ${t.name} in the resources becomes ${image}`
          : `Kustomize: no resource names ${t.name}; checked as ${image}`,
        fields: {
          convention: 'kustomize',
          name: newName,
          tag: newTag,
          digest,
          currentName: newName?.value ?? name.value,
          insertAfter: { line: name.range.start.line, indent: start.character },
        },
      });
  });
  return { uses, note };
}
