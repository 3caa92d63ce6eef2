// Per-architecture dispatch in a RUN, read as one unit: `case "$(dpkg --print-architecture)" in amd64) …;;
// arm64) …;; *) echo unsupported; exit 1;; esac` (also uname -m, $TARGETARCH, apk --print-arch, a variable
// holding one of them) and `if [ "$(uname -m)" = x86_64 ]; then … elif …; else exit 1; fi` chains: which
// naming the dispatch compares, the branches' patterns and bodies, and whether the fallback exits.
import { ARCHES, ArchInfo } from '../platform';

/** Whose names the dispatch compares: dpkg's (mips64el), uname's (mips64), Go/OCI's (mips64le). */
export type ArchScheme = 'debian' | 'uname' | 'oci' | 'platform' | 'alpine';

export interface CaseItem {
  /** Offsets in the body: the pattern list (with its `(` and `)`), the branch's end after `;;`. */
  start: number;
  patternEnd: number;
  end: number;
  patterns: string[];
  /** The branch's commands, without the `;;` that ends it. */
  text: string;
}

export interface ArchDispatch {
  kind: 'case' | 'if';
  /** Offsets of the `case … in` / first `if …` words, and of the whole block. */
  head: [number, number];
  block: [number, number];
  scheme?: ArchScheme;
  /** `case`: its branches; `if`: one item per compared value. */
  items: CaseItem[];
  fallback?: { exits: boolean };
  /** Where `esac` starts (`case` only). */
  esac?: number;
}

const EXITS = /\bexit\b(?!\s+0\b)|\bfalse\b|\breturn\s+[1-9]/;

function schemeOfText(s: string): ArchScheme | undefined {
  if (/dpkg\s+--print-architecture|dpkg-architecture/.test(s)) return 'debian';
  if (/apk\s+--print-arch/.test(s)) return 'alpine';
  if (/uname\s+-[mp]|\$\(\s*arch\s*\)|`\s*arch\s*`/.test(s)) return 'uname';
  if (/\bTARGETPLATFORM\b/.test(s)) return 'platform';
  if (/\b(?:TARGETARCH|GOARCH)\b/.test(s)) return 'oci';
  return undefined;
}

