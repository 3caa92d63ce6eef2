// Which kustomizations deploy a YAML file (a resource of a Kustomize base) and what each makes of its
// images: every `images:` entry on the way from the file up to a kustomization nothing else includes
// (the one `kubectl apply -k` is run on) is applied, innermost first, as kustomize does.
import path from 'node:path';
import {
  applyTransform,
  imageName,
  KUSTOMIZATION_FILES,
  resourcesOf,
  Transform,
  transformsOf,
} from '../documents/kustomization';
import { yamlRoot } from '../documents/yamlNodes';

/** Overlays sit beside their base (`overlays/prod` → `../../base`): looked for from this many folders
 *  above the file, this deep below that, in at most this many folders. */
const UP = 3;
const DOWN = 5;
const MAX_FOLDERS = 400;
const MAX_CHAINS = 50;

export type ReadFile = (file: string) => string | undefined;
export type ListFolders = (dir: string) => string[] | undefined;

interface Kustomization {
  dir: string;
  resources: string[];
  transforms: Transform[];
}

export interface Deployment {
  /** The kustomization folder that is applied, relative to the folder holding it and the file. */
  kustomization: string;
  /** The image it deploys for the image the file names. */
  image: string;
}

/** What each kustomization deploying the file makes of an image the file names ([] when none does). */
export type Deployments = (image: string) => Deployment[];

function kustomizationIn(dir: string, read: ReadFile): Kustomization | undefined {
  for (const f of KUSTOMIZATION_FILES) {
    const text = read(path.join(dir, f));
    if (text === undefined) continue;
    const root = yamlRoot(text);
    return { dir, resources: resourcesOf(root).map((r) => path.resolve(dir, r)), transforms: transformsOf(root) };
  }
  return undefined;
}

/** Every kustomization under `top`, nearest folders first, bounded in depth and in folders visited. */
function kustomizationsUnder(top: string, read: ReadFile, list: ListFolders): Kustomization[] {
  const found: Kustomization[] = [];
  const queue: [string, number][] = [[top, 0]];
  for (let visited = 0; queue.length && visited < MAX_FOLDERS; visited++) {
    const [dir, depth] = queue.shift()!;
    const k = kustomizationIn(dir, read);
    if (k) found.push(k);
    if (depth < DOWN) for (const sub of list(dir) ?? []) queue.push([path.join(dir, sub), depth + 1]);
  }
  return found;
}

interface Chain {
  /** The applied kustomization's folder. */
  dir: string;
  /** Each kustomization's entries on the way, the file's own kustomization first. */
  transforms: Transform[][];
}

function chainsTo(target: string, all: Kustomization[], seen: Set<string>, acc: Transform[][], out: Chain[]): void {
  for (const k of all) {
    if (out.length >= MAX_CHAINS) return;
    if (seen.has(k.dir) || !k.resources.includes(target)) continue;
    const transforms = [...acc, k.transforms];
    if (all.some((g) => g.resources.includes(k.dir))) chainsTo(k.dir, all, new Set([...seen, k.dir]), transforms, out);
    else out.push({ dir: k.dir, transforms });
  }
}

function commonFolder(dirs: string[]): string {
  return dirs.reduce((a, b) => {
    while (a !== path.dirname(a) && path.relative(a, b).startsWith('..')) a = path.dirname(a);
    return a;
  });
}

/** The kustomizations deploying `file`, when one beside or above it lists it; `list` bounds the search
 *  (it answers undefined outside the workspace). */
export function kustomizeDeployments(file: string, read: ReadFile, list: ListFolders): Deployments | undefined {
  const ancestors: string[] = [];
  for (let d = path.dirname(file), i = 0; i <= UP && list(d) !== undefined; d = path.dirname(d), i++) {
    ancestors.push(d);
    if (d === path.dirname(d)) break;
  }
  // cheap first: most YAML files are in no kustomization, and then no folder is walked
  if (!ancestors.some((d) => kustomizationIn(d, read)?.resources.includes(file))) return undefined;
  const chains: Chain[] = [];
  chainsTo(file, kustomizationsUnder(ancestors[ancestors.length - 1], read, list), new Set(), [], chains);
  if (!chains.length) return undefined;
  const common = commonFolder([path.dirname(file), ...chains.map((c) => c.dir)]);
  return (image) =>
    chains.map((c) => ({
      kustomization: path.relative(common, c.dir).split(path.sep).join('/') || '.',
      image: c.transforms.reduce((i, ts) => {
        const t = ts.find((x) => x.name === imageName(i));
        return t ? applyTransform(i, t) : i;
      }, image),
    }));
}
