// Temp folders a test file makes, removed when its process ends (node's runner gives each file its own
// process), whether its tests passed or not: a run leaves nothing in the system's temp folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made: string[] = [];

process.on('exit', () => {
  for (const dir of made) {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      /* left for the system's temp cleaning */
    }
  }
});

/** A new folder under the system's temp folder, named `prefix` + random characters. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A new temp folder holding `files` (path inside it -> text), their folders made as needed. */
export function tempTree(prefix: string, files: Record<string, string>): string {
  const dir = tempDir(prefix);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
