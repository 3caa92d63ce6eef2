// Workspace Trust: which mipsPort.* settings run a program or reach a host (a cloned repository's
// .vscode/settings.json must not choose those), and which are harmless. package.json's
// `capabilities.untrustedWorkspaces.restrictedConfigurations` lists the first set; a unit test keeps
// both lists equal to the settings package.json declares, so a new setting has to be put in one. And which
// commands start a program, so their lenses and fixes are not offered to an untrusted workspace.
import { CLIENT_COMMANDS, SERVER_COMMANDS } from './protocol';

/** Settings that run something or reach something: in Restricted Mode VS Code ignores the workspace's
 *  values of these, and the server (which cannot tell whose value it got) uses none of them. */
export const RESTRICTED_SETTINGS = [
  'mipsPort.buildArgs', // handed to the builder
  'mipsPort.builder', // the program a build runs
  'mipsPort.registry', // where a build pushes
  'mipsPort.tagTemplate', // may name a registry host a push goes to
  'mipsPort.registryMirrors', // hosts registry look-ups go to
  'mipsPort.insecureRegistries', // plain http to a registry
  'mipsPort.mirrorTemplates', // hosts (and names) looked up
  'mipsPort.mirrorPresets', // community registries looked up
  'mipsPort.kubeTestRepoList', // a file read, and the registries it names
  'mipsPort.debianMirror', // the host package indexes come from
  'mipsPort.go.enabled', // runs the Go toolchain
  'mipsPort.go.flags', // flags of that run
  'mipsPort.go.path', // the go binary that run starts
] as const;

/** Settings that only change what is shown, or how long to wait or cache: safe from any workspace. */
export const HARMLESS_SETTINGS = [
  'mipsPort.platform',
  'mipsPort.offline', // can only take the network away
  'mipsPort.severity',
  'mipsPort.cacheTtlHours',
  'mipsPort.registryTimeoutSeconds',
  'mipsPort.localImagePrefixes', // can only skip look-ups
  'mipsPort.skipSmokeRun', // builds run only in a trusted workspace
  'mipsPort.buildContext', // the same
] as const;

/** Commands that start a program (a builder, a privileged container, mmdebstrap, the Go toolchain): an
 *  untrusted workspace is offered no lens or fix that names one. The one list server and client keep. */
export const RUNS_PROGRAMS: ReadonlySet<string> = new Set([
  CLIENT_COMMANDS.buildCurrent,
  CLIENT_COMMANDS.buildWorkspace,
  CLIENT_COMMANDS.pushImage,
  CLIENT_COMMANDS.buildImageUse,
  CLIENT_COMMANDS.createDebianBase,
  CLIENT_COMMANDS.setupQemu,
  CLIENT_COMMANDS.serveImages,
  SERVER_COMMANDS.goCheck.command,
]);

/** A command (of a lens or a fix) that would start a program. */
export const runsPrograms = (command: string | undefined): boolean => !!command && RUNS_PROGRAMS.has(command);
