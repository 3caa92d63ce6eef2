// The workspace as a build graph: an image one Dockerfile produces (by the tag template and its
// VERSION file) that another uses in FROM is an edge. Gives the base-of-base build order, cycles,
// images that look like ours but have no producer, and a docker-bake.json with the same targets.
import path from 'node:path';
import { detectFileKind } from '../documents/fileKind';
import { formatRef, parseImageRef, writtenBaseName } from '../imageRef';
import { siblingFileArgs } from '../documents/siblingFiles';
import { findFiles } from '../fs/walk';
import { readTextFile, SIDE_FILE_CAP_BYTES } from '../fs/readText';
import { analyseBaseimage } from '../documents/baseimage';
import { baseimageFileFor } from '../documents/siblingFiles';
import { formatPlatform, Platform } from '../platform';
import { BuildPlan, makePlan, PlanError, PlanInput } from './plan';

export interface WorkspaceNode {
  dockerfile: string;
  plan: BuildPlan;
  /** References this Dockerfile's FROM lines use (normalised when they parse; `REGISTRY/agnhost:2.33`
   *  from an image-util.sh BASEIMAGE does not). */
  uses: { image?: string; written: string; fromBaseimage?: boolean }[];
  dependsOn: string[];
}

export interface WorkspaceGraph {
  nodes: Map<string, WorkspaceNode>;
  order: string[];
  cycles: string[][];
  /** FROM images that match the tag template but no Dockerfile here produces. */
  missing: { dockerfile: string; image: string }[];
}

/** The target line of the BASEIMAGE file beside a Dockerfile, as written. */
function baseimageWritten(dockerfile: string, target: Platform): string | undefined {
  const text = readTextFile(baseimageFileFor(dockerfile), SIDE_FILE_CAP_BYTES);
  if (text === undefined) return undefined;
  return analyseBaseimage(text, target).uses.find((u) => !u.informational)?.text || undefined;
}

const norm = (s: string): string | undefined => {
  const r = parseImageRef(s);
  return r.ok ? formatRef(r.ref) : undefined;
};

function templateRegex(template: string, target: Platform): RegExp {
  const literal = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const parts = template.split(/(\{(?:name|tag|arch|debianArch|os)\})/);
  const re = parts
    .map((p) => {
      if (p === '{name}' || p === '{tag}') return '[^/:@]+';
      if (p === '{arch}') return literal(target.arch.oci);
      if (p === '{debianArch}') return literal(target.arch.debian ?? target.arch.oci);
      if (p === '{os}') return literal(target.os);
      return literal(p);
    })
    .join('');
  return new RegExp(`^${re}$`);
}

/** What every plan of a workspace is made with. */
export type WorkspaceInput = Omit<PlanInput, 'dockerfile' | 'tag' | 'context'> & {
  contextMode?: 'dockerfile' | 'workspace';
};

