// A Kustomize base's image that every overlay replaces is not what the cluster pulls: its verdict's
// finding names what each overlay deploys instead and weighs no more than the worst of those.
import { parseImageRef, shortImage } from '../imageRef';
import { platformLabel } from '../platform';
import { samePosition } from '../textPositions';
import { CheckedUse, Finding, Lookup, Severity, Status } from '../types';
import { Deployments } from './kustomizeDeployments';
import { splitMessage } from './problemMessage';

const WEIGHT: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };
const SEVERITY_OF: Record<Status, Severity> = { available: 'info', unknown: 'warning', missing: 'error' };

function statusOf(image: string, c: CheckedUse, lookup: Lookup): Status {
  const r = parseImageRef(image);
  if (!r.ok) return 'unknown';
  try {
    return lookup(r.ref, c.platform).status;
  } catch {
    return 'unknown';
  }
}

function lowered(f: Finding, c: CheckedUse, deployments: Deployments, lookup: Lookup): Finding {
  const written = c.use.resolved!;
  const made = deployments(written).map((d) => ({ ...d, replaced: d.image !== written }));
  if (!made.length || !made.some((d) => d.replaced)) return f;
  const rows = made.map((d) =>
    d.replaced
      ? { ...d, status: statusOf(d.image, c, lookup), line: `- \`${d.kustomization}\` deploys \`${d.image}\`` }
      : { ...d, status: c.verdict!.status, line: `- \`${d.kustomization}\` deploys it as written` },
  );
  const list = rows.map((r) => `${r.line} (${r.status})`).join('\n');
  if (!made.every((d) => d.replaced)) {
    const head =
      'Kustomize: not every kustomization that deploys this file replaces the image, so this verdict stands:';
    return { ...f, detail: [`${head}\n${list}`, f.detail].filter(Boolean).join('\n\n') };
  }
  const worst = rows.reduce<Severity>(
    (w, r) => (WEIGHT[SEVERITY_OF[r.status]] > WEIGHT[w] ? SEVERITY_OF[r.status] : w),
    'hint',
  );
  const severity = WEIGHT[worst] < WEIGHT[f.severity] ? worst : f.severity;
  const bad = rows.filter((r) => r.status !== 'available').length;
  const label = platformLabel(c.platform);
  const short = shortImage(written);
  const names = rows.map((r) => r.kustomization).join(', ');
  const message = bad
    ? `Every overlay replaces ${short}; ${bad} of ${rows.length} replacements lack ${label}: fix them in the overlay.`
    : `Every overlay replaces ${short} with an image that has ${label} (${names}).`;
  const was = `This file alone: ${f.message}${f.detail ? ` ${f.detail}` : ''}`;
  const detail = `Kustomize: every kustomization that deploys this file replaces \`${short}\`:\n${list}\n\n${was}`;
  return { ...f, severity, ...splitMessage(message, detail) };
}

/** The verdict findings (available, missing, unknown) on images of a file some kustomizations deploy. */
export function withOverlayVerdicts(
  findings: Finding[],
  uses: CheckedUse[],
  deployments: Deployments,
  lookup: Lookup,
): Finding[] {
  return findings.map((f) => {
    if (!f.status || !f.image) return f;
    const c = uses.find((u) => u.verdict && u.use.resolved && samePosition(u.use.range.start, f.range.start));
    return c && c.use.kind === 'yaml' && !c.use.fields ? lowered(f, c, deployments, lookup) : f;
  });
}
