// What the VS Code client and the language server agree on: request and command names, the images
// view's data, the platforms a user can pick, and the version. Imports nothing: both sides import it.

/** Kept equal to package.json's version by a unit test (bundling package.json would slow start-up). */
export const VERSION = '0.1.0';

/** Request: every image of the workspace with its verdict, for the images view and the status bar. */
export const WORKSPACE_IMAGES_REQUEST = 'mipsPort/workspaceImages';
/** Request: how to register QEMU for a platform (the "Set up QEMU" command's choices). */
export const QEMU_SETUP_REQUEST = 'mipsPort/qemuSetup';
/** workspace/executeCommand: empty the registry answer cache; answers `{ removed }`. */
export const CLEAR_CACHE_COMMAND = 'mipsPort.clearCache';
/** Server -> client, once per registry and session: `{ message }` saying which registry could not be
 *  reached and why; the client offers to go offline or set a mirror. */
export const REGISTRY_UNREACHABLE_NOTIFICATION = 'mipsPort/registryUnreachable';
/** Server command: open a file at a range (window/showDocument), e.g. a symbol's amd64-only definition. */
export const SHOW_DOCUMENT_COMMAND = 'mipsPort.showDocument';
/** Server command: replace an image with another in every use (arguments: image, replacement); applies one
 *  workspace edit and answers `{ applied, uses, files, skipped }`. */
export const REPLACE_IMAGE_COMMAND = 'mipsPort.replaceImage';
/** Server command: run the Go cross-check of the module holding a file (argument: its URI). */
export const GO_CHECK_COMMAND = 'mipsPort.goCheck';

/** Client commands the server's lenses and fixes may name. */
export const CLIENT_COMMANDS = {
  buildCurrent: 'mipsPort.buildCurrent',
  setupQemu: 'mipsPort.setupQemu',
  createDebianBase: 'mipsPort.createDebianBase',
  /** Open the mirror settings (mirror templates and per-registry mirrors). */
  setMirror: 'mipsPort.setMirror',
  /** A verdict lens: pick one of the quick fixes at (uri, range). */
  chooseFix: 'mipsPort.chooseFix',
} as const;

/** The platforms offered in pickers and in the `mipsPort.platform` enum (package.json). */
export const TARGET_PLATFORMS = [
  'linux/mips64le',
  'linux/loong64',
  'linux/riscv64',
  'linux/arm64',
  'linux/arm/v7',
  'linux/ppc64le',
  'linux/s390x',
  'linux/amd64',
  'linux/386',
] as const;

export const DEFAULT_TARGET_PLATFORM = 'linux/mips64le';

export type ImageStatus = 'available' | 'missing' | 'unknown';

export interface WorkspaceImage {
  /** Fully normalised reference. */
  image: string;
  /** As people write it (`alpine:3.10`). */
  name: string;
  status: ImageStatus;
  source?: string;
  reason: string;
  suggestions: { image: string; name: string; reason: string }[];
  uses: { uri: string; line: number }[];
}

export interface WorkspaceImages {
  platform: string;
  counts: Record<ImageStatus, number>;
  images: WorkspaceImage[];
  /** Image uses, entries and files that could not be checked (scan's `not checked`): what, why, the fix. */
  unchecked: { uri: string; line: number; ruleId: string; message: string; detail?: string }[];
  /** What the embedded facts hold for a target other than mips64le, said once. */
  note?: string;
}

export interface QemuSetupOption {
  label: string;
  detail: string;
  /** Program and arguments, run without a shell. */
  command: string[];
}

export interface QemuSetup {
  platform: string;
  /** Emulation for the platform is registered and usable. */
  ready: boolean;
  /** What is wrong, when not ready. */
  problem?: string;
  options: QemuSetupOption[];
}
