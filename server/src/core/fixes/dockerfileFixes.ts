// Quick fixes for Dockerfiles: swap a missing base for a replacement (the FROM argument, or the ARG
// default it comes from), and port the stage's package commands when the distro family changes.
import { Instruction } from 'dockerfile-ast';
import { dockerfileInstructions } from '../documents/dockerfileInstructions';
import { familiarRef, ImageRef, parseImageRef } from '../imageRef';
import { formatPlatform, Platform } from '../platform';
import { CheckedUse, Finding, Fix, TextEdit, Verdict } from '../types';
import { LineIndex, samePosition } from '../textPositions';
import { familyOf, Family } from './baseFamily';
import { execFormTool, isExecForm, translatePackageCommands, VirtualGroups } from './packageCommands';

interface Parsed { text: string; lines: LineIndex; instructions: Instruction[] }

function parse(text: string): Parsed | undefined {
  try {
    return { text, lines: new LineIndex(text), instructions: dockerfileInstructions(text) };
  } catch {
    return undefined;
  }
}


/** Edit that puts `image` where the FROM's image comes from: the FROM argument or its ARG default. */
function baseEdit(p: Parsed, use: CheckedUse, image: string): TextEdit | undefined {
  const m = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(use.use.text);
  if (m) {
    const firstFrom = p.instructions.findIndex((i) => i.getKeyword() === 'FROM');
    for (const ins of p.instructions.slice(0, firstFrom < 0 ? undefined : firstFrom).reverse()) {
      if (ins.getKeyword() !== 'ARG') continue;
      const prop = (ins as unknown as { getProperties(): { getName(): string; getValueRange(): { start: { line: number; character: number }; end: { line: number; character: number } } | null }[] }).getProperties().find((x) => x.getName() === m[1]);
      const vr = prop?.getValueRange();
      if (prop && vr) return { range: vr, newText: image };
    }
  }
  return { range: use.use.range, newText: image };
}

/** Rewrites the stage's RUN commands (and ash shells) from `from` to apt. */
function portStageEdits(p: Parsed, fromLine: number, from: Family): { edits: TextEdit[]; notes: number } {
  const edits: TextEdit[] = [];
  const virtuals: VirtualGroups = new Map();
  let notes = 0;
  const fromIdx = p.instructions.findIndex((i) => i.getKeyword() === 'FROM' && i.getRange().start.line === fromLine);
  for (const ins of p.instructions.slice(fromIdx + 1)) {
    const kw = ins.getKeyword();
    if (kw === 'FROM') break;
    const r = ins.getRange();
    const start = p.lines.offset(ins.getInstructionRange().end);
    const end = p.lines.offset(r.end);
    if (kw === 'RUN' && (from === 'apk' || from === 'rpm')) {
      let s = start;
      // skip RUN flags (--mount=…, --network=…)
      for (;;) {
        const m = /^[ \t]*(--[^\s]+)/.exec(p.text.slice(s, end));
        if (!m) break;
        s += m[0].length;
      }
      const body = p.text.slice(s, end);
      if (isExecForm(body)) {
        // no shell words to rewrite; say so rather than leave it silently
        if (execFormTool(body) === from) {
          const indent = /^[ \t]*/.exec(p.text.slice(p.lines.lineStart(r.start.line)))?.[0] ?? '';
          edits.push({ range: { start: { line: r.start.line, character: 0 }, end: { line: r.start.line, character: 0 } }, newText: `${indent}# mips-port: exec-form RUN not ported: rewrite it with apt-get (the new base has no ${from === 'apk' ? 'apk' : 'dnf/yum'})\n` });
          notes++;
        }
        continue;
      }
      const t = translatePackageCommands(p.text, s, end, from, virtuals);
      if (t.changes.length === 0 && t.notes.length === 0) continue;
      // word-sized edits, so other fixes in the same RUN (a URL's arch) can apply alongside
      for (const c of t.changes) edits.push({ range: p.lines.range(c.start, c.end), newText: c.text });
      if (t.notes.length) {
        const indent = /^[ \t]*/.exec(p.text.slice(p.lines.lineStart(r.start.line)))?.[0] ?? '';
        edits.push({ range: { start: { line: r.start.line, character: 0 }, end: { line: r.start.line, character: 0 } }, newText: t.notes.map((n) => `${indent}# ${n}\n`).join('') });
        notes += t.notes.length;
      }
    } else if ((kw === 'SHELL' || kw === 'ENTRYPOINT' || kw === 'CMD') && /(^|["\s/])ash(["\s]|$)/.test(p.text.slice(start, end))) {
      // Debian has no ash; bash is essential there and understands ash's options (-o pipefail)
      const region = p.text.slice(start, end);
      edits.push({ range: p.lines.range(start, end), newText: region.replace(/\/bin\/ash\b/g, '/bin/bash').replace(/(["\s])ash(["\s])/g, '$1bash$2') });
    }
  }
  return { edits, notes };
}

