// Shared shapes of the engine. Positions are 0-based (LSP style); adapters convert for humans.
import type { ImageRef } from './imageRef';
import type { Platform } from './platform';

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeverityOverride = Severity | 'off';
export type Status = 'available' | 'missing' | 'unknown';
export type VerdictSource = 'registry' | 'cache' | 'knowledge-base' | 'mirror';

export interface Suggestion {
  /** Fully normalised replacement reference. */
  image: string;
  /** One line on why this candidate. */
  reason: string;
}

export interface Verdict {
  status: Status;
  source: VerdictSource;
  /** What was found and why it means `status`, in one or two sentences. */
  reason: string;
  /** Platforms the source knows for this reference (`linux/amd64`, …), when it knows them. */
  platforms?: string[];
  /** Date the tag stopped being rebuilt, for tags the registry keeps frozen. */
  frozenSince?: string;
  /** Content digest the registry (or cache) gave for the reference. */
  digest?: string;
  suggestions: Suggestion[];
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** An editor command a fix runs instead of (or after) its edits. */
export interface FixCommand {
  title: string;
  command: string;
  arguments?: unknown[];
}

/** A safe edit that resolves a finding (an LSP quick fix), or a command that helps resolve it. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  isPreferred?: boolean;
  command?: FixCommand;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  range: Range;
  message: string;
  /** Normalised reference the finding is about, if any. */
  image?: string;
  /** The folder of this workspace that builds the image (MP101 on a FROM naming it). */
  builtHere?: string;
  status?: Status;
  source?: VerdictSource;
  suggestions: Suggestion[];
  /** Longer Markdown text for hovers. */
  detail?: string;
  fixes?: Fix[];
}

export type ImageUseKind = 'from' | 'copy-from' | 'mount-from' | 'manifest' | 'baseimage' | 'yaml';

/** A value in a YAML map, with where it is written. */
export interface FieldValue {
  value: string;
  range: Range;
}

/** An image written as several keys (Helm `image: {registry, repository, tag, digest}`, a Kustomize
 *  `images:` entry's `newName`/`newTag`/`digest`): what a fix edits, or inserts where missing. */
export interface ImageFields {
  convention: 'helm' | 'kustomize';
  name?: FieldValue;
  tag?: FieldValue;
  registry?: FieldValue;
  digest?: FieldValue;
  /** The name the image has before a fix when `name` is not written here (Kustomize's `name`, Helm's
   *  repository from values.yaml under an override file). */
  currentName: string;
  /** A missing key goes after this line, with this indentation. */
  insertAfter: { line: number; indent: number };
}

/** One place a file names an image. */
export interface ImageUse {
  kind: ImageUseKind;
  /** Text as written (`$BASE`, `alpine:3.10`). */
  text: string;
  /** After build-arg substitution; undefined when a variable has no value. */
  resolved?: string;
  range: Range;
  /** Variables that had no value (set by --build-arg at build time). */
  unresolved: string[];
  /** The stage runs on the build host (`FROM --platform=$BUILDPLATFORM`), not the target. */
  nativeStage?: boolean;
  /** A constant `--platform=` on the FROM line, with its range. */
  platformFlag?: { value: string; range: Range };
  /** Target platform of this use when the file sets one (Compose `platform:`). */
  platform?: string;
  stageName?: string;
  /** Why the entry could not be read (manifest.go shapes the parser does not know). */
  problem?: string;
  /** manifest.go: the image's key (`Nginx`) and the whole `Config{…}` literal. */
  entryName?: string;
  entryRange?: Range;
  /** One line of context for hovers. */
  note?: string;
  /** The value (or the missing value) comes from a file beside this one, e.g. the BASEIMAGE file's
   *  target line: fix it there, not here. */
  argSource?: string;
  /** `FROM BASEIMAGE`: the placeholder older Kubernetes image-util.sh replaced with sed. */
  placeholder?: boolean;
  /** Shown in hovers only, no diagnostics (BASEIMAGE lines of other platforms). */
  informational?: boolean;
  /** YAML: where the image sits (`Deployment.spec.template.spec.containers[0]`) and its pull policy. */
  yamlPath?: string;
  pullPolicy?: { value: string; range: Range };
  /** Helm values and Kustomize entries: the image's parts as written. */
  fields?: ImageFields;
  /** A FROM naming an image a folder of this workspace builds: `../agnhost` and its Dockerfile's path. */
  producedHere?: { folder: string; dockerfile: string };
}

/** An image use with its parsed reference and, once looked up, its verdict. */
export interface CheckedUse {
  use: ImageUse;
  /** Parsed reference; undefined when unresolved or invalid. */
  ref?: ImageRef;
  refError?: string;
  /** Platform the image must serve for this use. */
  platform: Platform;
  verdict?: Verdict;
}

/** A verdict for one reference and platform, from whatever the adapter has (knowledge base, cache, registry). */
export type Lookup = (ref: ImageRef, platform: Platform) => Verdict;
