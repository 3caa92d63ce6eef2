import { formatPlatform, isOtherConstantPlatform } from '../platform';
import { Rule } from './rule';

export const platformPinned: Rule = {
  id: 'MP105',
  name: 'platform-pinned',
  defaultSeverity: 'warning',
  description: 'FROM --platform names a fixed architecture other than the target.',
  check: (ctx) => ctx.uses.filter((c) => c.use.platformFlag && isOtherConstantPlatform(c.use.platformFlag.value, c.platform)).map((c) => ({
    range: c.use.platformFlag!.range,
    message: `--platform=${c.use.platformFlag!.value} pins this stage to another architecture than ${formatPlatform(c.platform)}: its binaries would not run on the target. Drop the flag, or use --platform=$BUILDPLATFORM for a stage that only builds (cross-compiles) on the host.`,
    suggestions: [],
  })),
};
