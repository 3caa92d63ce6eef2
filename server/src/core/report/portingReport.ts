// The porting report: every image the workspace uses, with its verdict, source, replacements and
// uses, plus the build order — as Markdown, HTML, CSV or JSON (SARIF comes from sarif.ts).
import { ScanReport, UNCHECKED_RULES } from './scanReport';
import { Status, Suggestion, VerdictSource } from '../types';

export interface ImageRow {
  image: string;
  status: Status;
  source?: VerdictSource;
  reason: string;
  suggestions: Suggestion[];
  uses: { file: string; line: number }[];
  /** A folder of this workspace builds it (`build --all` builds that first). */
  builtHere?: string;
}

/** An image use, entry or file that could not be checked: what and what to do, then why. */
export interface UncheckedRow {
  file: string;
  line: number;
  ruleId: string;
  message: string;
  detail?: string;
}

export interface PortingReport {
  platform: string;
  images: ImageRow[];
  /** Counted as `not checked` by scan: on screen beside the images, never left out. */
  unchecked: UncheckedRow[];
  counts: Record<Status, number>;
  buildOrder: { dockerfile: string; tag: string }[];
}

const ORDER: Record<Status, number> = { missing: 0, unknown: 1, available: 2 };

export function portingReport(scan: ScanReport, buildOrder: PortingReport['buildOrder'] = []): PortingReport {
  const rows = new Map<string, ImageRow>();
  const unchecked: UncheckedRow[] = [];
  for (const f of scan.files) {
    for (const x of f.findings) {
      if (!x.status && UNCHECKED_RULES.has(x.ruleId))
        unchecked.push({
          file: f.file,
          line: x.range.start.line + 1,
          ruleId: x.ruleId,
          message: x.message,
          detail: x.detail,
        });
      if (!x.image || !x.status) continue;
      // the report keeps the whole wording: the Problems sentence and its detail
      const reason = x.detail ? `${x.message} ${x.detail}` : x.message;
      let r = rows.get(x.image);
      if (!r) {
        r = {
          image: x.image,
          status: x.status,
          source: x.source,
          reason,
          suggestions: x.suggestions,
          uses: [],
        };
        rows.set(x.image, r);
      }
      if (x.builtHere) r.builtHere = x.builtHere;
      // the worst verdict wins when two uses disagree (e.g. different platforms)
      if (ORDER[x.status] < ORDER[r.status])
        Object.assign(r, { status: x.status, source: x.source, reason, suggestions: x.suggestions });
      r.uses.push({ file: f.file, line: x.range.start.line + 1 });
    }
  }
  const images = [...rows.values()].sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.image.localeCompare(b.image));
  const counts: Record<Status, number> = { available: 0, missing: 0, unknown: 0 };
  for (const r of images) counts[r.status]++;
  return { platform: scan.platform, images, unchecked, counts, buildOrder };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const mdCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
/** A link target for a file as the report names it (relative to where it was made, or a URI). */
const mdHref = (f: string) =>
  /^[a-z][a-z0-9+.-]*:/i.test(f) ? f : encodeURI(f).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function toMarkdown(r: PortingReport): string {
  const out = [
    `# Porting report for ${r.platform}`,
    '',
    `${r.images.length} images: ${r.counts.available} available, ${r.counts.missing} missing, ${r.counts.unknown} unknown.`,
    '',
  ];
  out.push('| image | verdict | source | use instead | used in |', '|---|---|---|---|---|');
  for (const i of r.images) {
    out.push(
      `| \`${mdCell(i.image)}\` | ${i.status} | ${i.source ?? ''} | ${i.suggestions.map((s) => `\`${mdCell(s.image)}\``).join('<br>')} | ${i.uses.map((u) => `[${mdCell(u.file)}:${u.line}](${mdHref(u.file)}#L${u.line})`).join('<br>')} |`,
    );
  }
  if (r.unchecked.length) {
    out.push('', `## Not checked (${r.unchecked.length})`, '');
    for (const u of r.unchecked)
      out.push(`- [${mdCell(u.file)}:${u.line}](${mdHref(u.file)}#L${u.line}) ${u.ruleId}: ${mdCell(u.message)}`);
  }
  if (r.buildOrder.length) {
    out.push('', '## Build order', '');
    // a base this workspace builds is built first by build --all: not blocking
    const missingIn = new Set(
      r.images.filter((i) => i.status === 'missing' && !i.builtHere).flatMap((i) => i.uses.map((u) => u.file)),
    );
    r.buildOrder.forEach((b, n) =>
      out.push(
        `${n + 1}. \`${mdCell(b.tag)}\` from ${mdCell(b.dockerfile)}${missingIn.has(b.dockerfile) ? ` — **base still missing for ${r.platform}**` : ''}`,
      ),
    );
  }
  return out.join('\n') + '\n';
}

export function toHtml(r: PortingReport): string {
  const rows = r.images
    .map(
      (i) =>
        `<tr class="${i.status}"><td><code>${esc(i.image)}</code></td><td>${i.status}</td><td>${esc(i.source ?? '')}</td><td>${i.suggestions.map((s) => `<code title="${esc(s.reason)}">${esc(s.image)}</code>`).join('<br>')}</td><td>${i.uses.map((u) => `${esc(u.file)}:${u.line}`).join('<br>')}</td><td>${esc(i.reason)}</td></tr>`,
    )
    .join('\n');
  const order = r.buildOrder.length
    ? `<h2>Build order</h2><ol>${r.buildOrder.map((b) => `<li><code>${esc(b.tag)}</code> from ${esc(b.dockerfile)}</li>`).join('')}</ol>`
    : '';
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Porting report for ${esc(r.platform)}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}tr.missing td:nth-child(2){color:#b00}tr.available td:nth-child(2){color:#080}tr.unknown td:nth-child(2){color:#a60}</style>
</head><body><h1>Porting report for ${esc(r.platform)}</h1>
<p>${r.images.length} images: ${r.counts.available} available, ${r.counts.missing} missing, ${r.counts.unknown} unknown.</p>
<table><thead><tr><th>image</th><th>verdict</th><th>source</th><th>use instead</th><th>used in</th><th>why</th></tr></thead><tbody>
${rows}
</tbody></table>${order}</body></html>
`;
}

export function toCsv(r: PortingReport): string {
  const lines = ['image,status,source,replacements,uses,reason'];
  for (const i of r.images)
    lines.push(
      [
        i.image,
        i.status,
        i.source ?? '',
        i.suggestions.map((s) => s.image).join(' '),
        i.uses.map((u) => `${u.file}:${u.line}`).join(' '),
        i.reason,
      ]
        .map(csvCell)
        .join(','),
    );
  return lines.join('\r\n') + '\r\n';
}
