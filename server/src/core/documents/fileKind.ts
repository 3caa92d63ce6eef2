// Which kind a file is, from its name (the editor's language id may be missing or generic): the file
// table in shared/documentFiles.ts, which the editor client's document selector is made from too.
import path from 'node:path';
import { FileKind, kindOfFileName } from '../../shared/documentFiles';

export type { FileKind };

export function detectFileKind(filePath: string): FileKind | undefined {
  return kindOfFileName(path.basename(filePath));
}
