import { StageInstruction } from '../documents/dockerfileStages';
import { matchesOutsideDispatch } from './outsideDispatch';
import { Rule, RuleFinding } from './rule';
import { ruleStages, targetArchArgEdit } from './dockerfileStages';

const URL = /(https?|ftp):\/\/[^\s"'`\\)]+/g;
const ARCH = /(linux[-_])?(amd64|x86_64|x86-64|x64)(?![A-Za-z0-9])/g;

const KEYWORDS = ['ADD', 'RUN'];

export const archInDownload: Rule = {
  id: 'MP121',
  name: 'arch-in-download',
  defaultSeverity: 'warning',
  description: 'A download URL (RUN curl/wget, ADD) names the x86 architecture.',
  kinds: ['dockerfile'],
  check: (ctx) => {
    const s = ruleStages(ctx, true);
    if (!s) return [];
    const out: RuleFinding[] = [];
    const downloads = (it: StageInstruction, body: string) =>
      it.keyword === 'ADD' || (it.keyword === 'RUN' && /\b(curl|wget)\b/.test(body));
    for (const { item, match: u, start: at } of matchesOutsideDispatch(
      s,
      ctx.document.text,
      KEYWORDS,
      URL,
      downloads,
    )) {
      for (const a of u[0].matchAll(ARCH)) {
        const start = at + (a.index ?? 0) + (a[1]?.length ?? 0);
        const range = ctx.document.lineIndex.range(start, start + a[2].length);
        const goNaming = a[2] === 'amd64';
        out.push({
          range,
          message: `This download is for ${a[2]}, not ${ctx.target.arch.oci}: ${goNaming ? 'use ${TARGETARCH} in the URL' : "pick the target's file"}. On ${ctx.target.arch.oci} it fetches a binary that cannot run. ${goNaming ? `The URL uses Go's naming, so \${TARGETARCH} (${ctx.target.arch.oci}) fits — check that the project publishes a ${ctx.target.arch.oci} file.` : `Pick the target's file: Go/OCI name ${ctx.target.arch.oci} (TARGETARCH), Debian name ${ctx.target.arch.debian ?? '-'}, uname -m says ${ctx.target.arch.uname}.`}`,
          suggestions: [],
          fixes: goNaming
            ? [
                {
                  title: 'Use ${TARGETARCH} in the URL',
                  isPreferred: true,
                  edits: [{ range, newText: '${TARGETARCH}' }, ...targetArchArgEdit(s, item.stage)],
                },
              ]
            : [],
        });
      }
    }
    return out;
  },
};
