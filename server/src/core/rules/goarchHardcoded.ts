import { archDispatchSpans, insideSpans } from './archDispatch';
import { Rule, RuleFinding } from './rule';
import { ruleStages, targetArchArgEdit } from './dockerfileStages';

const GOARCH = /\bGOARCH(\s*=\s*|\s+)(["']?)(amd64|arm64|386|arm|ppc64le|s390x|riscv64)\2(?=[\s;&|"']|$)/g;

export const goarchHardcoded: Rule = {
  id: 'MP120',
  name: 'goarch-hardcoded',
  defaultSeverity: 'warning',
  description: 'GOARCH is set to a fixed architecture other than the target in ENV, ARG or RUN.',
  kinds: ['dockerfile'],
  check: (ctx) => {
    const s = ruleStages(ctx, false);
    if (!s) return [];
    const text = ctx.document.text;
    const out: RuleFinding[] = [];
    for (const it of s.items) {
      if (!['ENV', 'ARG', 'RUN'].includes(it.keyword)) continue;
      const body = text.slice(it.start, it.end);
      const dispatch = archDispatchSpans(body);
      for (const m of body.matchAll(GOARCH)) {
        if (m[3] === ctx.target.arch.oci || insideSpans(dispatch, m.index ?? 0)) continue;
        const vStart = it.start + (m.index ?? 0) + m[0].indexOf(m[3], 6);
        const range = ctx.document.lineIndex.range(vStart, vStart + m[3].length);
        const value = it.keyword === 'RUN' ? '$TARGETARCH' : '${TARGETARCH}';
        out.push({
          range,
          message: `GOARCH=${m[3]} builds for ${m[3]}, not ${ctx.target.arch.oci}: use GOARCH=$TARGETARCH. The binary would not run on the target. Use GOARCH=$TARGETARCH (with ARG TARGETARCH in the stage), which BuildKit sets to ${ctx.target.arch.oci} for --platform ${ctx.target.os}/${ctx.target.arch.oci}.`,
          suggestions: [],
          fixes: [
            {
              title: 'Use GOARCH=$TARGETARCH',
              isPreferred: true,
              edits: [{ range, newText: value }, ...targetArchArgEdit(s, it.stage)],
            },
          ],
        });
      }
    }
    return out;
  },
};
