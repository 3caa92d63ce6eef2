// Rewrites Alpine (apk, busybox adduser/addgroup) and RPM (dnf/yum/microdnf) commands of a RUN
// instruction into their Debian equivalents, word by word in place, so the chain's `&&`, `;`,
// continuations and heredocs keep their shape. Nothing is dropped silently: unknown packages keep
// their name and get a `# mips-port: check package name` comment; dropped pins and packages are noted.
import { DebianIndex } from '../packages/debianIndex';
import { alpineLeftover, needsCaCertificates } from './alpineLeftovers';
import { ESSENTIAL } from './debianEssential';
import { mapNames } from './packageWords';
import { alpineProgramCommands } from './alpinePrograms';
import { packageAccountCommands } from './alpinePackageAccounts';
import { base, commandStart, Ctx, removeWord, TextChange, Translation, VirtualGroups } from './shellEdits';
import { splitCommands, unquoteWord, Word } from './shellWords';
import { runToEnd } from '../slices';
import { translateAddgroup, translateAdduser } from './userCommands';

export type { TextChange, Translation, VirtualGroups };
export { applyChanges, execFormTool, isExecForm } from './shellEdits';

const APT_INSTALL = 'apt-get install -y --no-install-recommends';
const APT_CLEAN = ' && rm -rf /var/lib/apt/lists/*';
const APK_ARG_FLAGS = new Set([
  '--virtual',
  '-t',
  '--repository',
  '-X',
  '--root',
  '-p',
  '--arch',
  '--keys-dir',
  '--cache-dir',
  '--repositories-file',
]);
const RPM_ARG_FLAGS = new Set([
  '--setopt',
  '--enablerepo',
  '--disablerepo',
  '--releasever',
  '--installroot',
  '-c',
  '--config',
]);

/** Flags and operands after the subcommand; argument-taking flags consume their value. */
function operands(words: Word[], argFlags: Set<string>): { flags: Word[][]; rest: Word[]; virtual?: string } {
  const flags: Word[][] = [];
  const rest: Word[] = [];
  let virtual: string | undefined;
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (w.text.startsWith('-')) {
      const [flag, inline] = w.text.split('=', 2);
      if (argFlags.has(flag) && inline === undefined && words[k + 1]) {
        if (flag === '--virtual' || flag === '-t') virtual = unquoteWord(words[k + 1].text);
        flags.push([w, words[k + 1]]);
        k++;
      } else {
        if ((flag === '--virtual' || flag === '-t') && inline) virtual = inline;
        flags.push([w]);
      }
    } else rest.push(w);
  }
  return { flags, rest, virtual };
}

/** An install command as written: its head (`apk add`, `dnf install`) becomes apt-get's, the flags after
 *  the head go with it, its packages are mapped; `end` is where the whole command ends. */
interface InstallCommand {
  from: 'apk' | 'rpm';
  head: { start: number; end: number };
  flags: Word[][];
  pkgs: Word[];
  end: number;
}

function* installChanges(ctx: Ctx, cmd: InstallCommand): Generator<void, string[]> {
  const { from, flags, pkgs } = cmd;
  const [headStart, headEnd, cmdEnd] = [cmd.head.start, cmd.head.end, cmd.end];
  const mapped = yield* mapNames(ctx, from, pkgs);
  const apkNames = from === 'apk' ? pkgs.map((w) => unquoteWord(w.text)) : [];
  const programs = [...alpineProgramCommands(apkNames), ...packageAccountCommands(apkNames, ctx.made)];
  if (mapped.names.length === 0) {
    ctx.out.changes.push({ start: headStart, end: cmdEnd, text: programs.length ? programs.join(' && ') : 'true' });
    return [];
  }
  ctx.out.changes.push({
    start: headStart,
    end: headEnd,
    text: ctx.updated ? APT_INSTALL : `apt-get update && ${APT_INSTALL}`,
  });
  ctx.updated = true;
  // flags between the command and its subcommand vanish with the replaced head
  for (const f of flags) for (const w of f) if (w.start >= headEnd) ctx.out.changes.push(removeWord(ctx.src, w));
  ctx.out.changes.push(...mapped.changes);
  ctx.lastInstall = { end: cmdEnd, names: mapped.names };
  ctx.programs = [...(ctx.programs ?? []), ...programs];
  return mapped.names;
}

