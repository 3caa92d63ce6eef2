// Official tags that were listed once, never with mips64le, and are listed no more
// (server/data/official-images-unlisted.txt, made by `npm run kb`). Only the header is read up
// front; one image's tags are read from its byte range the first time a tag of it is asked about.
import fs from 'node:fs';
import { findDataFile } from '../data';

export interface UnlistedTag {
  /** Date of the last official-images commit that still listed the tag. */
  lastSeen: string;
  /** Its architectures then (official-images names). */
  architectures: string[];
}

interface Header {
  schema: number;
  source: { commit: string; date: string };
  sets: number[];
  index: Record<string, [number, number]>;
}

export const UNLISTED_FILE = 'official-images-unlisted.txt';

export class UnlistedTags {
  private header?: Header;
  private bodyStart = 0;
  private readonly images = new Map<string, Map<string, UnlistedTag>>();

  /** `architectures`: the names the masks index (official-images.json's list). */
  constructor(
    private readonly architectures: string[],
    private readonly file: string = findDataFile(UNLISTED_FILE),
  ) {}

  private readHeader(): Header {
    if (this.header) return this.header;
    const fd = fs.openSync(this.file, 'r');
    try {
      const buf = Buffer.alloc(64 * 1024);
      const n = fs.readSync(fd, buf, 0, buf.length, 0);
      const nl = buf.subarray(0, n).indexOf(10);
      if (nl < 0) throw new Error(`${this.file}: no header line`);
      const h = JSON.parse(buf.subarray(0, nl).toString('utf8')) as Header;
      if (h.schema !== 1) throw new Error(`${this.file} is not of schema 1`);
      this.bodyStart = nl + 1;
      this.header = h;
      return h;
    } finally {
      fs.closeSync(fd);
    }
  }

  private imageTags(image: string): Map<string, UnlistedTag> {
    let tags = this.images.get(image);
    if (tags) return tags;
    tags = new Map();
    this.images.set(image, tags);
    const h = this.readHeader();
    const range = h.index[image];
    if (!range) return tags;
    const buf = Buffer.alloc(range[1]);
    const fd = fs.openSync(this.file, 'r');
    try {
      fs.readSync(fd, buf, 0, range[1], this.bodyStart + range[0]);
    } finally {
      fs.closeSync(fd);
    }
    for (const line of buf.toString('utf8').split('\n')) {
      const [lastSeen, set, ...names] = line.split(' ');
      if (!lastSeen || set === undefined) continue;
      const mask = h.sets[Number(set)] ?? 0;
      const architectures = this.architectures.filter((_, i) => (mask & (1 << i)) !== 0);
      for (const t of names) tags.set(t, { lastSeen, architectures });
    }
    return tags;
  }

  get(image: string, tag: string): UnlistedTag | undefined {
    return this.imageTags(image).get(tag);
  }

  /** Every unlisted tag of an image (for "nearest version" replacements of a missing tag). */
  all(image: string): Map<string, UnlistedTag> {
    return this.imageTags(image);
  }
}
