// Hand-kept platform facts for non-official images (server/data/other-images.json), each with its source.
import fs from 'node:fs';
import { findDataFile } from '../data';
import { ImageRef } from '../imageRef';

export interface OtherImageFact {
  repositories?: string[];
  prefixes?: string[];
  /** Built for every version the source covers. */
  platforms: string[];
  /** Built by some versions or some images only: no verdict from the table. */
  sometimes?: string[];
  source: string;
}

let facts: OtherImageFact[] | undefined;

export function loadOtherImages(file?: string): OtherImageFact[] {
  if (!file && facts) return facts;
  const raw = JSON.parse(fs.readFileSync(file ?? findDataFile('other-images.json'), 'utf8')) as {
    schema: number;
    images: OtherImageFact[];
  };
  if (raw.schema !== 2) throw new Error(`mips-port: other-images.json is not of schema 2`);
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
