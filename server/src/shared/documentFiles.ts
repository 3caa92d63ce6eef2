// Which files each document kind reads, written once: the server recognises files by it, the editor
// client sends those files (its document selector), and package.json's activation events must agree
// (a unit test checks). The engine's side of a kind (reader, size cap) is core/documents/kinds.ts.
// Imports nothing: the client bundles it.

export interface FileRecognition {
  /** Whole file names (`BASEIMAGE`). */
  names?: readonly string[];
  /** Name endings (`.yaml`). */
  suffixes?: readonly string[];
  /** Name beginnings followed by more (`Dockerfile.` for `Dockerfile.prod`). */
  prefixes?: readonly string[];
  /** Letter case does not matter: in every part of the name (`all`) or in endings only (`.YML`). */
  anyCase?: 'all' | 'endings';
  /** Names that look like the kind but are not (`Dockerfile.md`). */
  except?: RegExp;
  /** Editor language ids whose documents the client sends for this kind. */
  languages?: readonly string[];
  /** `workspaceContains:` globs that start the extension (files no language covers). */
  workspaceContains?: readonly string[];
}

/** First match wins: `Dockerfile.yaml` is YAML. */
export const DOCUMENT_FILES = {
  'manifest-go': { names: ['manifest.go'], workspaceContains: ['**/test/utils/image/manifest.go'] },
  baseimage: { names: ['BASEIMAGE'], workspaceContains: ['**/BASEIMAGE'] },
  yaml: {
    names: ['Kustomization'],
    suffixes: ['.yaml', '.yml'],
    anyCase: 'endings',
    languages: ['yaml', 'dockercompose'],
    workspaceContains: ['**/Kustomization'],
  },
  dockerfile: {
    names: ['Dockerfile', 'Containerfile'],
    suffixes: ['.Dockerfile', '.Containerfile'],
    prefixes: ['Dockerfile.', 'Containerfile.'],
    anyCase: 'all',
    except: /\.(md|txt|bak|orig|swp|json|ya?ml)$/i,
    languages: ['dockerfile'],
  },
  'build-script': {
    names: ['Makefile', 'makefile', 'GNUmakefile'],
    suffixes: ['.mk', '.sh', '.bash'],
    prefixes: ['docker-bake.'],
    languages: ['makefile', 'shellscript'],
    workspaceContains: ['**/docker-bake.hcl', '**/docker-bake.json'],
  },
} as const satisfies Record<string, FileRecognition>;

export type FileKind = keyof typeof DOCUMENT_FILES;

export const FILE_KINDS = Object.keys(DOCUMENT_FILES) as FileKind[];

function fits(r: FileRecognition, base: string): boolean {
  const norm = (s: string) => (r.anyCase ? s.toLowerCase() : s);
  const name = norm(base);
  if (r.except?.test(base)) return false;
  if (r.names?.some((n) => (r.anyCase === 'all' ? norm(n) === name : n === base))) return true;
  if (r.suffixes?.some((s) => name.endsWith(norm(s)))) return true;
  // more after the prefix, and not a second dot (`Dockerfile..x` is not a variant)
  return r.prefixes?.some((p) => name.startsWith(norm(p)) && /^[^.]/.test(name.slice(p.length))) ?? false;
}

/** The kind of a file by its base name (no folder), or undefined when mips-port does not read it. */
export function kindOfFileName(base: string): FileKind | undefined {
  return FILE_KINDS.find((k) => fits(DOCUMENT_FILES[k], base));
}

/** Base-name globs of a kind, in the spellings the editor's case-sensitive globs need. */
function fileGlobs(r: FileRecognition): string[] {
  const spell = (s: string) => (r.anyCase && s.toLowerCase() !== s ? [s, s.toLowerCase()] : [s]);
  return [
    ...(r.names ?? []).flatMap((n) => (r.anyCase === 'all' ? spell(n) : [n])),
    ...(r.suffixes ?? []).flatMap(spell).map((s) => `*${s}`),
    ...(r.prefixes ?? []).flatMap(spell).map((p) => `${p}*`),
  ];
}

export interface DocumentFilter {
  scheme: string;
  language?: string;
  pattern?: string;
}

/** What the editor client sends the server: files and unsaved buffers of the kinds' languages, and
 *  files by name (never git's read-only copies or other virtual documents). */
export function documentSelector(): DocumentFilter[] {
  const kinds = FILE_KINDS.map((k) => DOCUMENT_FILES[k] as FileRecognition);
  const languages = kinds.flatMap((r) => r.languages ?? []);
  const globs = kinds.flatMap(fileGlobs);
  return [
    ...['file', 'untitled'].flatMap((scheme) => languages.map((language) => ({ scheme, language }))),
    { scheme: 'file', pattern: `**/{${globs.join(',')}}` },
  ];
}

/** The activation events the document kinds need (package.json lists these, and others of its own). */
export function documentActivationEvents(): string[] {
  const kinds = FILE_KINDS.map((k) => DOCUMENT_FILES[k] as FileRecognition);
  return [
    ...kinds.flatMap((r) => r.languages ?? []).map((l) => `onLanguage:${l}`),
    ...kinds.flatMap((r) => r.workspaceContains ?? []).map((g) => `workspaceContains:${g}`),
  ];
}
