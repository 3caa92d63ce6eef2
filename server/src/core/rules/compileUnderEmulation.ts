// A build stage that compiles (go build, cargo build, make, gcc, cmake, ./configure) and whose output
// is only copied into later stages: built for the target, every compiler instruction runs under QEMU.
// Such a stage can run on the build platform and cross-compile instead; the fix rewrites Go stages.
import { stageGraph, StageNode } from '../documents/stageGraph';
import { familyOf } from '../fixes/baseFamily';
import { cgoVerdict, goCrossCompileFix, stageCompiles } from '../fixes/crossCompile';
import { platformLabel } from '../platform';
import { Fix } from '../types';
import { stagesRule } from './dockerfileStages';
import { RuleFinding } from './rule';

/** A stage whose only use is `COPY --from`: not the last, built on an image, platform not set. */
function onlyCopiedFrom(n: StageNode, count: number): boolean {
  return (
    n.index < count - 1 &&
    n.platform === undefined &&
    n.baseStage === undefined &&
    n.base.toLowerCase() !== 'scratch' &&
    n.copiedBy.length > 0 &&
    n.baseOf.length === 0
  );
}

const HOW =
  'Run the stage on the build machine (`FROM --platform=$BUILDPLATFORM`) and build for the target ' +
  '(`ARG TARGETOS TARGETARCH`, `GOOS=$TARGETOS GOARCH=$TARGETARCH`): only the final stage runs under QEMU.';

const NOT_MECHANICAL: Record<string, string> = {
  go: HOW,
  rust:
    `${HOW} No automatic fix for cargo: it needs the target's Rust toolchain (rustup target add) and a linker ` +
    "(Debian's crossbuild-essential-<arch>) named in CARGO_TARGET_<TRIPLE>_LINKER.",
  c:
    `${HOW} No automatic fix for make/cmake/configure: a cross build needs --host=<triplet> (or a toolchain file), ` +
    "CC=<triplet>-gcc from Debian's crossbuild-essential-<arch>, and the target's libraries (libfoo-dev:<arch>).",
};

export const compileUnderEmulation = stagesRule({
  id: 'MP130',
  name: 'compile-under-emulation',
  defaultSeverity: 'info',
  description:
    'A stage compiles (go build, cargo build, make, gcc, cmake, ./configure) under QEMU, though its output is only copied into a later stage.',
  skipForAmd64: true,
  check: (ctx, s) => {
    const doc = ctx.document;
    let graph: StageNode[];
    try {
      graph = stageGraph(doc.instructions());
    } catch {
      return [];
    }
    if (graph.length !== s.stages.length) return [];
    const out: RuleFinding[] = [];
    for (const n of graph) {
      if (!onlyCopiedFrom(n, graph.length)) continue;
      const items = s.items.filter((i) => i.stage === n.index);
      const first = stageCompiles(doc, items).found[0];
      if (!first) continue;
      const range = doc.lineIndex.range(first.at, first.at + first.command.tool.length);
      const fixes: Fix[] = [];
      let detail = NOT_MECHANICAL[first.command.language];
      if (first.command.language === 'go') {
        const use = ctx.uses.find((u) => u.use.kind === 'from' && u.use.range.start.line === n.fromLine && u.ref);
        const fix = goCrossCompileFix(
          doc,
          { fromLine: n.fromLine, fromEndLine: s.stages[n.index].fromLine, declared: s.stages[n.index].args, items },
          ctx.target,
          cgoVerdict(doc, items, ctx.readContextFile),
          use?.ref !== undefined && familyOf(use.ref) === 'apt',
        );
        if (fix.ok) fixes.push({ title: fix.title, isPreferred: true, edits: fix.edits });
        detail = fix.ok ? `${HOW} The fix: ${fix.title}.` : `${HOW} No automatic fix: ${fix.reason}.`;
      }
      out.push({
        range,
        message: `This ${first.command.tool} runs under emulation on ${platformLabel(ctx.target)} builds: cross-compile it natively`,
        suggestions: [],
        detail,
        fixes,
      });
    }
    return out;
  },
});
