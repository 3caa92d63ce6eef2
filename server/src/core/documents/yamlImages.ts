// Image fields of Kubernetes objects (kubernetesContainers.ts) and Compose files (composeServices.ts),
// with exact ranges: the file is checked, parsed into documents, and each document read by its shape.
import { nodeRange } from './yamlNodes';
import type { Document, LineCounter, YAMLMap } from 'yaml';
import { isMap, newLineCounter } from './yamlLib';
import { parseAllDocumentsSteps } from './yamlParseSteps';
import { runToEnd } from '../slices';
import { ImageUse } from '../types';
import { anchorScope } from './yamlAnchors';
import { composeUses } from './composeServices';
import { kubernetesUses } from './kubernetesContainers';
import { YamlReadContext, YamlUseList } from './yamlUses';

export interface YamlAnalysis {
  uses: ImageUse[];
  kind?: 'kubernetes' | 'compose';
  /** One message when the file is not read (template, parse error, alias bomb). */
  skipped?: string;
}

const TEMPLATE_SKIPPED =
  'A Helm or Go template ({{ … }}), not YAML, so its images are not checked: scan the output of helm template. Its {{ … }} markers are filled in only when the chart is rendered.';

/** Only files that look like Kubernetes objects or Compose files are ours to complain about. */
function looksRelevant(text: string): boolean {
  // [ \t], not \s: \s would span blank lines and make the scan quadratic in them
  return /^[ \t]*(apiVersion|kind|services)[ \t]*:/m.test(text);
}

/** `{{ … }}` on one line: a Helm or Go template. Linear: one indexOf pair per line, no backtracking. */
function hasTemplateMarkers(text: string): boolean {
  let at = text.indexOf('{{');
  while (at >= 0) {
    const eol = text.indexOf('\n', at);
    const close = text.indexOf('}}', at + 2);
    if (close >= 0 && (eol < 0 || close < eol)) return true;
    at = eol < 0 ? -1 : text.indexOf('{{', eol);
  }
  return false;
}

function parseDocuments(text: string, lc: LineCounter): Generator<void, Document.Parsed[]> {
  // never the library's pretty errors: its excerpt of the failing line is quadratic in a run of line breaks
  return parseAllDocumentsSteps(text, { lineCounter: lc, uniqueKeys: false, strict: false });
}

/** The first error of a document that cannot be read, with its line. */
function documentError(doc: Document.Parsed, index: number, count: number, lc: LineCounter): string {
  const e = doc.errors[0];
  const at = e.pos?.[0] >= 0 ? ` at line ${lc.linePos(e.pos[0]).line}` : '';
  return `${count > 1 ? `document ${index + 1}: ` : ''}${e.message.split('\n')[0]}${at}`;
}

const USES_PER_STEP = 500;

/** Adds the uses to `out`; a pause may come after every USES_PER_STEP of them. */
function* addInSteps(uses: Iterable<ImageUse>, out: YamlUseList): Generator<void> {
  for (const u of uses) {
    out.push(u);
    if (out.uses.length % USES_PER_STEP === 0) yield;
  }
}

/** One document's uses by its shape: a Kubernetes object, a Compose file, or neither. */
function* documentUses(doc: Document.Parsed, lc: LineCounter, out: YamlUseList): Generator<void, YamlAnalysis['kind']> {
  // the node tree, not toJS: toJS would expand aliases, so alias bombs cost nothing here
  const contents = doc.contents;
  if (!isMap(contents)) return undefined;
  const ctx: YamlReadContext = { scope: anchorScope(doc), range: (n) => nodeRange(lc, n) };
  if (contents.has('apiVersion') && contents.has('kind')) {
    yield* addInSteps(kubernetesUses(contents, ctx), out);
    return 'kubernetes';
  }
  const services = contents.get('services', true);
  if (!isMap(services)) return undefined;
  yield* addInSteps(composeUses(services as unknown as YAMLMap, ctx), out);
  // an image another service of this file builds is that build's output, not a pull
  out.markBuiltImages();
  return 'compose';
}

export function analyseYaml(original: string): YamlAnalysis {
  return runToEnd(analyseYamlSteps(original));
}

/** analyseYaml in steps: a pause may come between them (while parsing, and between uses). */
export function* analyseYamlSteps(original: string): Generator<void, YamlAnalysis> {
  // lone \r line breaks send the yaml parser into a near-endless scan; \n keeps every offset
  const text = original.includes('\r') ? original.replace(/\r(?!\n)/g, '\n') : original;
  if (!looksRelevant(text)) return { uses: [] };
  if (hasTemplateMarkers(text)) return { uses: [], skipped: TEMPLATE_SKIPPED };
  const lc = newLineCounter();
  let docs: Document.Parsed[];
  try {
    docs = yield* parseDocuments(text, lc);
  } catch (e) {
    return { uses: [], skipped: `The YAML could not be read: ${(e as Error).message}` };
  }
  const out = new YamlUseList();
  const errors: string[] = [];
  let kind: YamlAnalysis['kind'];
  for (const [index, doc] of docs.entries()) {
    if (doc.errors.length) errors.push(documentError(doc, index, docs.length, lc));
    else {
      const shape = yield* documentUses(doc, lc, out);
      kind ??= shape;
    }
  }
  const uses = out.uses;
  if (!errors.length) return { uses, kind };
  const some = uses.length ? ' (the images of the other documents are checked)' : '';
  return { uses, kind, skipped: `The YAML could not be read: ${errors[0]}; its images are not checked${some}.` };
}
