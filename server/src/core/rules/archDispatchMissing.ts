// A RUN that picks by architecture and has no branch for the target, while its fallback exits (or it has
// none): it stops on the target ("unsupported architecture") however available its base is. The fix adds
// the target's branch in the naming the dispatch compares, filled from another branch where a URL or a
// name follows the architecture, with a note to check that the project publishes those files.
import { ArchInfo } from '../platform';
import { TextEdit } from '../types';
import { ArchDispatch, archDispatches, archOfPattern, ArchScheme, matchesTarget, spelling } from './archCases';
import { stagesRule } from './dockerfileStages';
import { RuleFinding } from './rule';

const SCHEME_NAME: Record<ArchScheme, string> = {
  debian: "dpkg's names",
  uname: "uname -m's names",
  oci: "Go/OCI's names (TARGETARCH)",
  platform: 'OCI platforms (TARGETPLATFORM)',
  alpine: "apk's names",
};

/** The template branch's body with its architecture's names turned into the target's: the name its
 *  pattern uses in the dispatch's naming (gosu-arm64 after `arm64)` of dpkg -> gosu-mips64el), any other
 *  in its own (uname's x86_64 -> mips64; amd64/arm64, Go's and Debian's alike, -> Go's mips64le). */
function fillBody(text: string, from: ArchInfo, to: ArchInfo, scheme: ArchScheme, pattern: string): string {
  const names = new Map<string, string>();
  for (const a of from.aliases) names.set(a, to.uname);
  names.set(from.uname, to.uname);
  if (from.official) names.set(from.official, to.official ?? to.oci);
  if (from.debian) names.set(from.debian, to.debian ?? to.oci);
  names.set(from.oci, to.oci);
  names.set(pattern, spelling(to, scheme));
  const words = [...names.keys()].sort((a, b) => b.length - a.length).map((w) => w.replace(/[/.-]/g, '\\$&'));
  const re = new RegExp(`(?<![A-Za-z0-9])(?:${words.join('|')})(?![A-Za-z0-9])`, 'g');
  return text.replace(re, (w) => names.get(w) ?? w);
}

function addBranchEdits(
  d: ArchDispatch,
  body: string,
  bodyStart: number,
  target: ArchInfo,
  at: (offset: number) => { line: number; character: number },
  runLine: number,
  indent: string,
): { edits: TextEdit[]; from?: string } | undefined {
  if (d.kind !== 'case' || d.esac === undefined || !d.scheme) return undefined;
  const name = spelling(target, d.scheme);
  const branches = d.items.filter((it) => !it.patterns.includes('*'));
  // a non-x86 branch is the likelier model (arm64's files sit beside amd64's)
  const known = branches.map((it) => ({ it, arch: it.patterns.map(archOfPattern).find(Boolean) }));
  const model = known.find((k) => k.arch && k.arch.oci !== 'amd64') ?? known.find((k) => k.arch);
  const fallback = d.items.find((it) => it.patterns.includes('*'));
  const between = (a: { end: number }, b: number) => body.slice(a.end, b);
  let branch = `${name}) ;;`;
  if (model?.arch) {
    const pattern = model.it.patterns.find((p) => archOfPattern(p) === model.arch) ?? '';
    const filled = fillBody(model.it.text, model.arch, target, d.scheme, pattern);
    const terminator = body.slice(model.it.patternEnd + model.it.text.length, model.it.end);
    branch = `${name})${filled}${terminator || ';;'}`;
  }
  // before the fallback, in the branches' layout; else after the last branch
  const last = branches[branches.length - 1];
  let offset: number;
  let newText: string;
  if (fallback) {
    const prev = d.items[d.items.indexOf(fallback) - 1];
    offset = fallback.start;
    newText = `${branch}${prev ? between(prev, fallback.start) : ' '}`;
  } else if (last) {
    const prev = branches[branches.length - 2];
    offset = last.end;
    newText = `${prev ? between(prev, last.start) : ' '}${branch}`;
  } else {
    offset = d.esac;
    newText = `${branch} `;
  }
  const pos = at(bodyStart + offset);
  const edits: TextEdit[] = [{ range: { start: pos, end: pos }, newText }];
  if (model?.arch) {
    const note =
      `${indent}# mips-port: the ${name} branch is filled from the ${model.it.patterns[0]} one: ` +
      `check that the project publishes those files for ${target.oci} (and their checksums)\n`;
    const top = { line: runLine, character: 0 };
    edits.push({ range: { start: top, end: top }, newText: note });
  }
  return { edits, from: model?.it.patterns[0] };
}

export const archDispatchMissing = stagesRule({
  id: 'MP126',
  name: 'arch-dispatch-no-branch',
  defaultSeverity: 'error',
  description: 'A RUN picks by architecture, has no branch for the target, and its fallback exits (or it has none).',
  skipForAmd64: true,
  check: (ctx, s) => {
    const shell = ctx.document.shellText;
    const target = ctx.target.arch;
    const out: RuleFinding[] = [];
    for (const it of s.items) {
      if (it.keyword !== 'RUN') continue;
      const body = shell.slice(it.start, it.end);
      for (const d of archDispatches(body)) {
        if (d.items.some((x) => matchesTarget(x.patterns, target, d.scheme))) continue;
        // an if-chain without an exiting else just skips a step on other architectures
        if (d.fallback ? !d.fallback.exits : d.kind === 'if') continue;
        const names = d.items.flatMap((x) => x.patterns).filter((p) => p !== '*');
        const want = d.scheme
          ? spelling(target, d.scheme)
          : `${target.oci} (${[target.debian, target.uname].filter(Boolean).join(', ')})`;
        const how = d.scheme
          ? `; the ${d.kind} matches ${SCHEME_NAME[d.scheme]} (${names.join(', ')})`
          : ` (it matches ${names.join(', ')})`;
        const end = d.fallback ? 'its fallback exits' : 'it has no fallback';
        const range = ctx.document.lineIndex.range(it.start + d.head[0], it.start + d.head[1]);
        const indent = /^[ \t]*/.exec(ctx.document.lines[it.ins.getRange().start.line] ?? '')?.[0] ?? '';
        const fix = addBranchEdits(
          d,
          body,
          it.start,
          target,
          (o) => ctx.document.lineIndex.position(o),
          it.ins.getRange().start.line,
          indent,
        );
        out.push({
          range,
          message: `This RUN exits on ${target.oci}: no ${want} branch${how}, and ${end}.`,
          suggestions: [],
          fixes: fix
            ? [
                {
                  title: `Add a ${spelling(target, d.scheme!)} branch${fix.from ? ` (from the ${fix.from} one)` : ''}`,
                  isPreferred: true,
                  edits: fix.edits,
                },
              ]
            : [],
        });
      }
    }
    return out;
  },
});
