import { StageInstruction } from '../documents/dockerfileStages';
import { patternRule } from './patternRule';
import { targetArchArgEdit } from './dockerfileStages';

const URL = /(https?|ftp):\/\/[^\s"'`\\)]+/g;
const ARCH = /(linux[-_])?(amd64|x86_64|x86-64|x64)(?![A-Za-z0-9])/g;

const downloads = (it: StageInstruction, body: string) =>
  it.keyword === 'ADD' || (it.keyword === 'RUN' && /\b(curl|wget)\b/.test(body));

export const archInDownload = patternRule({
  id: 'MP121',
  name: 'arch-in-download',
  defaultSeverity: 'warning',
  description: 'A download URL (RUN curl/wget, ADD) names the x86 architecture.',
  skipForAmd64: true,
  keywords: ['ADD', 'RUN'],
  patterns: [URL],
  wanted: downloads,
  findings: ({ ctx, stages: s, item, match: u, start: at }) =>
    [...u[0].matchAll(ARCH)].map((a) => {
      const start = at + (a.index ?? 0) + (a[1]?.length ?? 0);
      const range = ctx.document.lineIndex.range(start, start + a[2].length);
      const goNaming = a[2] === 'amd64';
      return {
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
      };
    }),
});