function* translateApk(ctx: Ctx, words: Word[], k: number): Generator<void> {
  let s = k + 1;
  const pre: Word[][] = [];
  while (words[s] && words[s].text.startsWith('-')) {
    if (APK_ARG_FLAGS.has(words[s].text) && words[s + 1]) {
      pre.push([words[s], words[s + 1]]);
      s += 2;
    } else {
      pre.push([words[s]]);
      s++;
    }
  }
  const sub = words[s];
  if (!sub) return;
  const cmdEnd = words[words.length - 1].end;
  const { flags, rest, virtual } = operands(words.slice(s + 1), APK_ARG_FLAGS);
  const head = (text: string) => {
    ctx.out.changes.push({ start: words[k].start, end: sub.end, text });
    for (const f of flags) for (const w of f) if (w.start >= sub.end) ctx.out.changes.push(removeWord(ctx.src, w));
  };
  switch (sub.text) {
    case 'add': {
      const head = { start: words[k].start, end: sub.end };
      const install = { from: 'apk' as const, head, flags: [...pre, ...flags], pkgs: rest, end: cmdEnd };
      const names = yield* installChanges(ctx, install);
      if (virtual) ctx.virtuals.set(virtual, names);
      return;
    }
    case 'del': {
      const purge: string[] = [];
      const kept = (names: string[]) =>
        names.filter((n) => {
          if (!ESSENTIAL.has(n)) return true;
          ctx.out.notes.push(`mips-port: not purging ${n}: it is an Essential package on Debian`);
          return false;
        });
      const changes: TextChange[] = [];
      for (const w of rest) {
        const v = ctx.virtuals.get(unquoteWord(w.text));
        if (v) {
          const names = kept(v);
          purge.push(...names);
          changes.push(names.length ? { start: w.start, end: w.end, text: names.join(' ') } : removeWord(ctx.src, w));
        }
      }
      const plain = rest.filter((w) => !ctx.virtuals.has(unquoteWord(w.text)));
      const mapped = yield* mapNames(ctx, 'apk', plain);
      for (const c of mapped.changes) {
        const names = c.text.split(' ').filter(Boolean);
        const k2 = kept(names);
        changes.push(k2.length === names.length ? c : { ...c, text: k2.join(' ') });
      }
      purge.push(...kept(mapped.names));
      if (purge.length === 0) {
        ctx.out.changes.push({ start: words[k].start, end: cmdEnd, text: 'true' });
        return;
      }
      ctx.out.changes.push(...changes);
      head('apt-get purge -y --auto-remove');
      return;
    }
    case 'update':
      head(ctx.updated ? 'true' : 'apt-get update');
      ctx.updated = true;
      return;
    case 'upgrade':
      head(ctx.updated ? 'apt-get upgrade -y' : 'apt-get update && apt-get upgrade -y');
      ctx.updated = true;
      return;
    case 'cache':
      ctx.out.changes.push({ start: words[k].start, end: cmdEnd, text: 'apt-get clean' });
      return;
    default:
      ctx.out.notes.push(`mips-port: check this command: apk ${sub.text} has no direct apt-get equivalent`);
  }
}

