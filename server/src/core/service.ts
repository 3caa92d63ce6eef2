// The engine's one face: the language server, the CLI and the tests go through it, so they read
// files, ask registries, word verdicts and count images the same way.
import { analyseDocument, analyseInSlices, AnalysisOptions, DocumentAnalysis } from './analyse';
import { SliceOptions } from './slices';
import { DiskCache, defaultCacheDir } from './availability/diskCache';
import { lazyKnowledge } from './availability/knowledgeSources';
import { AvailabilityResolver } from './availability/resolver';
import { FileKind } from './documents/fileKind';
import { PackageIndexStore } from './packages/indexStore';
import { RegistryClient } from './registry/client';
import { hoverMarkdown, lensTitle } from './report/describeUse';
import { portingReport, PortingReport } from './report/portingReport';
import { ScanReport } from './report/scanReport';
import { Settings } from './settings';
import { CheckedUse } from './types';
import { documentOptions, ReadDocument, scanWorkspace, WorkspaceScan } from './workspace/scan';

export interface ServiceOptions {
  /** Cache location; default `$XDG_CACHE_HOME/mips-port`. */
  cacheDir?: string;
  noCache?: boolean;
  /** Registry trouble worth telling the user once (a bad credential helper, an unreachable proxy). */
  onWarning?: (message: string) => void;
}

export interface AnalyseOptions {
  kind?: FileKind;
  read?: ReadDocument;
  /** The first diagnostics do not wait for a package index (refine brings it). */
  deferIndexes?: boolean;
}

export interface PortingService {
  /** The resolver for these settings' registry configuration (one per distinct configuration). */
  resolver(settings: Settings): AvailabilityResolver;
  /** One document with what is known locally (knowledge base, cache): never waits for the network. */
  analyse(file: string, text: string, settings: Settings, o?: AnalyseOptions): DocumentAnalysis | undefined;
  /** The same, in slices with pauses between them (a server answers other requests meanwhile). */
  analyseInSlices(
    file: string,
    text: string,
    settings: Settings,
    o: AnalyseOptions & SliceOptions,
  ): Promise<DocumentAnalysis | undefined>;
  /** Asks the registries what the local answers left open; resolves to how many answers changed. */
  refine(analysis: DocumentAnalysis, settings: Settings): Promise<number>;
  scan(o: {
    roots: string[];
    settings: Settings;
    read: ReadDocument;
    display: (file: string) => string;
  }): Promise<WorkspaceScan>;
  report(scan: ScanReport, buildOrder?: PortingReport['buildOrder']): PortingReport;
  hover(c: CheckedUse): string;
  lens(c: CheckedUse): string;
  /** Empties the disk cache and forgets answers in memory; resolves to the entries removed. */
  clearCache(): number;
  /** Registries that could not be reached, for one message each. */
  unreachableRegistries(): string[];
  /** Drops resolvers (settings changed). */
  reset(): void;
}

function resolverKey(s: Settings): string {
  return JSON.stringify([
    s.offline,
    s.registryMirrors,
    s.insecureRegistries,
    s.cacheTtlHours,
    s.registryTimeoutSeconds,
    s.mirrorTemplates,
  ]);
}

export function createResolver(settings: Settings, o: ServiceOptions = {}): AvailabilityResolver {
  const ttlMs = settings.cacheTtlHours * 3600 * 1000;
  const cache = o.noCache ? undefined : new DiskCache(o.cacheDir ?? defaultCacheDir(), ttlMs);
  const client = settings.offline
    ? undefined
    : new RegistryClient({
        mirrors: settings.registryMirrors,
        insecure: settings.insecureRegistries,
        timeoutMs: settings.registryTimeoutSeconds * 1000,
        connectTimeoutMs: Math.min(3000, settings.registryTimeoutSeconds * 1000),
        onWarning: o.onWarning,
      });
  return new AvailabilityResolver({
    kb: lazyKnowledge(),
    offline: settings.offline,
    client,
    cache,
    recentTtlMs: ttlMs,
    mirrorTemplates: settings.mirrorTemplates,
  });
}

export function createPortingService(o: ServiceOptions = {}): PortingService {
  const resolvers = new Map<string, AvailabilityResolver>();
  const indexStores = new Map<string, PackageIndexStore>();
  const packagesFor = (s: Settings): PackageIndexStore => {
    const key = JSON.stringify([s.debianMirror, s.offline, s.registryTimeoutSeconds]);
    let store = indexStores.get(key);
    if (!store) {
      store = new PackageIndexStore({
        mirror: s.debianMirror,
        offline: s.offline,
        cacheDir: o.noCache ? undefined : (o.cacheDir ?? defaultCacheDir()),
        timeoutMs: Math.max(30000, s.registryTimeoutSeconds * 1000),
        onWarning: o.onWarning,
      });
      indexStores.set(key, store);
    }
    return store;
  };
  const resolver = (s: Settings) => {
    const key = resolverKey(s);
    let r = resolvers.get(key);
    if (!r) {
      r = createResolver(s, o);
      resolvers.set(key, r);
    }
    return r;
  };
  const analysisOptions = (file: string, settings: Settings, opts: AnalyseOptions): AnalysisOptions => {
    const r = resolver(settings);
    const read: ReadDocument = opts.read ?? (() => ({ ok: false, reason: 'no reader', absent: true }));
    const options = documentOptions(settings, file, read, opts.kind);
    const store = packagesFor(settings);
    const packages = (suite: string, arch: string) =>
      opts.deferIndexes ? store.peek(suite, arch) : store.get(suite, arch);
    return { ...options, lookup: (ref, p) => r.local(ref, p), knowledge: r.knowledge, packages };
  };
  return {
    resolver,
    analyse: (file, text, settings, opts = {}) => analyseDocument(file, text, analysisOptions(file, settings, opts)),
    analyseInSlices: (file, text, settings, opts) =>
      analyseInSlices(file, text, analysisOptions(file, settings, opts), opts),
    async refine(analysis, settings) {
      const [answers, indexes] = await Promise.all([
        resolver(settings).resolvePending(analysis.uses, settings.target),
        packagesFor(settings).ensureMissed(),
      ]);
      return answers + indexes;
    },
    async scan({ roots, settings, read, display }) {
      const store = packagesFor(settings);
      const packages = (suite: string, arch: string) => store.get(suite, arch);
      const input = { roots, settings, read, display, resolver: resolver(settings), packages };
      const first = await scanWorkspace(input);
      // suites no local index had: read them from the mirror once, then analyse again
      return (await store.ensureMissed()) > 0 ? scanWorkspace(input) : first;
    },
    report: (scan, order) => portingReport(scan, order),
    hover: hoverMarkdown,
    lens: lensTitle,
    clearCache() {
      let removed = 0;
      for (const r of resolvers.values()) {
        removed += r.clearCache();
        r.forget();
      }
      return removed;
    },
    unreachableRegistries: () => [...new Set([...resolvers.values()].flatMap((r) => r.unreachableRegistries()))],
    reset: () => resolvers.clear(),
  };
}
