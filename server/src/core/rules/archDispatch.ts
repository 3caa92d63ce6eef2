// Shell blocks that choose by architecture (`case "$(dpkg --print-architecture)" in amd64) … esac`,
// `if [ "$(uname -m)" = x86_64 ]; then … fi`, `case "$TARGETARCH" in`): an x86 name inside one is a
// branch of the dispatch, not an x86 download or flag.

// a variable's name in any case: `$dpkgArch` (the official images' own), `$ARCH`, `${TARGETARCH}`
const ARCH_SUBJECT =
  /dpkg\s+--print-architecture|dpkg-architecture|uname\s+-[mp]|apk\s+--print-arch|\barch\b|\$\{?[A-Za-z_]*arch[A-Za-z_]*\}?|\$\{?TARGETPLATFORM\}?/i;

/** Offsets [start, end) of the arch-dispatch blocks in a RUN body. */
export function archDispatchSpans(body: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const m of body.matchAll(/\bcase\s+(.{1,200}?)\s+in\b/gs)) {
    if (!ARCH_SUBJECT.test(m[1])) continue;
    const end = /\besac\b/.exec(body.slice(m.index))?.index;
    spans.push([m.index, end === undefined ? body.length : m.index + end + 4]);
  }
  for (const m of body.matchAll(/\b(if|elif)\s+(\[\[?|test\b)(.{1,300}?)(\]\]?|;|\n)/gs)) {
    if (!ARCH_SUBJECT.test(m[3])) continue;
    const end = /\bfi\b/.exec(body.slice(m.index))?.index;
    spans.push([m.index, end === undefined ? body.length : m.index + end + 2]);
  }
  return spans;
}

export function insideSpans(spans: [number, number][], offset: number): boolean {
  return spans.some(([s, e]) => offset >= s && offset < e);
}
