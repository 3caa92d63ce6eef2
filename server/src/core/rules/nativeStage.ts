import { formatRef } from '../imageRef';
import { Rule } from './rule';
import { useName } from './describe';

export const nativeStage: Rule = {
  id: 'MP106',
  name: 'native-build-stage',
  defaultSeverity: 'hint',
  description:
    'FROM --platform=$BUILDPLATFORM: the stage runs natively on the build host, so its image need not exist for the target.',
  kinds: ['dockerfile'],
  check: (ctx) =>
    ctx.uses
      .filter((c) => c.use.nativeStage && c.ref)
      .map((c) => ({
        range: c.use.range,
        message: `${useName(c)} runs on the build host, not the target: cross-compile what it builds (GOARCH=$TARGETARCH). It needs no target image: --platform=$BUILDPLATFORM runs it natively.`,
        image: formatRef(c.ref!),
        suggestions: [],
      })),
};
