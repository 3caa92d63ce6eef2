// A memoised Lookup over the knowledge base: documents repeat the same few images.
import type { Lookup } from '../types';
import { formatRef } from '../imageRef';
import { formatPlatform } from '../platform';
import { Verdict } from '../types';
import { defaultKnowledge, KnowledgeSources } from './knowledgeSources';
import { knowledgeVerdict } from './knowledgeVerdict';

export function knowledgeLookup(kb: KnowledgeSources = defaultKnowledge()): Lookup {
  const memo = new Map<string, Verdict>();
  return (ref, platform) => {
    const key = `${formatRef(ref)} ${formatPlatform(platform)}`;
    let v = memo.get(key);
    if (!v) {
      v = knowledgeVerdict(ref, platform, kb);
      if (memo.size > 5000) memo.clear();
      memo.set(key, v);
    }
    return v;
  };
}