function* translateRpm(ctx: Ctx, words: Word[], k: number): Generator<void> {
  const { flags, rest } = operands(words.slice(k + 1), RPM_ARG_FLAGS);
  const sub = rest[0];
  if (!sub) return;
  const cmdEnd = words[words.length - 1].end;
  const pkgs = rest.slice(1);
  switch (sub.text) {
    case 'install':
      yield* installChanges(ctx, {
        from: 'rpm',
        head: { start: words[k].start, end: sub.end },
        flags,
        pkgs,
        end: cmdEnd,
      });
      return;
    case 'remove':
    case 'erase': {
      const mapped = yield* mapNames(ctx, 'rpm', pkgs);
      ctx.out.changes.push(
        { start: words[k].start, end: sub.end, text: 'apt-get purge -y --auto-remove' },
        ...mapped.changes,
      );
      for (const f of flags) for (const w of f) if (w.start > sub.end) ctx.out.changes.push(removeWord(ctx.src, w));
      return;
    }
    case 'clean':
      ctx.out.changes.push({
        start: words[k].start,
        end: cmdEnd,
        text: 'apt-get clean && rm -rf /var/lib/apt/lists/*',
      });
      ctx.cleaned = true;
      return;
    case 'makecache':
      ctx.out.changes.push({ start: words[k].start, end: cmdEnd, text: 'apt-get update' });
      return;
    case 'update':
    case 'upgrade':
      ctx.out.changes.push({ start: words[k].start, end: cmdEnd, text: 'apt-get update && apt-get upgrade -y' });
      return;
    default:
      ctx.out.notes.push(
        `mips-port: check this command: ${base(words[k].text)} ${sub.text} has no direct apt-get equivalent`,
      );
  }
}

/** What the port knows of the whole stage when it translates one RUN. */
export interface StageFacts {
  /** Users and groups the stage creates itself. */
  made?: ReadonlySet<string>;
  /** The stage downloads over https and nothing installed ca-certificates yet. */
  needsCa?: boolean;
}

export interface TranslateOptions {
  /** The span of the shell text to translate: src[from, to) (one RUN instruction's). */
  from: number;
  to: number;
  /** The package manager the commands are written for. */
  family: 'apk' | 'rpm';
  /** apk `--virtual` groups named by earlier RUNs of the stage (filled in by this one's). */
  virtuals?: VirtualGroups;
  /** The target's Debian package index, when loaded: names checked against it. */
  index?: DebianIndex;
  stage?: StageFacts;
}

/** Translates the package commands in src[o.from, o.to) (a RUN instruction's shell text). */
export function translatePackageCommands(src: string, o: TranslateOptions): Translation {
  return runToEnd(translationSteps(src, o));
}

/** translatePackageCommands in steps: a pause may come between them (see mapNames). */
export function* translationSteps(src: string, o: TranslateOptions): Generator<void, Translation> {
  const { from, to, family, virtuals = new Map(), index, stage = {} } = o;
  const ctx: Ctx = { src, out: { changes: [], notes: [], unknown: [] }, virtuals, index, made: stage.made };
  for (const cmd of splitCommands(src, from, to)) {
    const k = commandStart(cmd.words);
    const w = cmd.words[k];
    if (!w) continue;
    const name = base(w.text);
    const words = cmd.words;
    if (family === 'apk' && name === 'apk') yield* translateApk(ctx, words, k);
    else if (family === 'apk' && name === 'adduser') translateAdduser(ctx, words, k);
    else if (family === 'apk' && name === 'addgroup') translateAddgroup(ctx, words, k);
    else if (family === 'rpm' && (name === 'dnf' || name === 'yum' || name === 'microdnf'))
      yield* translateRpm(ctx, words, k);
    else if (family === 'apk') alpineLeftover(ctx, cmd, k, name);
  }
  const last = ctx.lastInstall;
  if (last) {
    // update-ca-certificates comes with ca-certificates on Debian, and Debian's curl/wget do not bring
    // them without recommends: install it where the RUN installs
    const wanted = stage.needsCa || needsCaCertificates(src, from, to);
    const ca = wanted && !last.names.includes('ca-certificates') ? ' ca-certificates' : '';
    ctx.out.installed = true;
    const programs = [...new Set(ctx.programs)].map((l) => ` && ${l}`).join('');
    const text = ca + programs + (ctx.cleaned ? '' : APT_CLEAN);
    if (text) ctx.out.changes.push({ start: last.end, end: last.end, text });
  }
  ctx.out.notes = [...new Set(ctx.out.notes)];
  return ctx.out;
}
