import { formatPlatform, isOtherConstantPlatform } from '../platform';
import { Fix } from '../types';
import { Rule } from './rule';
import { usesStartingAt } from '../useIndex';

export const platformPinned: Rule = {
  id: 'MP105',
  name: 'platform-pinned',
  defaultSeverity: 'warning',
  description: "FROM --platform, or a Compose service's platform:, names a fixed architecture other than the target.",
  kinds: ['dockerfile', 'yaml'],
  check: (ctx) =>
    ctx.uses
      .filter((c) => c.use.platformFlag && isOtherConstantPlatform(c.use.platformFlag.value, ctx.target))
      .map((c) => ({
        range: c.use.platformFlag!.range,
        message:
          c.use.kind === 'yaml'
            ? `platform: ${c.use.platformFlag!.value} is not the target ${formatPlatform(ctx.target)}: set the target, or drop the line. Its image is checked and run for ${c.use.platformFlag!.value}.`
            : `--platform=${c.use.platformFlag!.value} is not the target ${formatPlatform(ctx.target)}: drop it, or use $BUILDPLATFORM for a build-only stage. Its binaries would not run on the target; $BUILDPLATFORM suits a stage that only cross-compiles on the host.`,
        suggestions: [],
      })),
  fixes: (f, ctx): Fix[] => {
    const pinned = usesStartingAt(ctx.uses, f.range.start, 'platformFlag').find((c) => c.use.kind === 'yaml');
    if (pinned) {
      const target = formatPlatform(ctx.target);
      const edits = [{ range: pinned.use.platformFlag!.range, newText: target }];
      return [{ title: `Set platform: ${target}`, isPreferred: true, edits }];
    }
    const flag = usesStartingAt(ctx.uses, f.range.start, 'platformFlag')[0]?.use.platformFlag;
    if (!flag) return [];
    const vr = flag.range;
    const flagStart = { line: vr.start.line, character: vr.start.character - '--platform='.length };
    const after = /^[ \t]*/.exec((ctx.document.lines[vr.end.line] ?? '').slice(vr.end.character))?.[0].length ?? 0;
    const removal = {
      range: { start: flagStart, end: { line: vr.end.line, character: vr.end.character + after } },
      newText: '',
    };
    return [
      {
        title: `Remove --platform=${flag.value} (build this stage for ${formatPlatform(ctx.target)})`,
        isPreferred: true,
        edits: [removal],
      },
      {
        title: 'Use --platform=$BUILDPLATFORM (a stage that only cross-compiles)',
        edits: [{ range: vr, newText: '$BUILDPLATFORM' }],
      },
    ];
  },
};
