import { patternRule } from './patternRule';
import { targetArchArgEdit } from './dockerfileStages';

const GOARCH = /\bGOARCH(\s*=\s*|\s+)(["']?)(amd64|arm64|386|arm|ppc64le|s390x|riscv64)\2(?=[\s;&|"']|$)/g;

export const goarchHardcoded = patternRule({
  id: 'MP120',
  name: 'goarch-hardcoded',
  defaultSeverity: 'warning',
  description: 'GOARCH is set to a fixed architecture other than the target in ENV, ARG or RUN.',
  skipForAmd64: false,
  keywords: ['ENV', 'ARG', 'RUN'],
  patterns: [GOARCH],
  findings: ({ ctx, stages: s, item, match: m, start: at }) => {
    if (m[3] === ctx.target.arch.oci) return [];
    const vStart = at + m[0].indexOf(m[3], 6);
    const range = ctx.document.lineIndex.range(vStart, vStart + m[3].length);
    const value = item.keyword === 'RUN' ? '$TARGETARCH' : '${TARGETARCH}';
    return [
      {
        range,
        message: `GOARCH=${m[3]} builds for ${m[3]}, not ${ctx.target.arch.oci}: use GOARCH=$TARGETARCH. The binary would not run on the target. Use GOARCH=$TARGETARCH (with ARG TARGETARCH in the stage), which BuildKit sets to ${ctx.target.arch.oci} for --platform ${ctx.target.os}/${ctx.target.arch.oci}.`,
        suggestions: [],
        fixes: [
          {
            title: 'Use GOARCH=$TARGETARCH',
            isPreferred: true,
            edits: [{ range, newText: value }, ...targetArchArgEdit(s, item.stage)],
          },
        ],
      },
    ];
  },
});
