// "Replace in all uses": one workspace edit that swaps an image for a replacement everywhere the
// workspace uses it, with the same fix the quick fix would apply on each line (a Dockerfile's base swap
// ports its stage too); a use with no such fix gets the reference itself replaced.
import { pathToFileURL } from 'node:url';
import { TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { parseImageRef, formatRef, shortImage } from '../core/imageRef';
import { PortingService } from '../core/service';
import { Settings } from '../core/settings';
import { rangesOverlap, samePosition } from '../core/textPositions';
import { CheckedUse, Finding, Range } from '../core/types';
import { ReadDocument } from '../core/workspace/scan';

export interface ReplaceResult {
  edit: WorkspaceEdit;
  uses: number;
  files: number;
  /** Uses left as they were (`file:line`): written through a variable or a file beside them. */
  skipped: string[];
}

// touching inserts at one point count too: their order would be undefined
const overlaps = (a: Range, b: Range) => rangesOverlap(a, b) || samePosition(a.start, b.start);

/** The fix that puts this replacement in (its title names it), else the reference itself where it is
 *  written whole; undefined when neither fits (a `$VAR`, a BASEIMAGE value, a Helm field without a fix). */
function editsFor(c: CheckedUse, f: Finding | undefined, replacement: string): TextEdit[] | undefined {
  const names = [replacement, shortImage(replacement)];
  const fix = f?.fixes?.find((x) => x.edits.length && names.some((n) => x.title.includes(n)));
  if (fix) return fix.edits;
  if (c.use.argSource || c.use.fields || c.use.text.includes('$')) return undefined;
  return [{ range: c.use.range, newText: shortImage(replacement) }];
}

export interface ReplaceRequest {
  /** The workspace folders scanned for uses. */
  folders: string[];
  settings: Settings;
  /** Open documents as the user sees them, else the disk. */
  read: ReadDocument;
  image: string;
  replacement: string;
}

export async function replaceImageEverywhere(service: PortingService, o: ReplaceRequest): Promise<ReplaceResult> {
  const { folders, settings, read, image, replacement } = o;
  const from = parseImageRef(image);
  const to = parseImageRef(replacement);
  if (!from.ok || !to.ok) throw new Error(`not an image reference: ${from.ok ? replacement : image}`);
  const wanted = formatRef(from.ref);
  const scan = await service.scan({ roots: folders, settings, read, display: (f) => pathToFileURL(f).href });
  const changes: Record<string, TextEdit[]> = {};
  let uses = 0;
  const skipped: string[] = [];
  for (const file of scan.files) {
    const chosen: TextEdit[] = [];
    for (const c of file.analysis?.uses ?? []) {
      if (!c.ref || formatRef(c.ref) !== wanted) continue;
      const f = file.analysis?.findings.find(
        (x) => x.image === wanted && samePosition(x.range.start, c.use.range.start),
      );
      const edits = editsFor(c, f, formatRef(to.ref));
      // two uses in one file may share a stage port: never send overlapping edits
      if (!edits || edits.some((e) => chosen.some((x) => overlaps(e.range, x.range)))) {
        skipped.push(`${file.path}:${c.use.range.start.line + 1}`);
        continue;
      }
      chosen.push(...edits);
      uses++;
    }
    if (chosen.length) changes[pathToFileURL(file.path).href] = chosen;
  }
  return { edit: { changes }, uses, files: Object.keys(changes).length, skipped };
}
