// Aliases and merge keys of one parsed YAML document. An alias resolves to the last node before it with
// its anchor, as the yaml library's Alias.resolve does; but that walks the whole document for every
// alias, which made a Compose file whose services all merge `<<: *base` quadratic (1,000 services took
// 11 s). Here one walk per document indexes every alias.
import type { Alias, Document, Node, YAMLMap } from 'yaml';
import { isAlias, isMap, isSeq, visit } from './yamlLib';

/** Aliases of aliases are followed this many times; merge keys nest this deep. */
const MAX_HOPS = 8;

export interface AnchorScope {
  /** An alias resolved to its anchored node; any other node as it is; undefined for a dangling alias. */
  deref(n: unknown): unknown;
  /** A map's value for a key, with YAML merge keys (`<<: *base`, `<<: [*a, *b]`) followed. */
  lookup(m: YAMLMap, key: string): unknown;
}

/** Each alias of the document with the node it names, in one walk in document order. */
function aliasTargets(doc: Document.Parsed): Map<Alias, Node> {
  const anchored = new Map<string, Node>();
  const targets = new Map<Alias, Node>();
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) {
        const target = anchored.get(node.source);
        if (target) targets.set(node, target);
      } else if (node.anchor) anchored.set(node.anchor, node);
    },
  });
  return targets;
}

export function anchorScope(doc: Document.Parsed): AnchorScope {
  let targets: Map<Alias, Node> | undefined;
  const deref = (n: unknown): unknown => {
    for (let i = 0; i < MAX_HOPS && isAlias(n); i++) n = (targets ??= aliasTargets(doc)).get(n);
    return isAlias(n) ? undefined : n;
  };
  const lookup = (m: YAMLMap, key: string, depth = 0): unknown => {
    if (m.has(key)) return m.get(key, true);
    if (depth > MAX_HOPS) return undefined;
    const merge = deref(m.get('<<', true));
    const sources = isSeq(merge) ? merge.items.map(deref) : [merge];
    for (const s of sources) {
      const v = isMap(s) ? lookup(s, key, depth + 1) : undefined;
      if (v !== undefined) return v;
    }
    return undefined;
  };
  return { deref, lookup: (m, key) => lookup(m, key) };
}