/** Fixes for MP101/MP102 findings on FROM lines and for MP105 platform pins. */
export function dockerfileFixes(text: string, uses: CheckedUse[], findings: Finding[], target: Platform, lookup?: (ref: ImageRef, platform: Platform) => Verdict): void {
  let p: Parsed | undefined;
  for (const f of findings) {
    if (f.ruleId === 'MP105') {
      p ??= parse(text);
      const use = uses.find((c) => c.use.platformFlag && samePosition(c.use.platformFlag.range.start, f.range.start));
      if (!use?.use.platformFlag || !p) continue;
      const vr = use.use.platformFlag.range;
      const flagStart = { line: vr.start.line, character: vr.start.character - '--platform='.length };
      const lineText = text.split('\n')[vr.end.line] ?? '';
      const after = /^[ \t]*/.exec(lineText.slice(vr.end.character))?.[0].length ?? 0;
      f.fixes = [
        { title: `Remove --platform=${use.use.platformFlag.value} (build this stage for ${formatPlatform(target)})`, isPreferred: true, edits: [{ range: { start: flagStart, end: { line: vr.end.line, character: vr.end.character + after } }, newText: '' }] },
        { title: 'Use --platform=$BUILDPLATFORM (a stage that only cross-compiles)', edits: [{ range: vr, newText: '$BUILDPLATFORM' }] },
      ];
      continue;
    }
    if (f.ruleId === 'MP112') {
      p ??= parse(text);
      if (!p) continue;
      const fromLine = [...p.instructions].reverse().find((i) => i.getKeyword() === 'FROM' && i.getRange().start.line <= f.range.start.line)?.getRange().start.line;
      const run = p.instructions.find((i) => i.getKeyword() === 'RUN' && i.getRange().start.line === f.range.start.line);
      const execForm = run !== undefined && isExecForm(p.text.slice(p.lines.offset(run.getInstructionRange().end), p.lines.offset(run.getRange().end)));
      if (fromLine === undefined || execForm) continue; // no shell words to port: a fix could not clear it
      for (const fam of ['apk', 'rpm'] as const) {
        const stage = portStageEdits(p, fromLine, fam);
        if (stage.edits.length) { f.fixes = [{ title: `Port this stage's ${fam === 'apk' ? 'apk' : 'dnf/yum'} commands to apt-get`, isPreferred: true, edits: stage.edits }]; break; }
      }
      continue;
    }
    if ((f.ruleId !== 'MP101' && f.ruleId !== 'MP102') || f.suggestions.length === 0) continue;
    const use = uses.find((c) => c.use.kind === 'from' && c.ref && samePosition(c.use.range.start, f.range.start));
    // a base from the BASEIMAGE file is fixed there; hard-coding it here would break the other arches
    if (!use?.ref || use.use.argSource || use.use.placeholder) continue;
    p ??= parse(text);
    if (!p) return;
    const fromFamily = familyOf(use.ref);
    const fixes: Fix[] = [];
    f.suggestions.forEach((s, i) => {
      const r = parseImageRef(s.image);
      if (!r.ok) return;
      // a digest pin stays a pin when the replacement's digest is known (registry or cache)
      const pinned = use.ref!.digest ? lookup?.(r.ref, use.platform) : undefined;
      const digest = pinned?.status === 'available' ? pinned.digest : undefined;
      const image = digest ? `${familiarRef({ ...r.ref, digest: undefined })}@${digest}` : familiarRef(r.ref);
      const edit = baseEdit(p!, use, image);
      if (!edit) return;
      const toFamily = familyOf(r.ref);
      const port = (fromFamily === 'apk' || fromFamily === 'rpm') && toFamily === 'apt';
      const stage = port ? portStageEdits(p!, use.use.range.start.line, fromFamily) : { edits: [], notes: 0 };
      const pin = use.ref!.digest && !digest ? ' (drops the digest pin: the replacement\'s digest is not known offline)' : '';
      const what = port && stage.edits.length ? ` and port ${fromFamily === 'apk' ? 'apk' : 'dnf/yum'} commands to apt-get` : '';
      fixes.push({ title: `Use ${image}${what}${pin}`, isPreferred: i === 0, edits: [edit, ...stage.edits] });
    });
    if (fixes.length) f.fixes = fixes;
  }
}
