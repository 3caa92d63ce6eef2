// Carries out a mirror plan: copies first (each blob before its manifest, the tag last), then the
// workspace's builds in base-of-base order through the build runner, pushed under PREFIX. Progress is
// one line per image and per blob; a cancelled run stops at once and has written no partial tag.
import { BuildPlan, makePlan, PlanInput } from '../build/plan';
import { runPlan } from '../build/runner';
import { WorkspaceGraph } from '../build/workspace';
import { formatRef, parseImageRef } from '../imageRef';
import { formatSize } from '../fs/readText';
import { Platform } from '../platform';
import { RegistryClient } from '../registry/client';
import { RegistryWriter } from '../registry/writer';
import { BlobHolders, copyImage, CopyEvent } from './copyImage';
import { MirrorItem, MirrorPlan } from './plan';

export interface ItemResult {
  item: MirrorItem;
  ok: boolean;
  message: string;
}

export interface RunMirrorOptions {
  plan: MirrorPlan;
  client: RegistryClient;
  writer: RegistryWriter;
  target: Platform;
  signal?: AbortSignal;
  onLine: (line: string) => void;
  /** What a build of this workspace is given (builder, build args, smoke); absent: builds are skipped. */
  build?: { graph: WorkspaceGraph; input: Omit<PlanInput, 'dockerfile' | 'tag' | 'push'> };
}

const short = (d: string) => d.replace(/^sha256:/, '').slice(0, 12);

function progress(onLine: (l: string) => void): (e: CopyEvent) => void {
  const shown = new Map<string, number>();
  return (e) => {
    if (e.kind === 'manifest') onLine(`      ${e.digest} (${e.blobs} blobs, ${formatSize(e.bytes)})`);
    else if (e.kind === 'blob')
      onLine(
        `      ${short(e.digest)} ${formatSize(e.size)}: ${e.outcome === 'present' ? 'already there' : e.outcome}`,
      );
    else if (e.size > 8 * 1024 * 1024) {
      // a big layer says how far it got every quarter
      const q = Math.floor((4 * e.sent) / e.size);
      if (q > (shown.get(e.digest) ?? 0) && q < 4) {
        shown.set(e.digest, q);
        onLine(`      ${short(e.digest)} ${q * 25}% of ${formatSize(e.size)}`);
      }
    }
  };
}

async function copyOne(o: RunMirrorOptions, it: MirrorItem, holders: BlobHolders): Promise<ItemResult> {
  const from = parseImageRef(it.from ?? it.image);
  const to = parseImageRef(it.target);
  if (!from.ok || !to.ok)
    return { item: it, ok: false, message: from.ok ? (to as { error: string }).error : from.error };
  try {
    const r = await copyImage({
      writer: o.writer,
      client: o.client,
      from: from.ref,
      to: to.ref,
      target: o.target,
      holders,
      label: it.target,
      onEvent: progress(o.onLine),
    });
    const sent = r.blobs.filter((b) => b.outcome === 'sent').length;
    const foreign = r.foreign.length ? `; ${r.foreign.length} foreign layers left to their URLs` : '';
    const sub = it.substituted ? ` (substituted: ${it.from} under ${it.image}'s name)` : '';
    return {
      item: it,
      ok: true,
      message: `copied ${formatRef(to.ref)} ${r.digest}${sub}: ${sent} of ${r.blobs.length} blobs sent${foreign}`,
    };
  } catch (e) {
    if (o.signal?.aborted) throw e;
    return { item: it, ok: false, message: `not copied: ${(e as Error).message}` };
  }
}

async function buildOne(o: RunMirrorOptions, it: MirrorItem, plan: BuildPlan): Promise<ItemResult> {
  const r = await runPlan(plan, {
    signal: o.signal,
    onOutput: (t) => t.split('\n').forEach((l) => l && o.onLine(`      ${l}`)),
  });
  if (o.signal?.aborted) throw new Error('cancelled');
  return { item: it, ok: r.ok, message: r.ok ? `built and pushed ${it.target}` : `build failed: ${r.summary}` };
}

export async function runMirror(o: RunMirrorOptions): Promise<ItemResult[]> {
  const results: ItemResult[] = [];
  const holders: BlobHolders = new Map();
  const copies = o.plan.items.filter((i) => i.action === 'copy');
  const total = o.plan.items.filter((i) => i.action !== 'missing').length;
  let n = 0;
  for (const it of copies) {
    if (o.signal?.aborted) break;
    o.onLine(`[${++n}/${total}] copy ${it.from} -> ${it.target}`);
    const r = await copyOne(o, it, holders);
    o.onLine(`      ${r.message}`);
    results.push(r);
  }
  const builds = o.plan.items.filter((i) => i.action === 'build');
  const order = o.build?.graph.order ?? [];
  builds.sort((a, b) => order.indexOf(a.dockerfile ?? '') - order.indexOf(b.dockerfile ?? ''));
  for (const it of builds) {
    if (o.signal?.aborted) break;
    o.onLine(`[${++n}/${total}] build ${it.target} from ${it.dockerfile}`);
    const node = it.dockerfile ? o.build?.graph.nodes.get(it.dockerfile) : undefined;
    if (!o.build || !node) {
      results.push({ item: it, ok: false, message: 'not built: no builder for this run' });
      continue;
    }
    const plan = makePlan({
      ...o.build.input,
      dockerfile: node.dockerfile,
      context: node.plan.context,
      buildArgs: node.plan.buildArgs,
      baseImages: node.plan.baseImages,
      tag: it.target,
      push: true,
    });
    const r = await buildOne(o, it, plan);
    o.onLine(`      ${r.message}`);
    results.push(r);
  }
  return results;
}
