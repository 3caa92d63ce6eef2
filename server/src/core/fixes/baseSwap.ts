// Swapping a Dockerfile's missing base for a replacement: the FROM argument, or the ARG default it
// comes from, and in the same edit the stage's package commands when the distro family changes.
import { ParsedDocument } from '../documents/parsedDocument';
import { familiarRef, parseImageRef } from '../imageRef';
import { CheckedUse, Finding, Fix, Lookup, TextEdit } from '../types';
import { PackagesFor } from '../packages/debianIndex';
import { debianSuiteOf } from '../packages/debianSuite';
import { familyOf } from './baseFamily';

import { ContextReader } from './contextScripts';
import { familyTool, portStageEdits, StagePort } from './stagePort';
import { usesStartingAt } from '../useIndex';

/** Edit that puts `image` where the FROM's image comes from: the FROM argument or its ARG default. */
function baseEdit(doc: ParsedDocument, use: CheckedUse, image: string): TextEdit {
  const m = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(use.use.text);
  if (m) {
    const instructions = doc.instructions();
    const firstFrom = instructions.findIndex((i) => i.getKeyword() === 'FROM');
    for (const ins of instructions.slice(0, firstFrom < 0 ? undefined : firstFrom).reverse()) {
      if (ins.getKeyword() !== 'ARG') continue;
      const props = (
        ins as unknown as { getProperties(): { getName(): string; getValueRange(): TextEdit['range'] | null }[] }
      ).getProperties();
      const vr = props.find((x) => x.getName() === m[1])?.getValueRange();
      if (vr) return { range: vr, newText: image };
    }
  }
  return { range: use.use.range, newText: image };
}

/** What a base swap reads of the rule context (a RuleContext is one). */
export interface SwapContext {
  document: ParsedDocument;
  uses: CheckedUse[];
  lookup: Lookup;
  /** The target's package index for a Debian suite, when loaded (the stage port checks names). */
  packages?: PackagesFor;
  /** The build context's files, when the Dockerfile is on disk (scripts a stage copies in). */
  readContextFile?: ContextReader;
}

/** The base-swap fixes for a MP101/MP102 finding on a FROM line, one per suggestion; in steps (the stage
 *  port's), and the port made once per package index (suggestions on one suite share it). */
export function* baseSwapFixes(f: Finding, ctx: SwapContext): Generator<void, Fix[]> {
  const { document: doc, uses, lookup, packages = () => undefined, readContextFile } = ctx;
  if (f.suggestions.length === 0) return [];
  const use = usesStartingAt(uses, f.range.start).find((c) => c.use.kind === 'from' && c.ref);
  // a base from the BASEIMAGE file is fixed there; hard-coding it here would break the other arches
  if (!use?.ref || use.use.argSource || use.use.placeholder) return [];
  try {
    doc.instructions();
  } catch {
    return [];
  }
  const ref = use.ref;
  const fromFamily = familyOf(ref);
  const fixes: Fix[] = [];
  const ports = new Map<unknown, StagePort>();
  for (const [i, s] of f.suggestions.entries()) {
    const r = parseImageRef(s.image);
    if (!r.ok) continue;
    // a digest pin stays a pin when the replacement's digest is known (registry or cache)
    const pinned = ref.digest ? lookup(r.ref, use.platform) : undefined;
    const digest = pinned?.status === 'available' ? pinned.digest : undefined;
    const image = digest ? `${familiarRef({ ...r.ref, digest: undefined })}@${digest}` : familiarRef(r.ref);
    const port = (fromFamily === 'apk' || fromFamily === 'rpm') && familyOf(r.ref) === 'apt';
    const suite = debianSuiteOf(r.ref);
    const index = suite ? packages(suite) : undefined;
    let stage: StagePort = { edits: [], notes: 0 };
    if (port) {
      const o = { fromLine: use.use.range.start.line, from: fromFamily, index, readContextFile };
      stage = ports.get(index) ?? (yield* portStageEdits(doc, o));
      ports.set(index, stage);
    }
    const pin = ref.digest && !digest ? " (drops the digest pin: the replacement's digest is not known offline)" : '';
    const what = port && stage.edits.length ? ` and port ${familyTool(fromFamily)} commands to apt-get` : '';
    fixes.push({
      title: `Use ${image}${what}${pin}`,
      isPreferred: i === 0,
      edits: [baseEdit(doc, use, image), ...stage.edits],
    });
  }
  return fixes;
}
