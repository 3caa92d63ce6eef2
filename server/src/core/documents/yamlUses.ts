// The image uses a Kubernetes/Compose YAML file yields, in file order: a value shared through an anchor
// counted once, and Compose's rule that an image another service of the file builds is that build's
// output, not a pull. Both kept linear: a file may hold 50,000 services in many documents.
import type { Node } from 'yaml';
import { ImageUse, Range } from '../types';
import { AnchorScope } from './yamlAnchors';

/** What the steps reading one YAML document share: its anchors and its positions. */
export interface YamlReadContext {
  scope: AnchorScope;
  range(n: Node | undefined): Range;
}

/** A use standing for a node that names no readable image (said as a finding, never dropped). */
export function unreadableUse(ctx: YamlReadContext, node: unknown, where: string, what: string): ImageUse {
  return {
    kind: 'yaml',
    text: '',
    range: ctx.range((node as Node | undefined)?.range ? (node as Node) : undefined),
    unresolved: [],
    yamlPath: where,
    problem: `${where}: ${what}.`,
  };
}

interface Placed {
  use: ImageUse;
  at: number;
}

const builtByService = (u: ImageUse) => u.informational === true && u.yamlPath?.startsWith('services.') === true;

export class YamlUseList {
  readonly uses: ImageUse[] = [];
  private readonly seen = new Set<string>();
  /** Per image text, the last use in file order that a Compose service builds (or was found built). */
  private readonly producers = new Map<string, Placed>();
  /** Pulls whose image no service builds yet, by image text; pulls added since the last match. */
  private readonly waiting = new Map<string, Placed[]>();
  private fresh: Placed[] = [];
  private newlyBuilt: string[] = [];

  push(u: ImageUse): void {
    // a value shared through an anchor is one use, however many services merge it
    const key = `${u.range.start.line}:${u.range.start.character}:${u.platform ?? ''}:${u.yamlPath?.split('.')[0]}`;
    if (u.resolved !== undefined && this.seen.has(key)) return;
    this.seen.add(key);
    const placed = { use: u, at: this.uses.push(u) - 1 };
    if (builtByService(u)) this.produce(placed);
    else if (u.resolved !== undefined && !u.informational) this.fresh.push(placed);
  }

  /** After a Compose document: every pull so far of an image a service so far builds is that build's
   *  output. Each pull is looked at when added and once more when its image first gets a producer. */
  markBuiltImages(): void {
    const candidates = this.fresh;
    for (const text of this.newlyBuilt) candidates.push(...(this.waiting.get(text) ?? []));
    for (const text of this.newlyBuilt) this.waiting.delete(text);
    this.fresh = [];
    this.newlyBuilt = [];
    // matched against the producers as they stand now; the marked pulls become producers afterwards
    const marks: [Placed, string][] = [];
    for (const c of candidates) {
      const producer = this.producers.get(c.use.text);
      if (producer) marks.push([c, producer.use.yamlPath ?? '']);
      else {
        const list = this.waiting.get(c.use.text);
        if (list) list.push(c);
        else this.waiting.set(c.use.text, [c]);
      }
    }
    for (const [c, by] of marks) {
      c.use.informational = true;
      c.use.resolved = undefined;
      c.use.note = `Built by ${by.replace('services.', 'service ')} of this file (its \`build:\`): build that for the target.`;
      if (builtByService(c.use)) this.produce(c);
    }
  }

  private produce(p: Placed): void {
    const before = this.producers.get(p.use.text);
    if (!before) this.newlyBuilt.push(p.use.text);
    if (!before || before.at < p.at) this.producers.set(p.use.text, p);
  }
}