export function workspaceGraph(root: string, base: WorkspaceInput): WorkspaceGraph {
  const files = findFiles([root], (f) => detectFileKind(f) === 'dockerfile')
    .files.filter((f) => detectFileKind(f) === 'dockerfile')
    .sort();
  const nodes = new Map<string, WorkspaceNode>();
  const producers = new Map<string, string>();
  for (const f of files) {
    const plan = makePlan({ ...base, dockerfile: f, context: base.contextMode === 'workspace' ? root : undefined });
    const uses = plan.uses
      .filter((u) => u.kind === 'from' && u.resolved && !u.nativeStage)
      .map((u) => ({ image: norm(u.resolved as string), written: u.resolved as string })) as WorkspaceNode['uses'];
    // image-util.sh's `REGISTRY/agnhost:2.33` is left unresolved by the analysis: its written name still says
    // which image of this workspace it is
    const placeholder = plan.unresolved.includes('BASEIMAGE') ? baseimageWritten(f, base.target) : undefined;
    if (placeholder) uses.push({ written: placeholder, fromBaseimage: true });
    nodes.set(f, { dockerfile: f, plan, uses, dependsOn: [] });
    const t = norm(plan.tag);
    if (t) producers.set(t, f);
  }
  // a base named like an image built here (kitten's `REGISTRY/agnhost:2.33`) is that image: base-of-base
  const named = new Map<string, string | null>();
  for (const n of nodes.values()) named.set(n.plan.name, named.has(n.plan.name) ? null : n.dockerfile);
  const missing: WorkspaceGraph['missing'] = [];
  const tpl = templateRegex(base.tagTemplate || '{name}:{tag}-{arch}', base.target);
  for (const n of nodes.values()) {
    for (const u of n.uses) {
      const exact = u.image ? producers.get(u.image) : undefined;
      const byName =
        !exact && u.written.includes('/') ? (named.get(writtenBaseName(u.written)) ?? undefined) : undefined;
      const p = exact ?? byName;
      if (p && p !== n.dockerfile) {
        n.dependsOn.push(p);
        // the BASEIMAGE that names it is built from what this workspace built for the target
        if (byName) {
          const producer = nodes.get(p)!.plan;
          const notes = n.plan.notes;
          const viaArg = u.fromBaseimage || n.plan.buildArgs.BASEIMAGE === u.written;
          // a FROM that names it literally gets the target build in its place (named context or local tag)
          n.plan = makePlan({
            ...base,
            dockerfile: n.dockerfile,
            context: base.contextMode === 'workspace' ? root : undefined,
            buildArgs: viaArg ? { ...n.plan.buildArgs, BASEIMAGE: producer.tag } : n.plan.buildArgs,
            baseImages: viaArg ? n.plan.baseImages : { ...n.plan.baseImages, [u.written]: producer.tag },
          });
          n.plan.notes = [
            ...notes,
            ...n.plan.notes.filter((x) => !notes.includes(x)),
            `${viaArg ? 'BASEIMAGE' : 'FROM'} ${u.written} is built here (${path.relative(root, p)}): building on ${producer.tag}`,
          ];
        }
      } else if (!p && tpl.test(u.written)) missing.push({ dockerfile: n.dockerfile, image: u.written });
    }
    n.dependsOn = [...new Set(n.dependsOn)];
  }
  // Kahn's algorithm, alphabetical among the ready ones so the order is stable.
  const indeg = new Map([...nodes.keys()].map((k) => [k, nodes.get(k)!.dependsOn.length]));
  const order: string[] = [];
  const ready = [...indeg]
    .filter(([, d]) => d === 0)
    .map(([k]) => k)
    .sort();
  while (ready.length) {
    const k = ready.shift() as string;
    order.push(k);
    for (const n of nodes.values()) {
      if (!n.dependsOn.includes(k)) continue;
      const d = (indeg.get(n.dockerfile) as number) - 1;
      indeg.set(n.dockerfile, d);
      if (d === 0) {
        ready.push(n.dockerfile);
        ready.sort();
      }
    }
  }
  const cycles: string[][] = [];
  const left = new Set([...nodes.keys()].filter((k) => !order.includes(k)));
  const seen = new Set<string>();
  for (const start of left) {
    if (seen.has(start)) continue;
    const pathStack: string[] = [];
    let cur: string | undefined = start;
    while (cur && !pathStack.includes(cur)) {
      pathStack.push(cur);
      cur = nodes.get(cur)!.dependsOn.find((d) => left.has(d));
    }
    const cycle = cur ? pathStack.slice(pathStack.indexOf(cur)) : pathStack;
    cycle.forEach((c) => seen.add(c));
    cycles.push(cycle);
  }
  return { nodes, order, cycles, missing };
}

/** One Dockerfile's build in its workspace, resolved as `build --all` resolves it. */
export interface WorkspaceBuild {
  plan: BuildPlan;
  /** Images of the workspace it builds on (and theirs), bases first. */
  producers: BuildPlan[];
  /** The cycle it is part of, if any. */
  cycle?: string[];
}

/** A single build: a FROM or BASEIMAGE naming an image a Dockerfile under `root` builds (kitten's
 *  `REGISTRY/agnhost:2.33-linux-mips64le`) builds on that build, as in `build --all`; `own` is what the
 *  user gave for this image only (its tag and context). */
