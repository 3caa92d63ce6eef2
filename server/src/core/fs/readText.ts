// A file's text, or undefined when it cannot be read (missing, a folder, no permission): callers
// that treat "absent" and "unreadable" alike (sibling files, VERSION, a Dockerfile to plan).
import fs from 'node:fs';

export function readTextFile(file: string): string | undefined {
  try { return fs.readFileSync(file, 'utf8'); } catch { return undefined; }
}
