// After a push: one tag that serves every platform. The existing index (or single image) at the join
// tag keeps its other platforms, the new target image replaces any old entry for the target, and
// `docker manifest` writes the list (it uses the user's docker login and mounts what it needs).
import { formatRef, ImageRef, parseImageRef } from '../imageRef';
import { formatPlatform, Platform, platformMatches } from '../platform';
import { RegistryClient } from '../registry/client';
import { runProcess } from '../process/runProcess';

export interface JoinResult {
  ok: boolean;
  summary: string;
  platforms: string[];
}

export async function joinManifest(o: {
  pushedTag: string;
  joinTag: string;
  target: Platform;
  insecure: boolean;
  client?: RegistryClient;
  onOutput?: (t: string) => void;
  signal?: AbortSignal;
}): Promise<JoinResult> {
  const pushed = parseImageRef(o.pushedTag);
  const join = parseImageRef(o.joinTag);
  if (!pushed.ok) return { ok: false, summary: `cannot join: ${o.pushedTag}: ${pushed.error}`, platforms: [] };
  if (!join.ok) return { ok: false, summary: `cannot join into ${o.joinTag}: ${join.error}`, platforms: [] };
  if (pushed.ref.registry !== join.ref.registry)
    return {
      ok: false,
      summary: `cannot join ${o.pushedTag} into ${o.joinTag}: they are on different registries`,
      platforms: [],
    };
  const client = o.client ?? new RegistryClient({ insecure: o.insecure ? [pushed.ref.registry] : [] });
  const repoOf = (r: ImageRef) => `${r.registry}/${r.repository}`;
  const mine = await client.entries(pushed.ref);
  if (!mine?.length)
    return { ok: false, summary: `cannot join: ${o.pushedTag} is not in the registry (push it first)`, platforms: [] };
  const existing = (await client.entries(join.ref)) ?? [];
  const keep = existing.filter(
    (e) => !e.platform || !platformMatches(o.target, e.platform.os, e.platform.architecture, e.platform.variant),
  );
  if (existing.length === 1 && !existing[0].platform) keep.length = 0; // a lone image at the join tag: replaced
  const refs = [
    ...keep.map((e) => `${repoOf(join.ref)}@${e.digest}`),
    ...mine.map((m) => `${repoOf(pushed.ref)}@${m.digest}`),
  ];
  const insecure = o.insecure ? ['--insecure'] : [];
  const name = formatRef(join.ref).replace(/^docker\.io\//, '');
  const create = await runProcess(
    ['docker', 'manifest', 'create', ...insecure, '--amend', name, ...refs.map((r) => r.replace(/^docker\.io\//, ''))],
    { onOutput: o.onOutput, signal: o.signal },
  );
  if (create.code !== 0)
    return {
      ok: false,
      summary: `docker manifest create failed: ${create.output.trim().split('\n').pop()}`,
      platforms: [],
    };
  const push = await runProcess(['docker', 'manifest', 'push', ...insecure, '--purge', name], {
    onOutput: o.onOutput,
    signal: o.signal,
  });
  if (push.code !== 0)
    return {
      ok: false,
      summary: `docker manifest push failed: ${push.output.trim().split('\n').pop()}`,
      platforms: [],
    };
  const after = await client.platforms(join.ref);
  const platforms = after.platforms.map((p) => `${p.os}/${p.architecture}${p.variant ? '/' + p.variant : ''}`);
  return {
    ok: platforms.includes(formatPlatform(o.target)),
    summary: `joined ${o.pushedTag} into ${o.joinTag}: ${platforms.join(', ')}`,
    platforms,
  };
}