export function workspaceBuild(
  dockerfile: string,
  root: string,
  base: WorkspaceInput,
  own: { tag?: string; context?: string } = {},
): WorkspaceBuild {
  const file = path.resolve(dockerfile);
  const alone = (): WorkspaceBuild => ({ plan: makePlan({ ...base, ...own, dockerfile: file }), producers: [] });
  let g: WorkspaceGraph;
  try {
    g = workspaceGraph(path.resolve(root), base);
  } catch (e) {
    // another Dockerfile's plan cannot be made (its template gives no valid tag): this one is built alone
    if (e instanceof PlanError) return alone();
    throw e;
  }
  const node = g.nodes.get(file);
  if (!node) return alone();
  const need = new Set<string>();
  const visit = (f: string) => {
    for (const d of g.nodes.get(f)!.dependsOn)
      if (!need.has(d)) {
        need.add(d);
        visit(d);
      }
  };
  visit(file);
  need.delete(file);
  const cycle = g.cycles.find((c) => c.includes(file));
  const producers = g.order.filter((f) => need.has(f)).map((f) => g.nodes.get(f)!.plan);
  let plan = node.plan;
  if (own.tag !== undefined || own.context !== undefined) {
    const { buildArgs, baseImages, notes } = node.plan;
    plan = makePlan({ ...base, ...own, dockerfile: file, buildArgs, baseImages });
    plan.notes = [...notes, ...plan.notes.filter((n) => !notes.includes(n))];
  }
  return { plan, producers, ...(cycle ? { cycle } : {}) };
}

/** Why a plan's FROM has no value, in words that are true of its BASEIMAGE file (`where`: the folder
 *  searched for the images it names). */
export function unresolvedReason(plan: BuildPlan, target: Platform, where?: string): string {
  const args = `FROM needs ${plan.unresolved.map((u) => `--build-arg ${u}=…`).join(' ')}`;
  if (!plan.unresolved.includes('BASEIMAGE')) return `${args} (no default)`;
  const beside = siblingFileArgs(plan.dockerfile, target, readTextFile)?.BASEIMAGE;
  if (!beside) return `${args} (no default, and no BASEIMAGE file beside it)`;
  const written = baseimageWritten(plan.dockerfile, target);
  if (written && /^REGISTRY\//.test(written))
    return `${args}: its BASEIMAGE line for ${formatPlatform(target)} names ${written} (image-util.sh puts its registry in place of REGISTRY/), and no Dockerfile${where ? ` under ${where}` : ''} builds ${writtenBaseName(written)}: build that image here, or pass its name`;
  return `${args} (no default; ${beside.origin})`;
}

/** A docker-bake.json with the same targets, platforms and named contexts (dependencies). */
export function bakeFile(g: WorkspaceGraph, root: string): object {
  const names = new Map<string, string>();
  const used = new Set<string>();
  for (const f of g.order.concat([...g.nodes.keys()].filter((k) => !g.order.includes(k)))) {
    let n = g.nodes.get(f)!.plan.name.replace(/[^A-Za-z0-9_-]/g, '-');
    while (used.has(n)) n += '_';
    used.add(n);
    names.set(f, n);
  }
  const target: Record<string, object> = {};
  for (const [f, n] of names) {
    const node = g.nodes.get(f)!;
    const contexts: Record<string, string> = {};
    for (const u of node.uses) {
      const producer = [...g.nodes.values()].find((x) => x.dockerfile !== f && norm(x.plan.tag) === u.image);
      if (producer) contexts[u.written] = `target:${names.get(producer.dockerfile)}`;
    }
    target[n] = {
      context: path.relative(root, node.plan.context) || '.',
      // a prepared image-util.sh template goes inline: the bake file must not name a temp path
      ...(node.plan.prepared
        ? { 'dockerfile-inline': node.plan.prepared.text }
        : { dockerfile: path.relative(node.plan.context, f) }),
      tags: [node.plan.tag],
      platforms: [node.plan.platform],
      ...(Object.keys(node.plan.buildArgs).length ? { args: node.plan.buildArgs } : {}),
      ...(Object.keys(contexts).length ? { contexts } : {}),
    };
  }
  return { group: { default: { targets: g.order.map((f) => names.get(f)) } }, target };
}
