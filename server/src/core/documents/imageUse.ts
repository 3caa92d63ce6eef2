import { Range } from '../types';

export type ImageUseKind = 'from' | 'copy-from' | 'mount-from' | 'manifest' | 'baseimage' | 'yaml';

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
}
