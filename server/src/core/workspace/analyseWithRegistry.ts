// Analyses a set of documents with registry answers: the references are extracted once, the registry
// is asked for those the cache and knowledge base cannot settle (concurrently, deduplicated), then the
// documents are analysed with the answers. Offline, no registry step.
import { analyseDocument, AnalysisOptions, checkUses, DocumentAnalysis, extractDocument } from '../analyse';
import { Lookup } from '../types';
import { AvailabilityResolver } from '../availability/resolver';

export interface DocumentInput {
  path: string;
  text: string;
  options: Omit<AnalysisOptions, 'lookup'>;
}

// The first pass needs references, not verdicts: a registry-only scan then never loads the knowledge base.
const collectOnly: Lookup = () => ({ status: 'unknown', source: 'knowledge-base', reason: '', suggestions: [] });

export async function analyseWithRegistry(
  docs: DocumentInput[],
  resolver: AvailabilityResolver,
): Promise<(DocumentAnalysis | undefined)[]> {
  const prepared = docs.map((d) => extractDocument(d.path, d.text, d.options));
  const local: Lookup = (ref, platform) => resolver.local(ref, platform);
  if (!resolver.offline) {
    await resolver.resolvePending(
      prepared.flatMap((p, i) => (p ? checkUses(p.extracted.uses, docs[i].options.target, collectOnly) : [])),
      docs[0]?.options.target,
    );
  }
  return docs.map((d, i) => analyseDocument(d.path, d.text, { ...d.options, lookup: local }, prepared[i]));
}
