// Rewrites a stage's RUN commands (and ash shells) from apk or dnf/yum to apt-get: what a swap to a
// Debian base needs, and MP112's fix.
import { ParsedDocument } from '../documents/parsedDocument';
import { DebianIndex } from '../packages/debianIndex';
import { TextEdit } from '../types';
import { alpineOnlyAccounts, createAccountsRun, createdAccounts, StageInstruction } from './alpineAccounts';
import { ContextReader, copiedScripts } from './contextScripts';
import { alpineUserRenames, userNameEdits } from './alpineUsers';
import { httpsFetchAt } from './httpsFetch';
import { execFormTool, isExecForm, translatePackageCommands, VirtualGroups } from './packageCommands';

export type PortableFamily = 'apk' | 'rpm';

export function familyTool(from: PortableFamily): string {
  return from === 'apk' ? 'apk' : 'dnf/yum';
}

/** Offset just past a RUN's flags (`--mount=…`, `--network=…`). */
function afterRunFlags(text: string, start: number, end: number): number {
  let s = start;
  for (;;) {
    const m = /^[ \t]*(--[^\s]+)/.exec(text.slice(s, end));
    if (!m) return s;
    s += m[0].length;
  }
}

function commentAbove(doc: ParsedDocument, line: number, comments: string[]): TextEdit {
  const indent = /^[ \t]*/.exec(doc.lines[line] ?? '')?.[0] ?? '';
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: comments.map((n) => `${indent}# ${n}\n`).join('') };
}

/** Which stage to port: the line of its FROM, the package family it is written for, the Debian index the
 *  package names are checked against, and how files of the build context are read (entrypoint scripts). */
export interface StagePort {
  fromLine: number;
  from: PortableFamily;
  index?: DebianIndex;
  readContextFile?: ContextReader;
}

/** Edits porting the stage that starts at `fromLine`; `notes` counts the comments left for the user. */
export function portStageEdits(doc: ParsedDocument, o: StagePort): { edits: TextEdit[]; notes: number } {
  const { fromLine, from, index, readContextFile } = o;
  const edits: TextEdit[] = [];
  const virtuals: VirtualGroups = new Map();
  let notes = 0;
  const instructions = doc.instructions();
  const text = doc.text;
  // RUN bodies are read as the shell sees them: a `# escape=` directive's continuations become `\`
  const shell = doc.shellText;
  const fromIdx = instructions.findIndex((i) => i.getKeyword() === 'FROM' && i.getRange().start.line === fromLine);
  const stageEnd = instructions.findIndex((i, k) => k > fromIdx && i.getKeyword() === 'FROM');
  const stageText =
    from === 'apk' || from === 'rpm'
      ? shell.slice(
          doc.lineIndex.offset(instructions[fromIdx]?.getRange().start ?? { line: 0, character: 0 }),
          stageEnd < 0 ? shell.length : doc.lineIndex.offset(instructions[stageEnd].getRange().start),
        )
      : '';
  const renames = alpineUserRenames(stageText);
  const made = createdAccounts(stageText);
  // the first install of a stage that downloads over https also installs ca-certificates (once)
  // (and one that runs update-ca-certificates, which is ca-certificates' on Debian). The package name
  // alone counts as installed: not `update-ca-certificates` nor `/usr/local/share/ca-certificates/`
  let needsCa =
    (httpsFetchAt(stageText) !== undefined || /\bupdate-ca-certificates\b/.test(stageText)) &&
    !/(?<![/\w-])ca-certificates(?![/\w.-])/.test(stageText);
  if (from === 'apk') {
    const stage = instructions.slice(fromIdx + 1, stageEnd < 0 ? undefined : stageEnd);
    const bodies: StageInstruction[] = stage.map((i) => {
      const keyword = i.getKeyword();
      const body = shell.slice(
        doc.lineIndex.offset(i.getInstructionRange().end),
        doc.lineIndex.offset(i.getRange().end),
      );
      const copies = readContextFile && (keyword === 'COPY' || keyword === 'ADD');
      return { keyword, body, scripts: copies ? copiedScripts(body, readContextFile) : undefined };
    });
    const needed = alpineOnlyAccounts(bodies, stageText, renames);
    if (needed.first >= 0) {
      const line = stage[needed.first].getRange().start.line;
      const what = [
        needed.groups.length ? `group${needed.groups.length > 1 ? 's' : ''} ${needed.groups.join(', ')}` : '',
        needed.users.length ? `user${needed.users.length > 1 ? 's' : ''} ${needed.users.join(', ')}` : '',
      ].filter(Boolean);
      const who = needed.scripts.length ? `this stage (${needed.scripts.join(', ')})` : 'this stage';
      const why = `# mips-port: Alpine's base has the ${what.join(' and the ')} ${who} names; Debian's has not`;
      const at = { line, character: 0 };
      edits.push({ range: { start: at, end: at }, newText: `${why}\n${createAccountsRun(needed)}\n` });
    }
  }
  for (const ins of instructions.slice(fromIdx + 1)) {
    const kw = ins.getKeyword();
    if (kw === 'FROM') break;
    const r = ins.getRange();
    const start = doc.lineIndex.offset(ins.getInstructionRange().end);
    const end = doc.lineIndex.offset(r.end);
    // users Alpine packages create under other names than Debian's (stunnel -> stunnel4)
    for (const e of userNameEdits(shell, start, end, kw, renames))
      edits.push({ range: doc.lineIndex.range(e.start, e.end), newText: e.text });
    // Alpine's nobody group is `nobody`; Debian's is `nogroup`
    if (from === 'apk' && ['RUN', 'USER', 'COPY', 'ADD'].includes(kw)) {
      for (const m of text.slice(start, end).matchAll(/\bnobody:nobody\b/g)) {
        const at = start + (m.index ?? 0) + 'nobody:'.length;
        edits.push({ range: doc.lineIndex.range(at, at + 'nobody'.length), newText: 'nogroup' });
      }
    }
    if (kw === 'RUN') {
      const s = afterRunFlags(shell, start, end);
      const body = shell.slice(s, end);
      if (isExecForm(body)) {
        // no shell words to rewrite; say so rather than leave it silently
        if (execFormTool(body) === from) {
          const why = `mips-port: exec-form RUN not ported: rewrite it with apt-get (the new base has no ${familyTool(from)})`;
          edits.push(commentAbove(doc, r.start.line, [why]));
          notes++;
        }
        continue;
      }
      const t = translatePackageCommands(shell, {
        from: s,
        to: end,
        family: from,
        virtuals,
        index,
        stage: { made, needsCa },
      });
      if (t.installed) needsCa = false;
      // word-sized edits, so other fixes in the same RUN (a URL's arch) can apply alongside
      for (const c of t.changes) edits.push({ range: doc.lineIndex.range(c.start, c.end), newText: c.text });
      if (t.notes.length) {
        edits.push(commentAbove(doc, r.start.line, t.notes));
        notes += t.notes.length;
      }
    } else if (
      (kw === 'SHELL' || kw === 'ENTRYPOINT' || kw === 'CMD') &&
      /(^|["\s/])ash(["\s]|$)/.test(text.slice(start, end))
    ) {
      // Debian has no ash; bash is essential there and understands ash's options (-o pipefail)
      const region = text.slice(start, end);
      const bash = region.replace(/\/bin\/ash\b/g, '/bin/bash').replace(/(["\s])ash(["\s])/g, '$1bash$2');
      edits.push({ range: doc.lineIndex.range(start, end), newText: bash });
    }
  }
  return { edits, notes };
}
