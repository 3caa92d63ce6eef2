// Small readers of parsed YAML shared by the Helm values and Kustomize extractors: a node's range
// in LSP positions, a scalar's text, a map's value for a key.
import type { LineCounter, Node, YAMLMap } from 'yaml';
import { isMap, isScalar, newLineCounter, parseDocument, withoutStacks } from './yamlLib';
import { parseDocumentSteps } from './yamlParseSteps';
import { FieldValue, Range } from '../types';

export function nodeRange(lc: LineCounter, n: Node | undefined): Range {
  const [s, e] = n?.range ?? [0, 0];
  const a = lc.linePos(s);
  const b = lc.linePos(e);
  return { start: { line: a.line - 1, character: a.col - 1 }, end: { line: b.line - 1, character: b.col - 1 } };
}

/** A scalar's text (numbers too: `tag: 1.25`); undefined for anything else. */
export function scalarText(n: unknown): string | undefined {
  if (!isScalar(n)) return undefined;
  const v = n.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return n.source ?? String(v);
  return undefined;
}

/** A scalar's string or number as a string (a number as the value reads, `1.10` as 1.1); undefined for
 *  anything else. The Kubernetes/Compose reader's reading, kept apart from scalarText's. */
export function scalarString(n: unknown): string | undefined {
  return isScalar(n) && (typeof n.value === 'string' || typeof n.value === 'number') ? String(n.value) : undefined;
}

/** A map key's scalar value with its range. */
export function field(lc: LineCounter, m: YAMLMap, key: string): FieldValue | undefined {
  const n = m.get(key, true);
  const value = scalarText(n);
  if (value === undefined || value === '') return undefined;
  return { value, range: nodeRange(lc, n as Node) };
}

export function mapAt(n: unknown): YAMLMap | undefined {
  return isMap(n) ? n : undefined;
}

export type ReadYaml = { root: unknown; lc: LineCounter } | { parseError: string };

/** One YAML document with positions, or the first error (with its line) that makes it unreadable; in
 *  steps, a pause may come between them (see yamlParseSteps). */
export function* readYamlDocumentSteps(text: string): Generator<void, ReadYaml> {
  const lc = newLineCounter();
  let doc;
  try {
    doc = yield* parseDocumentSteps(text, { lineCounter: lc, uniqueKeys: false, strict: false });
  } catch (e) {
    return { parseError: (e as Error).message };
  }
  if (doc.errors.length)
    return { parseError: `${doc.errors[0].message.split('\n')[0]} at line ${lc.linePos(doc.errors[0].pos[0]).line}` };
  return { root: doc.contents, lc };
}

/** A side file's top node (a base kustomization, values.yaml under an override); undefined when unreadable. */
export function yamlRoot(text: string): unknown {
  try {
    return withoutStacks(() => parseDocument(text, { uniqueKeys: false, prettyErrors: false })).contents;
  } catch {
    return undefined;
  }
}
