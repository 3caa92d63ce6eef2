// Image fields of Compose files: `services.*.image`, with `platform:`, `build:`, anchors and merge keys
// followed and `${VAR:-default}` interpolated. Find the services, then read each one's image.
import type { Node, Pair, YAMLMap } from 'yaml';
import { isMap, isScalar } from './yamlLib';
import { ImageUse } from '../types';
import { substitute } from './buildArgs';
import { scalarString } from './yamlNodes';
import { unreadableUse, YamlReadContext } from './yamlUses';

interface ServiceAt {
  name: string;
  pair: Pair;
  /** The service's value, aliases followed. */
  node: unknown;
}

/** A service whose image: is a plain string. */
interface ServiceImage {
  name: string;
  service: YAMLMap;
  /** image: as found (an alias, when it is one), and the scalar it names. */
  raw: unknown;
  node: Node;
  image: string;
}

function findServices(services: YAMLMap, ctx: YamlReadContext): ServiceAt[] {
  return services.items.map((pair) => ({
    name: isScalar(pair.key) ? String(pair.key.value) : '?',
    pair: pair as Pair,
    node: ctx.scope.deref(pair.value),
  }));
}

/** The use of one service: its image, what says it is unreadable, or nothing (an empty service; a service
 *  that only builds, which Compose names itself). */
function serviceUse(s: ServiceAt, ctx: YamlReadContext): ImageUse | undefined {
  const where = `services.${s.name}`;
  const service = s.node;
  if (!isMap(service)) {
    const empty = service === null || (isScalar(service) && service.value === null);
    return empty ? undefined : unreadableUse(ctx, s.pair.value ?? s.pair.key, where, 'the service is not a mapping');
  }
  const raw = ctx.scope.lookup(service, 'image');
  const node = ctx.scope.deref(raw) as Node | undefined;
  const image = scalarString(node);
  if (node && image !== undefined) return imageUse({ name: s.name, service, raw, node, image }, ctx);
  if (raw === undefined && ctx.scope.lookup(service, 'build') !== undefined) return undefined;
  const why = raw === undefined ? 'the service has neither image: nor build:' : 'its image: is not a plain string';
  return unreadableUse(ctx, node ?? service, where, why);
}

function imageUse(s: ServiceImage, ctx: YamlReadContext): ImageUse {
  const platformNode = ctx.scope.deref(ctx.scope.lookup(s.service, 'platform'));
  const platform = scalarString(platformNode);
  // Compose interpolation: ${VAR:-default} gives its default; a bare $VAR comes from the environment
  const sub = substitute(s.image, new Map());
  const use: ImageUse = {
    kind: 'yaml',
    text: s.image,
    resolved: sub.unresolved.length ? undefined : sub.value,
    range: ctx.range(s.node),
    unresolved: sub.unresolved.length ? [s.image] : [],
    platform,
    // the same warning as FROM --platform: a pinned service is checked (and run) for that platform
    ...(platform && isScalar(platformNode)
      ? { platformFlag: { value: platform, range: ctx.range(platformNode) } }
      : {}),
    yamlPath: `services.${s.name}`,
  };
  if (sub.value !== s.image && !sub.unresolved.length)
    use.note = `${s.image} resolves to ${sub.value} when no variable is set.`;
  // with `build:`, `image:` names what the build produces, not something to pull
  if (ctx.scope.lookup(s.service, 'build') !== undefined) {
    use.informational = true;
    use.resolved = undefined;
    use.note = `Built by this service's \`build:\` and tagged ${s.image}: build it for the target (docker compose build, with \`platform:\`).`;
  }
  if (s.raw !== s.node || !s.service.has('image'))
    use.note = `${use.note ? use.note + ' ' : ''}Taken through a YAML anchor or merge key.`;
  return use;
}

/** The image uses of one Compose document's `services:`, in document order. */
export function composeUses(services: YAMLMap, ctx: YamlReadContext): ImageUse[] {
  return findServices(services, ctx).flatMap((s) => serviceUse(s, ctx) ?? []);
}
