// `mips-port mirror [PATH…] --to PREFIX`: serve every image a workspace (or an image list) needs for the
// target from the user's registry — the plan, the copies and builds, the repo list, the final count.
import fs from 'node:fs';
import path from 'node:path';
import { BuilderSetting, detectBuilder } from '../core/build/builders';
import { workspaceGraph } from '../core/build/workspace';
import { loadRepoList } from '../core/documents/kubeRepoList';
import { formatPlatform, Platform } from '../core/platform';
import { checkEmulation } from '../core/build/binfmt';
import { RegistryClient } from '../core/registry/client';
import { RegistryWriter } from '../core/registry/writer';
import { collectList, collectScan, emptyCollection, isImageList, namesThroughList } from '../core/mirror/collect';
import { parsePrefix } from '../core/mirror/names';
import { makeMirrorPlan, planText } from '../core/mirror/plan';
import { repoListFor, repoListYaml } from '../core/mirror/repoListWriter';
import { runMirror } from '../core/mirror/run';
import { checkServed } from '../core/mirror/servedCheck';
import { readFromDisk, relativeName } from '../core/workspace/scan';
import { engineFromArgs } from './engineArgs';
import { builderArg, parseCommandArgs, UsageError } from './usage';

const USAGE = 'usage: mips-port mirror [PATH…] --to REGISTRY/PATH [--repo-list FILE] [--dry-run]';

const OWN = {
  to: { type: 'string' },
  'repo-list': { type: 'string' },
  substitute: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  builder: { type: 'string' },
} as const;

/** Splits this command's own flags from the engine's (which engineFromArgs parses strictly). */
function split(argv: string[]): { own: string[]; engine: string[] } {
  const own: string[] = [];
  const engine: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = /^--([a-z-]+)(=.*)?$/.exec(argv[i]);
    const spec = name ? OWN[name[1] as keyof typeof OWN] : undefined;
    if (!spec) engine.push(argv[i]);
    else if (spec.type === 'boolean' || name?.[2]) own.push(argv[i]);
    else own.push(argv[i], argv[++i] ?? '');
  }
  return { own, engine };
}

/** The builder for the images this workspace builds, or undefined (said why: the copies still run). */
async function builderForBuilds(setting: BuilderSetting, target: Platform, say: (l: string) => void) {
  const emulation = checkEmulation(target);
  if (!emulation.ok) {
    say(`mips-port: not building for ${formatPlatform(target)}: ${emulation.problem}`);
    return undefined;
  }
  try {
    return await detectBuilder(setting);
  } catch (e) {
    say(`mips-port: not building: ${(e as Error).message}`);
    return undefined;
  }
}

export async function runMirrorCommand(argv: string[]): Promise<number> {
  const { own, engine } = split(argv);
  const v = parseCommandArgs(own, OWN).values;
  const e = engineFromArgs(engine, ['text', 'json']);
  if (!v.to) throw new UsageError(USAGE);
  const pr = parsePrefix(v.to);
  if (!pr.ok) throw new UsageError(pr.error);
  const builderSetting = builderArg(v.builder);
  const prefix = pr.prefix;
  const target = e.settings.target;
  const cwd = process.cwd();
  const roots = (e.positionals.length ? e.positionals : ['.']).map((r) => path.resolve(cwd, r));
  for (const r of roots)
    if (!fs.existsSync(r)) throw new UsageError(`${relativeName(cwd, r)}: no such file or directory`);
  const say = (l: string) => process.stderr.write(`${l}\n`);

  const c = emptyCollection();
  const lists = roots.filter((r) => fs.statSync(r).isFile() && isImageList(r));
  for (const l of lists) collectList(c, l, relativeName(cwd, l));
  const workspace = roots.filter((r) => !lists.includes(r));
  if (workspace.length) {
    const s = await e.service.scan({
      roots: workspace,
      settings: e.settings,
      read: readFromDisk,
      display: (f) => relativeName(cwd, f),
    });
    collectScan(c, s);
  }
  for (const p of c.problems) say(`mips-port: ${p}`);
  const generated = repoListFor(
    c.manifests.map((m) => m.text),
    prefix,
  );
  for (const [image, name] of namesThroughList(c, target, e.settings.kubeTestRepoMap, generated.map)) {
    const item = c.images.get(image);
    if (item) item.target = name;
  }

  const dryRun = v['dry-run'] === true;
  const dirs = workspace.filter((r) => fs.statSync(r).isDirectory());
  // the plan needs no builder; one is looked for only when something is to be built
  const planInput = { target, builder: { kind: 'docker' as const, buildx: false } };
  const graph = dirs.length === 1 ? workspaceGraph(dirs[0], planInput) : undefined;
  const plan = await makeMirrorPlan({
    images: [...c.images.values()],
    prefix,
    target,
    resolver: e.service.resolver(e.settings),
    graph,
    substitute: v.substitute === true,
    root: cwd,
  });
  if (dryRun) {
    const out = { ...plan, repoList: c.manifests.length ? generated.map : undefined, problems: c.problems };
    process.stdout.write(e.format === 'json' ? JSON.stringify(out, null, 2) + '\n' : planText(plan));
    return 0;
  }
  process.stdout.write(planText(plan));

  const settings = e.settings;
  const insecure = settings.insecureRegistries;
  const client = new RegistryClient({
    mirrors: settings.registryMirrors,
    insecure,
    timeoutMs: settings.registryTimeoutSeconds * 1000,
  });
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const writer = new RegistryWriter({ client, signal: controller.signal });
  const builds = plan.items.some((i) => i.action === 'build');
  const builder = builds ? await builderForBuilds(builderSetting, target, say) : undefined;
  const results = await runMirror({
    plan,
    client,
    writer,
    target,
    signal: controller.signal,
    onLine: (l) => process.stdout.write(`${l}\n`),
    build: builder && graph ? { graph, input: { ...planInput, builder } } : undefined,
  }).catch((err: Error) => {
    if (!controller.signal.aborted) throw err;
    say(`mips-port: cancelled: ${err.message}; no tag was written for the image being copied`);
    return undefined;
  });
  if (!results) return 130;

  // the names the workload will pull: through the written repo list, read back, when there is one
  let pulled = new Map(plan.items.map((i) => [i.image, i.target]));
  if (v['repo-list']) {
    if (!c.manifests.length) say('mips-port: --repo-list: no manifest.go among the paths; the file lists no keys');
    fs.writeFileSync(v['repo-list'], repoListYaml(generated, prefix));
    for (const k of generated.withoutDefault) say(`mips-port: ${k} has no default in manifest.go: not written`);
    const back = loadRepoList(v['repo-list']);
    if (!back.ok) throw new Error(back.error);
    say(`mips-port: wrote ${v['repo-list']} (${Object.keys(back.map).length} registry keys)`);
    const through = namesThroughList(c, target, settings.kubeTestRepoMap, back.map);
    pulled = new Map(plan.items.map((i) => [i.image, through.get(i.image) ?? i.target]));
  }
  const served = await checkServed({
    client,
    target,
    prefix: prefix.text,
    names: [...pulled].map(([image, name]) => ({ image, pulled: name })),
  });
  for (const s of served.filter((x) => !x.served)) process.stdout.write(`not served: ${s.image}: ${s.why}\n`);
  const n = served.filter((s) => s.served).length;
  process.stdout.write(`${n} of ${served.length} images served for ${formatPlatform(target)} by ${prefix.text}\n`);
  return n === served.length && c.problems.length === 0 ? 0 : 1;
}
