// A small workspace whose verdicts each need one data file the extension ships (server/data/): the CLI in
// the unpacked .vsix and the extension installed from it must both give them, offline.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURES } from './paths';

export interface DataFileVerdict {
  /** The file under server/data/ the verdict comes from. */
  dataFile: string;
  /** Workspace-relative file, and 0-based line where the finding must be (when fixed). */
  file: string;
  line?: number;
  ruleId: string;
  /** The Problems line (one sentence). */
  message: RegExp;
  /** What the hover and the report add (the finding's detail), where the data file speaks there. */
  detail?: RegExp;
}

export const DATA_FILE_VERDICTS: DataFileVerdict[] = [
  {
    dataFile: 'official-images-unlisted.txt',
    file: 'busybox/Dockerfile',
    line: 1,
    ruleId: 'MP101',
    message: /^busybox:1\.29 has no mips64le image\b/,
    detail: /last listed on \d{4}-\d{2}-\d{2}, never with mips64le/,
  },
  {
    dataFile: 'debian-bookworm-mips64el.txt.gz',
    file: 'tools/Dockerfile',
    line: 2,
    ruleId: 'MP124',
    message: /^ltrace has no mips64el build in Debian bookworm/,
  },
  {
    dataFile: 'other-images.json',
    file: 'k8s/manifest.go',
    ruleId: 'MP101',
    message: /^registry\.k8s\.io\/pause:3\.9 has no mips64le image\b/,
    detail: /build\/pause\/Makefile/,
  },
  {
    dataFile: 'official-images.json',
    file: 'k8s/manifest.go',
    ruleId: 'MP101',
    message: /^redis:5\.0\.5-alpine has no mips64le image — use redis:/,
  },
];

/** Copies the workspace into a new temporary folder (offline settings for an editor included). */
export function dataFilesWorkspace(): string {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-data-files-'));
  fs.cpSync(path.join(FIXTURES, 'data-files'), ws, { recursive: true });
  fs.mkdirSync(path.join(ws, 'k8s'));
  fs.copyFileSync(
    path.join(FIXTURES, 'k8s', 'manifest', 'current', 'manifest.go'),
    path.join(ws, 'k8s', 'manifest.go'),
  );
  fs.mkdirSync(path.join(ws, '.vscode'));
  fs.writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify({ 'mipsPort.offline': true }));
  return ws;
}
