// The plan for serving an image set from the user's registry: per image, copy (the target can pull it
// today), build (this workspace has its Dockerfile) or missing (with its ranked replacements; with
// `substitute` the first one is copied under the expected name, and the plan says so).
import path from 'node:path';
import { AvailabilityResolver } from '../availability/resolver';
import { WorkspaceGraph } from '../build/workspace';
import { parseImageRef, writtenBaseName } from '../imageRef';
import { formatPlatform, Platform } from '../platform';
import { Status, Suggestion, VerdictSource } from '../types';
import { Prefix, servedName } from './names';

export type MirrorAction = 'copy' | 'build' | 'missing';

export interface PlanImage {
  /** Normalised reference as the workload pulls it. */
  image: string;
  /** Files (or list lines) that name it. */
  usedIn: string[];
  /** Name under PREFIX when a repo list decides it (manifest.go entries); else the repository below PREFIX. */
  target?: string;
}

export interface MirrorItem {
  image: string;
  action: MirrorAction;
  /** Where it is served: the name the workload will pull from PREFIX. */
  target: string;
  /** What is copied (the image itself, or with --substitute its first replacement). */
  from?: string;
  substituted?: boolean;
  /** build: the Dockerfile that makes it. */
  dockerfile?: string;
  status: Status;
  source: VerdictSource;
  reason: string;
  replacements: Suggestion[];
  usedIn: string[];
}

export interface MirrorPlan {
  platform: string;
  prefix: string;
  items: MirrorItem[];
}

/** The Dockerfile of the workspace that builds this image: the one named like its last path part, unless
 *  that Dockerfile starts FROM the image itself (a port of it, not its maker). */
function builderOf(image: string, graph: WorkspaceGraph | undefined): string | undefined {
  if (!graph) return undefined;
  const r = parseImageRef(image);
  if (!r.ok) return undefined;
  const name = writtenBaseName(r.ref.repository);
  const hits = [...graph.nodes.values()].filter((n) => n.plan.name === name && !n.uses.some((u) => u.image === image));
  return hits.length === 1 ? hits[0].dockerfile : undefined;
}

export async function makeMirrorPlan(o: {
  images: PlanImage[];
  prefix: Prefix;
  target: Platform;
  resolver: AvailabilityResolver;
  graph?: WorkspaceGraph;
  substitute?: boolean;
  root?: string;
}): Promise<MirrorPlan> {
  const items: MirrorItem[] = [];
  const verdicts = await Promise.all(
    o.images.map(async (img) => {
      const r = parseImageRef(img.image);
      return r.ok ? { ref: r.ref, v: await o.resolver.resolve(r.ref, o.target) } : { error: r.error };
    }),
  );
  o.images.forEach((img, i) => {
    const got = verdicts[i];
    const base = { image: img.image, usedIn: img.usedIn };
    if (!('ref' in got) || !got.ref) {
      items.push({
        ...base,
        action: 'missing',
        target: img.target ?? img.image,
        status: 'unknown',
        source: 'knowledge-base',
        reason: `not an image reference: ${got.error}`,
        replacements: [],
      });
      return;
    }
    const { ref, v } = got;
    const target = img.target ?? servedName(o.prefix, ref);
    const common = { ...base, target, status: v.status, source: v.source, replacements: v.suggestions };
    if (v.status === 'available') {
      items.push({ ...common, action: 'copy', from: img.image, reason: v.reason });
      return;
    }
    const dockerfile = builderOf(img.image, o.graph);
    if (dockerfile) {
      const shown = o.root ? path.relative(o.root, dockerfile) || dockerfile : dockerfile;
      items.push({ ...common, action: 'build', dockerfile, reason: `${shown} in this workspace builds it` });
      return;
    }
    const first = v.suggestions[0];
    if (o.substitute && first) {
      items.push({
        ...common,
        action: 'copy',
        from: first.image,
        substituted: true,
        reason: `${v.reason} Substituted: ${first.image} is copied under this name (${first.reason}).`,
      });
      return;
    }
    items.push({ ...common, action: 'missing', reason: v.reason });
  });
  return { platform: formatPlatform(o.target), prefix: o.prefix.text, items };
}

/** The plan as text: one line per image, replacements under the missing ones. */
export function planText(plan: MirrorPlan): string {
  const out: string[] = [];
  for (const it of plan.items) {
    if (it.action === 'copy')
      out.push(`copy     ${it.from} -> ${it.target}${it.substituted ? ` (substitute for ${it.image})` : ''}`);
    else if (it.action === 'build') out.push(`build    ${it.target} (${it.reason})`);
    else {
      out.push(`missing  ${it.image} (${it.status}): ${it.reason}`);
      it.replacements.forEach((s, i) => out.push(`           ${i + 1}. ${s.image} — ${s.reason}`));
    }
  }
  const count = (a: MirrorAction) => plan.items.filter((i) => i.action === a).length;
  out.push(
    `${plan.items.length} images for ${plan.platform} by ${plan.prefix}: ` +
      `${count('copy')} to copy, ${count('build')} to build, ${count('missing')} missing`,
  );
  return out.join('\n') + '\n';
}
