// The places a build decides which architectures exist: Makefile variables (`ALL_ARCH ?= amd64 arm64`),
// shell arrays and strings (Kubernetes' KUBE_SUPPORTED_*_PLATFORMS, image-util.sh's QEMUARCHS),
// `--platform a,b` flags, CI YAML keys (`platforms:`, matrix `arch:`, goreleaser `goarch:`) and bake
// files' `platforms = [...]`. Each list keeps where its entries are and how to add one in its own style.
import { LineIndex } from '../textPositions';
import { Position, Range } from '../types';
import { ArchWord, listSpelling, readArchWord, Spelling } from './archWords';
import { ParsedDocument } from './parsedDocument';
import { assignments, bracketLists, Found, platformFlags, QEMU_NAME, Token, yamlKeys } from './platformListSyntax';

export interface ListEntry {
  text: string;
  range: Range;
  word: ArchWord;
}

export interface PlatformList {
  /** As the file names it: `ALL_ARCH`, `KUBE_SUPPORTED_SERVER_PLATFORMS`, `platforms`, `--platform`. */
  name: string;
  /** Where a finding goes: the name (or flag) and its values' first line. */
  range: Range;
  entries: ListEntry[];
  spelling: Spelling;
  /** A new entry goes at `at`, written `before + entry + after` (`before` holds the separator). */
  insert: { at: Position; before: string; after: string };
  /** Entries are `["amd64"]="x86_64"` pairs (image-util.sh's QEMUARCHS map). */
  goToQemuMap?: boolean;
  /** Entries are written `qemu-<arch>` or `qemu-<arch>-static`. */
  qemuAffix?: { prefix: string; suffix: string };
  /** What the list decides, for hovers. */
  drives: string;
  /** What else an added entry needs. */
  needs?: string;
  /** An exclusion, not a list (goreleaser's `ignore:` item): its lines, which a fix removes. */
  drops?: Range;
}

const DRIVES: [RegExp, string][] = [
  [/^QEMUARCHS$/, "image-util.sh's map from Go architecture to the QEMU binary copied into each cross-build"],
  [
    /^KUBE_SUPPORTED_(\w+)_PLATFORMS$/,
    'the platforms hack/lib/golang.sh cross-builds the $1 binaries for (make cross, make release)',
  ],
  [
    /^ALL_ARCH/,
    'the architectures the Makefile builds and pushes an image for (all-build, all-push, the manifest list)',
  ],
  [/^--platform$/, 'the platforms this docker buildx build makes an image for'],
  [/^platforms$/, 'the platforms this build (buildx, bake, QEMU set-up) covers: nothing is built for one not listed'],
  [/^goarch/, 'the GOARCH values goreleaser builds binaries and archives for'],
  [/^arch/i, 'the architectures this build matrix runs a job for'],
];

function drives(name: string): string {
  for (const [re, what] of DRIVES) {
    const m = re.exec(name);
    if (m) return what.replace('$1', (m[1] ?? '').toLowerCase());
  }
  return `the architectures the build makes something for (${name})`;
}

