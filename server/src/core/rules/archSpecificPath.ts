import { patternRule } from './patternRule';

const PATTERNS: [RegExp, (target: string, debian: string) => string][] = [
  [
    /dpkg\s+--add-architecture\s+(amd64|i386)/g,
    (t) => `adds a foreign x86 architecture to dpkg; on ${t} install the native packages instead.`,
  ],
  [
    /\/(usr\/)?lib\/x86_64-linux-gnu\b/g,
    (_t, d) =>
      `is the x86-64 multiarch path; on the target it is /usr/lib/${d === 'mips64el' ? 'mips64el-linux-gnuabi64' : `<${d} triplet>`} — use $(dpkg-architecture -qDEB_HOST_MULTIARCH) to stay portable.`,
  ],
  [
    /(?<![\w-])-m64\b|-march=x86-64\b|-mtune=generic\b|x86_64-linux-gnu-(gcc|g\+\+)/g,
    (t) =>
      `is an x86 compiler flag or toolchain: drop it or make it per-architecture. It fails or produces x86 code when building for ${t}.`,
  ],
];

export const archSpecificPath = patternRule({
  id: 'MP122',
  name: 'arch-specific-path',
  defaultSeverity: 'warning',
  description: 'x86-only paths, dpkg architectures or compiler flags in the build.',
  skipForAmd64: true,
  keywords: ['RUN', 'ENV', 'ARG', 'COPY', 'ADD'],
  patterns: PATTERNS.map(([re]) => re),
  findings: ({ ctx, match, start, pattern }) => {
    const { arch } = ctx.target;
    return [
      {
        range: ctx.document.lineIndex.range(start, start + match[0].length),
        message: `${match[0]} ${PATTERNS[pattern][1](arch.oci, arch.debian ?? arch.oci)}`,
        suggestions: [],
      },
    ];
  },
});
