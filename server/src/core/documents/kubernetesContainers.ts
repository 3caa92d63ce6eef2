// Image fields of Kubernetes objects: containers, initContainers and ephemeralContainers at any depth of
// a document that has apiVersion and kind (Pod, Deployment, CronJob's jobTemplate, List items, CRDs
// embedding pod specs). Find the container entries, then read each one's image and pull policy.
import type { Node, YAMLMap } from 'yaml';
import { isMap, isScalar, isSeq } from './yamlLib';
import { ImageUse } from '../types';
import { scalarString } from './yamlNodes';
import { unreadableUse, YamlReadContext } from './yamlUses';

const CONTAINER_KEYS = new Set(['containers', 'initContainers', 'ephemeralContainers']);
const MAX_DEPTH = 200;

interface ContainerAt {
  /** The entry, aliases followed. */
  node: unknown;
  /** The entry as written (an alias, when it is one). */
  written: unknown;
  /** `Deployment.spec.template.spec.containers[0]` */
  path: string;
}

/** Every entry of every container list under `root`, in document order. */
function findContainers(root: YAMLMap, ctx: YamlReadContext): ContainerAt[] {
  const found: ContainerAt[] = [];
  const list = (items: unknown[], path: string) =>
    items.forEach((c, i) => found.push({ node: ctx.scope.deref(c), written: c, path: `${path}[${i}]` }));
  const walk = (n: unknown, depth: number, path: string) => {
    if (depth > MAX_DEPTH) return;
    if (isSeq(n)) n.items.forEach((x, i) => walk(x, depth + 1, `${path}[${i}]`));
    if (!isMap(n)) return;
    for (const pair of n.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const value = ctx.scope.deref(pair.value);
      if (key && CONTAINER_KEYS.has(key) && isSeq(value)) list(value.items, `${path}.${key}`);
      else walk(value, depth + 1, key ? `${path}.${key}` : path);
    }
  };
  walk(root, 0, String(scalarString(root.get('kind', true)) ?? ''));
  return found;
}

function containerUse(c: ContainerAt, ctx: YamlReadContext): ImageUse {
  const { scope } = ctx;
  if (!isMap(c.node)) return unreadableUse(ctx, c.node ?? c.written, c.path, 'this container is not a mapping');
  const raw = scope.lookup(c.node, 'image');
  const imageNode = scope.deref(raw) as Node | undefined;
  const image = scalarString(imageNode);
  if (!imageNode || image === undefined) {
    const why = raw === undefined ? 'this container names no image' : 'its image is not a plain string';
    return unreadableUse(ctx, imageNode ?? c.node, c.path, why);
  }
  const policyNode = scope.deref(scope.lookup(c.node, 'imagePullPolicy')) as Node | undefined;
  const policy = scalarString(policyNode);
  return {
    kind: 'yaml',
    text: image,
    resolved: image.includes('$') ? undefined : image,
    range: ctx.range(imageNode),
    unresolved: image.includes('$') ? [image] : [],
    yamlPath: c.path,
    pullPolicy: policyNode && policy !== undefined ? { value: policy, range: ctx.range(policyNode) } : undefined,
  };
}

/** The image uses of one Kubernetes document, in document order. */
export function kubernetesUses(root: YAMLMap, ctx: YamlReadContext): ImageUse[] {
  return findContainers(root, ctx).map((c) => containerUse(c, ctx));
}
