// The document kinds, one line each: how big a file of the kind may be, the readers that turn its text
// into image uses and the data its rules need, and whether they read files beside it. Which files a
// kind covers is in shared/documentFiles.ts (the editor client sends the same files). A file read by
// two readers (a workflow YAML: images and platform lists) lists both; their results are merged.
import path from 'node:path';
import { FILE_KINDS, FileKind } from '../../shared/documentFiles';
import { writtenBaseName } from '../imageRef';
import { Platform } from '../platform';
import { ImageUse } from '../types';
import { analyseBaseimage, MissingBaseimageLine } from './baseimage';
import { analyseDockerfile, FileArg } from './dockerfile';
import { chartWithValues } from './chartTemplates';
import { analyseManifestGo } from './manifestGo';
import { ParsedDocument } from './parsedDocument';
import { findPlatformLists, PlatformList } from './platformLists';
import { siblingFileArgs } from './siblingFiles';
import { analyseYamlSteps } from './yamlImages';
import { analyseYamlByRole } from './yamlRole';

/** What the readers found besides image uses: the data rules read from their context. */
export interface ReaderData {
  parseError?: string;
  /** A file-level note: the file (or its images) could not be checked, and why. */
  skipped?: string;
  /** A file-level note that is not a problem (Helm chart values: what is and is not seen). */
  note?: string;
  /** BASEIMAGE without a line for the target. */
  missingTarget?: MissingBaseimageLine;
  /** The architecture lists of build scripts, workflows, bake and goreleaser files. */
  platformLists?: PlatformList[];
}

export interface Extracted extends ReaderData {
  uses: ImageUse[];
  /** For YAML: what the file turned out to be (none when it has no Kubernetes or Compose content). */
  yamlKind?: 'kubernetes' | 'compose';
}

export interface ReadOptions {
  target: Platform;
  filePath?: string;
  buildArgs?: Record<string, string>;
  /** Build args from files beside a Dockerfile (its Kubernetes BASEIMAGE file): see siblingFileArgs. */
  fileArgs?: Record<string, FileArg>;
  kubeTestRepoList?: Record<string, string>;
  /** Reads a file beside the document, for the kinds whose readers look there. */
  readSide?: (file: string) => string | undefined;
}

/** A reader works in steps: a pause may come between two (a huge file is read without blocking a server). */
export type Reader = (doc: ParsedDocument, o: ReadOptions) => Generator<void, Extracted>;

export interface DocumentKind {
  /** Lines past which a document gets one finding instead of an analysis (real files are far smaller). */
  maxLines: number;
  read: readonly Reader[];
  /** Its readers look at files beside it (Chart.yaml, a Kustomization's resources, BASEIMAGE). */
  readsSideFiles: boolean;
  /** Build args that files beside it supply (a Dockerfile's Kubernetes BASEIMAGE file). */
  argsBeside?: typeof siblingFileArgs;
  /** Not ours to report on when nothing is found: YAML that is neither Kubernetes nor Compose, a script
   *  without a platform list (a workspace has hundreds). */
  quietWhenEmpty?: boolean;
}

const readDockerfile: Reader = function* (doc, o) {
  // the parse (one piece: dockerfile-ast has no steps) in a step of its own, apart from the reading
  if (doc.stages) yield;
  const d = analyseDockerfile(doc, { target: o.target, buildArgs: o.buildArgs, fileArgs: o.fileArgs });
  const { filePath, readSide } = o;
  if (filePath && readSide)
    for (const u of d.uses)
      if (u.kind === 'from' && u.resolved && !u.nativeStage && !u.argSource) {
        const folder = producerFolder(u.resolved, filePath, readSide);
        if (folder) u.producedHere = { folder, dockerfile: path.resolve(path.dirname(filePath), folder, 'Dockerfile') };
      }
  return d;
};

/** A reader whose work is light at its kind's size cap, as a Reader of one step. */
function inOneStep(read: (doc: ParsedDocument, o: ReadOptions) => Extracted): Reader {
  // eslint-disable-next-line require-yield
  return function* (doc, o) {
    return read(doc, o);
  };
}

const readManifestGo = inOneStep((doc, o) =>
  analyseManifestGo(doc.text, { target: o.target, repoList: o.kubeTestRepoList }),
);

const readBaseimage = inOneStep((doc, o) => {
  const b = analyseBaseimage(doc.text, o.target);
  const m = b.missingTarget;
  if (m?.fromImage && o.filePath && o.readSide) m.producedHere = producerFolder(m.fromImage, o.filePath, o.readSide);
  // the producer's VERSION file gives the tag image-util.sh (and mips-port build) makes of it
  if (m?.producedHere && o.filePath && o.readSide) {
    const dir = path.resolve(path.dirname(o.filePath), m.producedHere);
    const version = o.readSide(path.join(dir, 'VERSION'))?.split('\n')[0].trim();
    m.producer = { dockerfile: path.join(dir, 'Dockerfile'), version: version || undefined };
  }
  return b;
});

const readYamlImages: Reader = function* (doc, o) {
  const byRole = yield* analyseYamlByRole(doc.text, o.filePath, o.readSide);
  if (byRole) return { uses: byRole.uses, parseError: byRole.parseError, note: byRole.note };
  const y = yield* analyseYamlSteps(doc.text);
  // a chart's templates: its values file's note (MP150) says once that templates are not rendered
  const skipped = y.skipped && chartWithValues(o.filePath, o.readSide) ? undefined : y.skipped;
  return { uses: y.uses, skipped, yamlKind: y.kind };
};

const readPlatformLists = inOneStep((doc, o) => ({ uses: [], platformLists: findPlatformLists(doc, o.filePath) }));

export const DOCUMENT_KINDS: { readonly [K in FileKind]: DocumentKind } = {
  'manifest-go': { maxLines: 20000, read: [readManifestGo], readsSideFiles: false },
  baseimage: { maxLines: 2000, read: [readBaseimage], readsSideFiles: true },
  yaml: { maxLines: 200000, read: [readYamlImages, readPlatformLists], readsSideFiles: true, quietWhenEmpty: true },
  dockerfile: { maxLines: 3000, read: [readDockerfile], readsSideFiles: true, argsBeside: siblingFileArgs },
  'build-script': { maxLines: 20000, read: [readPlatformLists], readsSideFiles: false, quietWhenEmpty: true },
};

export const ALL_KINDS: readonly FileKind[] = FILE_KINDS;

/** Every reader of the kind, merged: uses in reading order, the first of each note. */
export function* readDocument(doc: ParsedDocument, o: ReadOptions): Generator<void, Extracted> {
  const results: Extracted[] = [];
  for (const read of DOCUMENT_KINDS[doc.kind].read) results.push(yield* read(doc, o));
  const [first, ...more] = results;
  for (const r of more) {
    first.uses.push(...r.uses);
    for (const k of Object.keys(r) as (keyof Extracted)[])
      if (k !== 'uses' && first[k] === undefined) Object.assign(first, { [k]: r[k] });
  }
  return first;
}

/** `../agnhost` when the folder beside this image's folder builds the image the other lines name. */
function producerFolder(image: string, file: string, read: (f: string) => string | undefined): string | undefined {
  const name = writtenBaseName(image);
  if (!name || !image.includes('/')) return undefined;
  const dir = path.join(path.dirname(path.dirname(file)), name);
  if (dir === path.dirname(file)) return undefined;
  return read(path.join(dir, 'Dockerfile')) !== undefined ? `../${name}` : undefined;
}
