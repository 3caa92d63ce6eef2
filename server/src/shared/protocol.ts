// What the VS Code client and the language server agree on: each request, notification and command
// declared once with its parameters and answer (both sides call them through typed helpers), the images
// view's data, the platforms a user can pick, and the version. Imports nothing: both sides import it.

/** Kept equal to package.json's version by a unit test (bundling package.json would slow start-up). */
export const VERSION = '0.1.0';

/** A request: its method and, as types only, its parameters and result. */
export interface RequestType<P, R> {
  readonly method: string;
  readonly types?: { params: P; result: R };
}
/** A notification: its method and, as a type only, its parameters. */
export interface NotificationType<P> {
  readonly method: string;
  readonly types?: { params: P };
}
/** A server command (workspace/executeCommand): its id and, as types only, its arguments and answer. */
export interface ServerCommand<A extends unknown[], R> {
  readonly command: string;
  readonly types?: { args: A; result: R };
}

const request = <P, R>(method: string): RequestType<P, R> => ({ method });
const notification = <P>(method: string): NotificationType<P> => ({ method });
const serverCommand = <A extends unknown[], R>(command: string): ServerCommand<A, R> => ({ command });

/** Every image of the workspace with its verdict, for the images view and the status bar. */
export const WorkspaceImagesRequest = request<void, WorkspaceImages>('mipsPort/workspaceImages');
/** How to register QEMU for a platform (the "Set up QEMU" command's choices). */
export const QemuSetupRequest = request<{ platform: string }, QemuSetup>('mipsPort/qemuSetup');
/** Server -> client, once per registry and session: which registry could not be reached and why; the
 *  client offers to go offline or set a mirror. */
export const RegistryUnreachableNotification = notification<{ message: string }>('mipsPort/registryUnreachable');
/** Client -> server: the workspace's trust changed (VS Code's onDidGrantWorkspaceTrust). The first state
 *  comes as the `trusted` initialization option. */
export const TrustChangedNotification = notification<{ trusted: boolean }>('mipsPort/didChangeTrust');

/** A range as LSP writes it (0-based). */
export interface WireRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** What "replace in all uses" did: the edit applied or not, how many uses in how many files, and the uses
 *  left as written (`file:line`: through a variable or a file beside them). */
export interface ReplaceAnswer {
  applied: boolean;
  uses: number;
  files: number;
  skipped: string[];
}

/** Commands the server runs. The editor client also offers goCheck in its palette. */
export const SERVER_COMMANDS = {
  /** Empty the registry answer cache. */
  clearCache: serverCommand<[], { removed: number }>('mipsPort.clearCache'),
  /** Open a file at a range (window/showDocument), e.g. a symbol's amd64-only definition. */
  showDocument: serverCommand<[uri: string, selection?: WireRange], { success: boolean }>('mipsPort.showDocument'),
  /** Replace an image with another in every use, in one workspace edit. */
  replaceImage: serverCommand<[image: string, replacement: string], ReplaceAnswer>('mipsPort.replaceImage'),
  /** Run the Go cross-check of the module holding a file (every module without one). */
  goCheck: serverCommand<[uri?: string], { modules: number; findings: number }>('mipsPort.goCheck'),
} as const;

export type ServerCommandName = keyof typeof SERVER_COMMANDS;

/** The editor client's commands (package.json `contributes.commands`, with goCheck). The server's lenses
 *  and fixes name buildCurrent, setupQemu, createDebianBase, setMirror and chooseFix. */
export const CLIENT_COMMANDS = {
  buildCurrent: 'mipsPort.buildCurrent',
  buildWorkspace: 'mipsPort.buildWorkspace',
  pushImage: 'mipsPort.pushImage',
  setupQemu: 'mipsPort.setupQemu',
  refreshAvailability: 'mipsPort.refreshAvailability',
  selectPlatform: 'mipsPort.selectPlatform',
  toggleOffline: 'mipsPort.toggleOffline',
  createDebianBase: 'mipsPort.createDebianBase',
  showReport: 'mipsPort.showReport',
  exportReport: 'mipsPort.exportReport',
  refreshImages: 'mipsPort.refreshImages',
  toggleAvailable: 'mipsPort.toggleAvailable',
  replaceInAllUses: 'mipsPort.replaceInAllUses',
  applySuggestion: 'mipsPort.applySuggestion',
  copyReference: 'mipsPort.copyReference',
  openOnRegistry: 'mipsPort.openOnRegistry',
  buildImageUse: 'mipsPort.buildImageUse',
  /** A verdict lens: pick one of the quick fixes at (uri, range). */
  chooseFix: 'mipsPort.chooseFix',
  /** Open the mirror settings (mirror templates and per-registry mirrors). */
  setMirror: 'mipsPort.setMirror',
  /** Serve the workspace's images from the user's registry (`mips-port mirror`). */
  serveImages: 'mipsPort.serveImages',
  /** A terminal with the extension's own CLI first on PATH. */
  openCliTerminal: 'mipsPort.openCliTerminal',
} as const;

/** The images view (package.json `contributes.views`). */
export const IMAGES_VIEW = 'mipsPort.images';

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
