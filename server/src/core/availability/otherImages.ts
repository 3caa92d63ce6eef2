// Hand-kept platform facts for non-official images (server/data/other-images.json), each with its source.
import fs from 'node:fs';
import { ImageRef } from '../imageRef';
import { findDataFile } from '../data';

export interface OtherImageFact {
  repositories?: string[];
  prefixes?: string[];
  platforms: string[];
  source: string;
}

let facts: OtherImageFact[] | undefined;

export function loadOtherImages(file?: string): OtherImageFact[] {
  if (!file && facts) return facts;
  const raw = JSON.parse(fs.readFileSync(file ?? findDataFile('other-images.json'), 'utf8')) as {
    images: OtherImageFact[];
  };
  if (!file) facts = raw.images;
  return raw.images;
}

export function findOtherImageFact(
  ref: ImageRef,
  table: OtherImageFact[] = loadOtherImages(),
): OtherImageFact | undefined {
  const name = `${ref.registry}/${ref.repository}`;
  return table.find((f) => (f.repositories ?? []).includes(name) || (f.prefixes ?? []).some((p) => name.startsWith(p)));
}
