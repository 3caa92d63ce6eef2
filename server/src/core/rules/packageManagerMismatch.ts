// A stage whose base (for the target) is Debian but whose RUN lines still call apk or dnf/yum: what
// happens after a porter points BASEIMAGE's target line (or the FROM) at Debian and the build then
// stops at "apk: not found". The fix ports the stage's package commands (dockerfileFixes).
import { formatPlatform } from '../platform';
import { familiarRef } from '../imageRef';
import { isSurelyApt } from '../fixes/baseFamily';
import { execFormTool, isExecForm, translatePackageCommands } from '../fixes/packageCommands';
import { familyTool, portStageEdits } from '../fixes/stagePort';
import { debianSuiteOf } from '../packages/debianSuite';
import { Fix } from '../types';
import { stagesRule } from './dockerfileStages';
import { RuleFinding } from './rule';

export const packageManagerMismatch = stagesRule({
  id: 'MP112',
  name: 'package-manager-mismatch',
  defaultSeverity: 'warning',
  description: "The stage's base is Debian (apt) for the target, but its RUN lines use apk or dnf/yum.",
  skipForAmd64: false,
  check: (ctx, s) => {
    const text = ctx.document.shellText;
    const out: RuleFinding[] = [];
    const froms = s.items.filter((it) => it.keyword === 'FROM');
    froms.forEach((from, stage) => {
      const r = from.ins.getRange();
      const c = ctx.uses.find(
        (u) => u.use.kind === 'from' && u.use.range.start.line >= r.start.line && u.use.range.start.line <= r.end.line,
      );
      if (!c?.ref || !isSurelyApt(c.ref)) return;
      for (const it of s.items) {
        if (it.stage !== stage || it.keyword !== 'RUN') continue;
        const body = text.slice(it.start, it.end);
        const exec = isExecForm(body);
        const tool = exec
          ? execFormTool(body)
          : (['apk', 'rpm'] as const).find(
              (f) => translatePackageCommands(text, { from: it.start, to: it.end, family: f }).changes.length > 0,
            );
        if (!tool) continue;
        const name = tool === 'apk' ? 'apk' : 'dnf/yum';
        const where = c.use.argSource ? ` (from ${c.use.argSource})` : '';
        const others = c.use.argSource ? " The other architectures' BASEIMAGE lines then need Debian bases too." : '';
        out.push({
          range: it.ins.getRange(),
          message: `This RUN uses ${name} on a Debian base: ${exec ? 'rewrite it with apt-get' : "port the stage's package commands to apt-get"}. This stage's base for ${formatPlatform(c.platform)}, ${familiarRef(c.ref)}${where}, is Debian-based, but this RUN uses ${name}: the build stops with "${tool === 'apk' ? 'apk' : 'dnf'}: not found". ${exec ? 'Rewrite this exec-form RUN with apt-get.' : "Port the stage's package commands to apt-get."}${others}`,
          image: familiarRef(c.ref),
          suggestions: [],
        });
        break; // one finding a stage; its fix ports every RUN of the stage
      }
    });
    return out;
  },
  fixes: (f, ctx): Fix[] => {
    const doc = ctx.document;
    const instructions = doc.instructions();
    const fromLine = [...instructions]
      .reverse()
      .find((i) => i.getKeyword() === 'FROM' && i.getRange().start.line <= f.range.start.line)
      ?.getRange().start.line;
    const run = instructions.find((i) => i.getKeyword() === 'RUN' && i.getRange().start.line === f.range.start.line);
    if (fromLine === undefined || !run) return [];
    const start = doc.lineIndex.offset(run.getInstructionRange().end);
    const end = doc.lineIndex.offset(run.getRange().end);
    if (isExecForm(doc.text.slice(start, end))) return []; // no shell words: a fix could not clear it
    const base = ctx.uses.find((c) => c.use.kind === 'from' && c.use.range.start.line === fromLine && c.ref)?.ref;
    const suite = base ? debianSuiteOf(base) : undefined;
    const index = suite ? ctx.packages(suite) : undefined;
    for (const fam of ['apk', 'rpm'] as const) {
      const stage = portStageEdits(doc, { fromLine, from: fam, index, readContextFile: ctx.readContextFile });
      if (stage.edits.length)
        return [
          { title: `Port this stage's ${familyTool(fam)} commands to apt-get`, isPreferred: true, edits: stage.edits },
        ];
    }
    return [];
  },
});
