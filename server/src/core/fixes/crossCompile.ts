// Rewrites a Go build stage to run on the build platform and cross-compile for the target:
// `FROM --platform=$BUILDPLATFORM`, the target args declared, and GOOS/GOARCH (GOARM for arm) set from
// them on each `go build`. Without cgo the build says CGO_ENABLED=0; with cgo it installs Debian's
// cross compiler for the target and names it in CC. Rust and C builds are not rewritten: a cross
// toolchain for cargo, or --host and target libraries for make/configure, is no mechanical change.
import { ParsedDocument } from '../documents/parsedDocument';
import { StageInstruction } from '../documents/dockerfileStages';
import { Platform } from '../platform';
import { TextEdit } from '../types';
import { CompileCommand, compileCommands, importsC, installsCCompiler } from './compileCommands';
import { ContextReader, copySources } from './contextScripts';
import { isExecForm } from './packageCommands';

/** GNU triplets of Debian's cross compilers (`crossbuild-essential-<debianArch>`, `CC=<triplet>-gcc`). */
const DEBIAN_TRIPLETS: Record<string, string> = {
  amd64: 'x86_64-linux-gnu',
  arm64: 'aarch64-linux-gnu',
  armhf: 'arm-linux-gnueabihf',
  armel: 'arm-linux-gnueabi',
  i386: 'i686-linux-gnu',
  mips64el: 'mips64el-linux-gnuabi64',
  ppc64el: 'powerpc64le-linux-gnu',
  riscv64: 'riscv64-linux-gnu',
  s390x: 's390x-linux-gnu',
};

export interface StageCompile {
  item: StageInstruction;
  command: CompileCommand;
  /** Offset of the command word in the document. */
  at: number;
}

/** Offset just past a RUN's flags (`--mount=…`). */
function afterFlags(text: string, start: number, end: number): number {
  const m = /^(?:[ \t]*--\S+)*/.exec(text.slice(start, end));
  return start + (m?.[0].length ?? 0);
}

