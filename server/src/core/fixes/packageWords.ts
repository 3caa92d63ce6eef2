// A package word of an apk or dnf/yum line as Debian name(s): the curated map when its names exist for
// the target, the same name when Debian has it, the package that ships a path or an apk `cmd:`, else
// the word as written with a note saying what to check.
import { DebianIndex } from '../packages/debianIndex';
import { mapPackage } from './packageNames';
import { Ctx, removeWord, TextChange } from './shellEdits';
import { unquoteWord, Word } from './shellWords';

const WORDS_PER_STEP = 200;

/** In steps of a few hundred words: a pause may come between them (a 1 MB install line has 100,000). */
export function* mapNames(
  ctx: Ctx,
  from: 'apk' | 'rpm',
  words: Word[],
): Generator<void, { names: string[]; changes: TextChange[] }> {
  const names: string[] = [];
  const changes: TextChange[] = [];
  for (const [k, w] of words.entries()) {
    if (k % WORDS_PER_STEP === WORDS_PER_STEP - 1) yield;
    const raw = unquoteWord(w.text);
    if (raw.includes('$')) {
      names.push(raw);
      continue;
    } // a variable: keep
    const m = /^([^=<>~@]+)(@[\w-]+)?([=<>~].*)?$/.exec(raw);
    const name = m?.[1] ?? raw;
    if (m?.[3])
      ctx.out.notes.push(
        `mips-port: dropped the ${from === 'apk' ? 'Alpine' : 'RPM'} version pin ${raw} (Debian versions differ; pin with name=version if needed)`,
      );
    if (m?.[2]) ctx.out.notes.push(`mips-port: dropped the Alpine repository tag ${m[2]} of ${name}`);
    const r = resolveName(ctx, from, name);
    if (r.kind === 'dropped') {
      ctx.out.notes.push(`mips-port: dropped ${name}: ${r.why}`);
      changes.push(removeWord(ctx.src, w));
      continue;
    }
    names.push(...r.names);
    if (r.names.join(' ') !== raw) changes.push({ start: w.start, end: w.end, text: r.names.join(' ') });
    if (r.kind === 'elsewhere' && ctx.index)
      ctx.out.notes.push(
        `mips-port: ${name} has no ${ctx.index.data.arch} build in Debian ${ctx.index.suite}: drop it, build it from source, or find another package that does its job`,
      );
    if (r.kind === 'unknown') {
      ctx.out.unknown.push(name);
      const provides = /^(cmd|so|pc):/.exec(name)?.[1];
      const near = provides ? [] : (ctx.index?.closest(name) ?? []);
      const where = provides
        ? `apk's ${provides}: names a file; ${ctx.index ? `no Debian ${ctx.index.suite} package in the index ships it` : 'no Debian index is loaded to find its package'}: name the package`
        : ctx.index
          ? `not a Debian ${ctx.index.suite} package`
          : `no Debian name known for this ${from === 'apk' ? 'Alpine' : 'RPM'} package`;
      ctx.out.notes.push(
        `mips-port: check package name: ${name} (${where}${near.length ? `; closest: ${near.join(', ')}` : ''})`,
      );
    }
  }
  return { names, changes };
}

type Resolved = { kind: 'names' | 'unknown' | 'elsewhere'; names: string[] } | { kind: 'dropped'; why: string };

/** Debian's name by its own conventions, when its index has it: Alpine's `perl-net-ssleay` is
 *  `libnet-ssleay-perl`, `py3-yaml` is `python3-yaml`; a name that is a program (`liboping`'s `oping`,
 *  `nping`) is the package that ships it, as Debian's Contents index says. */
function debianConvention(name: string, index: DebianIndex | undefined): string | undefined {
  if (!index) return undefined;
  const n = name.toLowerCase();
  const candidates = [
    /^perl-(.+)$/.test(n) ? `lib${n.slice(5)}-perl` : '',
    /^py3?-(.+)$/.test(n) ? `python3-${n.replace(/^py3?-/, '')}` : '',
  ].filter(Boolean);
  for (const c of candidates) if (index.has(c)) return c;
  for (const prog of [n, n.replace(/^lib/, '')])
    for (const dir of ['usr/bin', 'usr/sbin', 'bin', 'sbin']) {
      const pkg = index.byPath(`${dir}/${prog}`);
      if (pkg) return pkg;
    }
  return undefined;
}

/** A package word's Debian name(s): the curated map when its names exist for the target, the same name
 *  when Debian has it, the package that ships a path (`/usr/bin/ps`), else the name as it was. */
function resolveName(ctx: Ctx, from: 'apk' | 'rpm', name: string): Resolved {
  const index = ctx.index;
  const mapped = mapPackage(from, name);
  if (mapped.kind === 'dropped') return { kind: 'dropped', why: mapped.why };
  if (mapped.kind === 'mapped' && (!index || mapped.names.every((n) => index.has(n))))
    return { kind: 'names', names: mapped.names };
  if (index?.has(name)) return { kind: 'names', names: [name] };
  if (name.startsWith('/')) {
    const pkg = index?.byPath(name);
    if (pkg) return { kind: 'names', names: [pkg] };
  }
  // apk's `cmd:ps` asks for whatever ships the program: Debian's Contents answers the same question
  if (name.startsWith('cmd:')) {
    const prog = name.slice(4);
    for (const dir of ['usr/bin', 'bin', 'usr/sbin', 'sbin']) {
      const pkg = index?.byPath(`${dir}/${prog}`);
      if (pkg) return { kind: 'names', names: [pkg] };
    }
  }
  if (mapped.kind === 'mapped') return { kind: 'names', names: mapped.names }; // MP124 names the missing ones
  if (index?.elsewhere(name)) return { kind: 'elsewhere', names: [name] }; // MP124: no build for the target
  const conventional = debianConvention(name, index);
  if (conventional) return { kind: 'names', names: [conventional] };
  return { kind: 'unknown', names: [name] };
}
