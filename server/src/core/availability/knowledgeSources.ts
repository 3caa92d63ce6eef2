// The embedded knowledge base's two sources, loaded on first use.
import { loadOfficialImagesKb, OfficialImagesKb } from './officialImages';
import { loadOtherImages, OtherImageFact } from './otherImages';

export interface KnowledgeSources {
  official: OfficialImagesKb;
  other: OtherImageFact[];
}

export function defaultKnowledge(): KnowledgeSources {
  return { official: loadOfficialImagesKb(), other: loadOtherImages() };
}

/** The knowledge base is loaded on first use: scans answered by the registry may never need it. */
export function lazyKnowledge(load: () => KnowledgeSources = defaultKnowledge): KnowledgeSources {
  let kb: KnowledgeSources | undefined;
  const get = () => (kb ??= load());
  return {
    get official() {
      return get().official;
    },
    get other() {
      return get().other;
    },
  };
}
