// Analyses a set of documents with registry answers: a first pass only collects the references, the
// registry is asked for those the cache and knowledge base cannot settle (concurrently, deduplicated),
// then the documents are analysed with the answers. Offline, one pass.
import { analyseDocument, AnalysisOptions, DocumentAnalysis, Lookup } from '../analyze';
import { AvailabilityResolver } from '../availability/resolver';

export interface DocumentInput { path: string; text: string; options: Omit<AnalysisOptions, 'lookup'> }

// The first pass needs references, not verdicts: a registry-only scan then never loads the knowledge base.
const collectOnly: Lookup = () => ({ status: 'unknown', source: 'knowledge-base', reason: '', suggestions: [] });

export async function analyseWithRegistry(docs: DocumentInput[], resolver: AvailabilityResolver): Promise<(DocumentAnalysis | undefined)[]> {
  const run = (lookup: Lookup) => docs.map((d) => analyseDocument(d.path, d.text, { ...d.options, lookup }));
  const local: Lookup = (ref, platform) => resolver.local(ref, platform);
  if (resolver.offline) return run(local);
  await resolver.resolvePending(run(collectOnly).flatMap((a) => a?.uses ?? []));
  return run(local);
}