/** The compile commands of a stage's shell-form RUNs, and whether an exec-form RUN compiles too. */
export function stageCompiles(
  doc: ParsedDocument,
  items: StageInstruction[],
): { found: StageCompile[]; exec: boolean } {
  const shell = doc.shellText;
  const found: StageCompile[] = [];
  let exec = false;
  for (const item of items) {
    if (item.keyword !== 'RUN') continue;
    const s = afterFlags(shell, item.start, item.end);
    const body = shell.slice(s, item.end);
    if (isExecForm(body)) {
      if (/^\s*\[\s*"(?:go|cargo|make|cmake|gcc|cc|clang)"/.test(body)) exec = true;
      continue;
    }
    for (const command of compileCommands(body)) found.push({ item, command, at: s + command.at });
  }
  return { found, exec };
}

export type CgoVerdict = { cgo: boolean; why: string };

/** Does the stage's Go code use cgo? Evidence for it: CGO_ENABLED=1, a C compiler installed, or an
 *  `import "C"` in a .go file the stage copies by name. Without any, the stage is taken as pure Go
 *  (a cross-compiling `go build` has cgo off by default anyway; code that needs it fails to build). */
export function cgoVerdict(doc: ParsedDocument, items: StageInstruction[], read?: ContextReader): CgoVerdict {
  const text = items.map((i) => doc.shellText.slice(i.start, i.end)).join('\n');
  if (/\bCGO_ENABLED=["']?0\b/.test(text)) return { cgo: false, why: 'the stage sets CGO_ENABLED=0' };
  if (/\bCGO_ENABLED=["']?1\b/.test(text)) return { cgo: true, why: 'the stage sets CGO_ENABLED=1' };
  if (installsCCompiler(text)) return { cgo: true, why: 'the stage installs a C compiler' };
  const goFiles = items
    .filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD')
    .flatMap((i) => copySources(doc.text.slice(i.start, i.end)))
    .filter((f) => f.endsWith('.go'));
  const read0 = goFiles.map((f) => ({ f, text: read?.(f) }));
  const withC = read0.find((g) => g.text !== undefined && importsC(g.text));
  if (withC) return { cgo: true, why: `${withC.f} imports "C"` };
  const seen = read0.filter((g) => g.text !== undefined).length;
  return {
    cgo: false,
    why: seen
      ? `no C compiler installed, no import "C" in the ${seen} .go file${seen > 1 ? 's' : ''} it copies by name`
      : 'the stage installs no C compiler',
  };
}

export type CrossCompileFix = { ok: true; edits: TextEdit[]; title: string } | { ok: false; reason: string };

const insertAt = (line: number, character: number, newText: string): TextEdit => ({
  range: { start: { line, character }, end: { line, character } },
  newText,
});

/** The rewrite of one Go build stage; `declared` are the ARG names the stage has. */
export function goCrossCompileFix(
  doc: ParsedDocument,
  stage: { fromLine: number; fromEndLine: number; declared: Set<string>; items: StageInstruction[] },
  target: Platform,
  cgo: CgoVerdict,
  aptBase: boolean,
): CrossCompileFix {
  const { found, exec } = stageCompiles(doc, stage.items);
  if (exec) return { ok: false, reason: 'an exec-form RUN compiles: it has no shell to set GOARCH in' };
  if (found.some((c) => c.command.language !== 'go'))
    return { ok: false, reason: 'the stage also runs a C or Rust build, which needs its own cross toolchain' };
  if (found.some((c) => c.command.tool === 'go install'))
    return { ok: false, reason: 'a cross-compiled go install writes to $GOPATH/bin/<os>_<arch>, not where COPY looks' };
  const debArch = target.arch.debian;
  const triplet = debArch ? DEBIAN_TRIPLETS[debArch] : undefined;
  if (cgo.cgo && !(triplet && aptBase))
    return { ok: false, reason: `cgo (${cgo.why}) needs a Debian-based stage for Debian's cross compiler` };

  const edits: TextEdit[] = [];
  const fromText = doc.lines[stage.fromLine] ?? '';
  const kw = /^(\s*FROM\s+)/i.exec(fromText);
  if (!kw) return { ok: false, reason: 'the FROM line could not be read' };
  edits.push(insertAt(stage.fromLine, kw[1].length, '--platform=$BUILDPLATFORM '));
  const variant = target.arch.oci === 'arm';
  const line = stage.fromEndLine + 1;
  // one ARG a line: the same `ARG TARGETARCH` another fix (GOARCH=$TARGETARCH) inserts is merged with it
  const args = ['TARGETOS', 'TARGETARCH', ...(variant ? ['TARGETVARIANT'] : [])].filter((a) => !stage.declared.has(a));
  const cross = cgo.cgo
    ? `RUN apt-get update && apt-get install -y --no-install-recommends crossbuild-essential-${debArch} \\\n` +
      ' && rm -rf /var/lib/apt/lists/*\n'
    : '';
  // inserts at one place land in reverse order: the RUN first, so it ends up after the ARGs
  if (cross) edits.push(insertAt(line, 0, cross));
  for (const a of args.reverse()) edits.push(insertAt(line, 0, `ARG ${a}\n`));

  const stageText = stage.items.map((i) => doc.shellText.slice(i.start, i.end)).join('\n');
  const setInStage = (name: string) =>
    stage.items.some(
      (i) =>
        (i.keyword === 'ENV' || i.keyword === 'ARG') &&
        new RegExp(`(^|\\s)${name}[=\\s]`).test(doc.text.slice(i.start, i.end)),
    ) || new RegExp(`\\bexport\\s+${name}=`).test(stageText);
  const wanted: [string, string][] = [
    ['CGO_ENABLED', cgo.cgo ? '1' : '0'],
    ...(cgo.cgo ? [['CC', `${triplet}-gcc`] as [string, string]] : []),
    ['GOOS', '$TARGETOS'],
    ['GOARCH', '$TARGETARCH'],
    ...(variant ? [['GOARM', '${TARGETVARIANT#v}'] as [string, string]] : []),
  ];
  for (const c of found) {
    const prefix = wanted
      .filter(([n]) => !c.command.assigns.includes(n) && !setInStage(n))
      .map(([n, v]) => `${n}=${v} `)
      .join('');
    if (!prefix) continue;
    const p = doc.lineIndex.position(c.at);
    edits.push(insertAt(p.line, p.character, prefix));
  }
  const title = cgo.cgo
    ? `Cross-compile this stage on the build platform with crossbuild-essential-${debArch} (cgo: ${cgo.why})`
    : `Cross-compile this stage on the build platform with CGO_ENABLED=0 (${cgo.why})`;
  return { ok: true, edits, title };
}
