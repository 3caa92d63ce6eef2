// The images view's data: the workspace scan (open documents as edited, other files from disk),
// grouped by image with the same wording and counts as the porting report.
import { pathToFileURL } from 'node:url';
import { targetFactsNote } from '../core/availability/targetFacts';
import { shortImage } from '../core/imageRef';
import { PortingService } from '../core/service';
import { Settings } from '../core/settings';
import { ReadDocument } from '../core/workspace/scan';
import { WorkspaceImages } from '../shared/protocol';

export async function workspaceImages(
  service: PortingService,
  folders: string[],
  settings: Settings,
  read: ReadDocument,
): Promise<WorkspaceImages> {
  const scan = await service.scan({ roots: folders, settings, read, display: (f) => pathToFileURL(f).href });
  const report = service.report(scan.report);
  const images = report.images.map((i) => ({
    ...i,
    name: shortImage(i.image),
    suggestions: i.suggestions.map((s) => ({ ...s, name: shortImage(s.image) })),
    uses: i.uses.map((u) => ({ uri: u.file, line: u.line - 1 })),
  }));
  const note = targetFactsNote(settings.target);
  const unchecked = report.unchecked.map((u) => ({ ...u, uri: u.file, line: u.line - 1 }));
  return { platform: report.platform, counts: report.counts, images, unchecked, ...(note ? { note } : {}) };
}