function toList(f: Found, lines: LineIndex, text: string): PlatformList | undefined {
  // image-util.sh's `declare -A QEMUARCHS=( ["amd64"]="x86_64" … )`: the keys are the architectures
  const isKey = (t: Token) => text[t.start - 1 - t.quote.length] === '[' && /^["']?\]=/.test(text.slice(t.end));
  const map = f.tokens.some(isKey);
  const literal = (map ? f.tokens.filter(isKey) : f.tokens).filter((t) => !t.text.includes('$'));
  const entries: ListEntry[] = [];
  for (const t of literal) {
    const word = readArchWord(t.text);
    if (!word) return undefined; // a list of something else (targets, package names, `all`)
    entries.push({ text: t.text, range: lines.range(t.start, t.end), word });
  }
  // one entry is one platform on purpose (a dev tool's host arch), not a list to extend
  if (entries.length < 2 || entries.every((e) => e.word.os && e.word.os !== 'linux')) return undefined;
  const spelling = map
    ? 'go'
    : listSpelling(
        entries.map((e) => e.word),
        QEMU_NAME.test(f.name) ? 'qemu' : undefined,
      );
  const first = entries[0].text;
  const qemuAffix =
    spelling === 'qemu' && first.startsWith('qemu-')
      ? { prefix: 'qemu-', suffix: first.endsWith('-static') ? '-static' : '' }
      : undefined;
  // after the last Linux entry, so `windows/amd64` stays at the end
  let i = entries.length - 1;
  while (i > 0 && entries[i].word.os && entries[i].word.os !== 'linux') i--;
  const last = literal[i];
  const q = last.quote;
  const insert = map
    ? { at: lines.position(pairEnd(text, last.end)), before: ' ', after: '' }
    : f.vertical
      ? {
          at: lines.position(last.end + q.length),
          before: `${f.closeAt !== undefined ? ',' : ''}\n${f.vertical.indent}${f.vertical.itemPrefix}${q}`,
          after: q,
        }
      : { at: lines.position(last.end + q.length), before: `${f.separator ?? ' '}${q}`, after: q };
  return {
    name: f.name,
    range: lines.range(f.nameStart, f.nameStart + f.name.length),
    entries,
    spelling,
    insert,
    goToQemuMap: map || undefined,
    qemuAffix,
    drives: drives(f.name),
  };
}

/** The end of a `["amd64"]="x86_64"` pair whose key ends at `keyEnd`. */
function pairEnd(text: string, keyEnd: number): number {
  const m = /^"?\]="?[^"\s)]*"?/.exec(text.slice(keyEnd));
  return keyEnd + (m ? m[0].length : 0);
}

/** Every platform list of a build script, workflow, bake or goreleaser file (`file` tells bake files). */
export function findPlatformLists(doc: ParsedDocument, file = ''): PlatformList[] {
  const text = doc.text;
  const found =
    doc.kind === 'yaml'
      ? [...yamlKeys(text), ...platformFlags(text)]
      : /(^|[\\/])docker-bake[^\\/]*$/.test(file)
        ? bracketLists(text)
        : [...assignments(text), ...platformFlags(text)];
  const lists = found.map((f) => toList(f, doc.lineIndex, text)).filter((l): l is PlatformList => !!l);
  if (doc.kind === 'yaml') lists.push(...ignoredBuilds(doc));
  for (const l of lists) if (l.goToQemuMap || l.qemuAffix) l.needs = QEMU_NEEDS;
  return lists;
}

/** goreleaser's `ignore:` items (`- goos: linux` / `goarch: mips64le`): combinations it never builds. */
function ignoredBuilds(doc: ParsedDocument): PlatformList[] {
  const out: PlatformList[] = [];
  const rows = doc.lines;
  for (let i = 0; i < rows.length; i++) {
    const key = /^([ \t]*)ignore:[ \t]*$/.exec(rows[i]);
    if (!key) continue;
    for (let j = i + 1; j < rows.length;) {
      const item = /^([ \t]*)-[ \t]+/.exec(rows[j]);
      if (!item || item[1].length < key[1].length) break;
      let end = j + 1;
      while (end < rows.length && /^[ \t]*[^\s-]/.test(rows[end]) && indent(rows[end]) > item[1].length) end++;
      const body = rows.slice(j, end);
      const arch = body.map((r) => /\bgoarch:[ \t]*["']?([\w.]+)/.exec(r)).findIndex(Boolean);
      const os = body.map((r) => /\bgoos:[ \t]*["']?(\w+)/.exec(r)?.[1]).find(Boolean);
      const word = arch < 0 ? undefined : readArchWord(/\bgoarch:[ \t]*["']?([\w.]+)/.exec(body[arch])![1]);
      if (word && (!os || os === 'linux')) {
        const line = j + arch;
        const at = rows[line].indexOf('goarch:');
        const start = { line, character: at };
        out.push({
          name: 'ignore',
          range: { start, end: { line, character: rows[line].length } },
          entries: [
            {
              text: rows[line].slice(at),
              range: { start, end: { line, character: rows[line].length } },
              word: { ...word, os: os ?? 'linux' },
            },
          ],
          spelling: 'go',
          insert: { at: start, before: '', after: '' },
          drives: "the goos/goarch combinations goreleaser's builds leave out",
          drops: { start: { line: j, character: 0 }, end: { line: end, character: 0 } },
        });
      }
      j = end;
    }
  }
  return out;
}

const indent = (row: string) => /^[ \t]*/.exec(row)![0].length;

const QEMU_NEEDS =
  "image-util.sh builds an image for an architecture only when that image's BASEIMAGE file has a line for it (MP109 offers one), and copies qemu-<arch>-static from this map into the build";