/** The naming a subject compares: a command it runs, or the command a variable it reads was set from. */
export function subjectScheme(subject: string, body: string, before: number, depth = 0): ArchScheme | undefined {
  const direct = schemeOfText(subject);
  if (direct) return direct;
  const v = /\$\{?([A-Za-z_]\w*)/.exec(subject)?.[1];
  if (!v || depth > 3) return undefined;
  const assigns = [
    ...body.slice(0, before).matchAll(new RegExp(`(?:^|[\\s;&|(])${v}=((?:"[^"]*"|'[^']*'|\\S)+)`, 'g')),
  ];
  const last = assigns.pop();
  return last ? subjectScheme(last[1], body, last.index ?? 0, depth + 1) : undefined;
}

const ARCH_SUBJECT = /dpkg|uname|\barch\b|apk\s+--print-arch|\$\{?[A-Za-z_]*arch[A-Za-z_]*|TARGETPLATFORM/i;

/** The target's name in a scheme. */
export function spelling(arch: ArchInfo, scheme: ArchScheme): string {
  switch (scheme) {
    case 'debian':
      return arch.debian ?? arch.oci;
    case 'uname':
    case 'alpine':
      return arch.uname;
    case 'platform':
      return `linux/${arch.oci}`;
    default:
      return arch.oci;
  }
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (const c of glob) re += c === '*' ? '.*' : c === '?' ? '.' : /[\w/-]/.test(c) ? c : `\\${c}`;
  return new RegExp(`^${re}$`);
}

/** Does one of the patterns match the target (in the dispatch's naming, or any naming when unknown)? */
export function matchesTarget(patterns: string[], arch: ArchInfo, scheme?: ArchScheme): boolean {
  const names = scheme
    ? [spelling(arch, scheme)]
    : [arch.oci, arch.debian ?? '', arch.uname, `linux/${arch.oci}`, ...arch.aliases].filter(Boolean);
  return patterns.some((p) => p !== '*' && names.some((n) => globToRegExp(p).test(n)));
}

/** The architecture a pattern names, in any naming. */
export function archOfPattern(p: string): ArchInfo | undefined {
  const name = p.replace(/^linux\//, '');
  return ARCHES.find((a) => a.oci === name || a.debian === name || a.uname === name || a.aliases.includes(name));
}

/** Skips a quoted string or `$(…)` at i; returns the offset after it, or i when there is none. */
function skipQuoted(s: string, i: number): number {
  const c = s[i];
  if (c === "'") {
    const e = s.indexOf("'", i + 1);
    return e < 0 ? s.length : e + 1;
  }
  if (c === '"') {
    let j = i + 1;
    while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
    return Math.min(s.length, j + 1);
  }
  if (c === '$' && s[i + 1] === '(') {
    let j = i + 2;
    let depth = 1;
    while (j < s.length && depth > 0) {
      const k = skipQuoted(s, j);
      if (k !== j) {
        j = k;
        continue;
      }
      if (s[j] === '(') depth++;
      else if (s[j] === ')') depth--;
      j++;
    }
    return j;
  }
  return i;
}

const WORD_END = /[\s;&|()]/;
function wordAt(s: string, i: number, w: string): boolean {
  return (
    s.startsWith(w, i) &&
    (i === 0 || WORD_END.test(s[i - 1])) &&
    (i + w.length >= s.length || WORD_END.test(s[i + w.length]))
  );
}

/** The `case` blocks of a shell body whose subject is an architecture. */
function caseDispatches(body: string): ArchDispatch[] {
  const out: ArchDispatch[] = [];
  for (const m of body.matchAll(/(?<![\w-])case\s+(.{1,200}?)\s+in(?=[\s;])/gs)) {
    if (!ARCH_SUBJECT.test(m[1])) continue;
    const start = m.index ?? 0;
    const items: CaseItem[] = [];
    let i = start + m[0].length;
    let esac: number | undefined;
    while (i < body.length) {
      while (i < body.length && /[\s;\\]/.test(body[i])) i++;
      if (wordAt(body, i, 'esac')) {
        esac = i;
        break;
      }
      // the pattern list, up to its `)`
      const pStart = i;
      if (body[i] === '(') i++;
      let pEnd = i;
      while (pEnd < body.length && body[pEnd] !== ')' && body[pEnd] !== '\n')
        pEnd = Math.max(pEnd + 1, skipQuoted(body, pEnd));
      if (body[pEnd] !== ')') break;
      const patterns = body
        .slice(i, pEnd)
        .split('|')
        .map((p) => p.trim().replace(/^["']|["']$/g, ''))
        .filter(Boolean);
      // the body, up to `;;` (or `esac`) outside quotes and nested cases
      let j = pEnd + 1;
      let depth = 0;
      let end = body.length;
      let bodyEnd = body.length;
      while (j < body.length) {
        const k = skipQuoted(body, j);
        if (k !== j) {
          j = k;
          continue;
        }
        if (wordAt(body, j, 'case')) depth++;
        else if (wordAt(body, j, 'esac')) {
          if (depth === 0) {
            end = bodyEnd = j;
            break;
          }
          depth--;
        } else if (depth === 0 && body.startsWith(';;', j)) {
          bodyEnd = j;
          end = j + 2 + (body[j + 2] === '&' ? 1 : 0);
          break;
        }
        j++;
      }
      items.push({ start: pStart, patternEnd: pEnd + 1, end, patterns, text: body.slice(pEnd + 1, bodyEnd) });
      i = end;
      if (end >= body.length) break;
    }
    const fb = items.find((it) => it.patterns.includes('*'));
    out.push({
      kind: 'case',
      head: [start, start + m[0].length],
      block: [start, esac === undefined ? body.length : esac + 4],
      scheme: subjectScheme(m[1], body, start),
      items,
      fallback: fb ? { exits: EXITS.test(fb.text) } : undefined,
      esac,
    });
  }
  return out;
}

/** `if [ "$(uname -m)" = x86_64 ]; then … elif [ … = aarch64 ]; then … else exit 1; fi` chains. */
function ifDispatches(body: string): ArchDispatch[] {
  const out: ArchDispatch[] = [];
  const test = /\b(if|elif)\s+(?:\[\[?|test\b)\s*(.{1,300}?)\s*(?:\]\]?|;|\n)/gs;
  for (const m of body.matchAll(test)) {
    if (m[1] !== 'if' || !ARCH_SUBJECT.test(m[2])) continue;
    const start = m.index ?? 0;
    // the chain's end: the `fi` that closes this `if` (nested ifs counted)
    let depth = 0;
    let fi = body.length;
    for (const w of body.slice(start).matchAll(/(?<![\w-])(if|fi)(?![\w-])/g)) {
      if (w[1] === 'if') depth++;
      else if (--depth === 0) {
        fi = start + (w.index ?? 0);
        break;
      }
    }
    const chain = body.slice(start, fi);
    const items: CaseItem[] = [];
    let scheme: ArchScheme | undefined;
    for (const c of chain.matchAll(test)) {
      const cmp = /^(.*?)\s*(?:==?)\s*(\S+)$/.exec(c[2]);
      if (!cmp || /!=/.test(c[2])) continue;
      const [a, b] = [cmp[1].trim(), cmp[2].replace(/^["']|["']$/g, '')];
      scheme ??= subjectScheme(a, body, start);
      const at = start + (c.index ?? 0);
      items.push({ start: at, patternEnd: at + c[0].length, end: at + c[0].length, patterns: [b], text: '' });
    }
    if (!items.length) continue;
    const elseAt = /(?<![\w-])else(?![\w-])/.exec(chain);
    out.push({
      kind: 'if',
      head: [start, start + m[0].length],
      block: [start, Math.min(body.length, fi + 2)],
      scheme,
      items,
      fallback: elseAt ? { exits: EXITS.test(chain.slice(elseAt.index)) } : undefined,
    });
  }
  return out;
}

/** Every architecture dispatch of a RUN body (offsets relative to it). */
export function archDispatches(body: string): ArchDispatch[] {
  return [...caseDispatches(body), ...ifDispatches(body)];
}
