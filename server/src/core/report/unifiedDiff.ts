// A unified diff of two versions of a text (`mips-port port --all` shows what it changes): lines, with
// three lines of context, hunks as `diff -u` and `git apply` read them.

const CONTEXT = 3;
/** Past this many line pairs the middle is shown as one replaced block instead of a fine diff. */
const MAX_CELLS = 16_000_000;

type Op = { kind: ' ' | '-' | '+'; line: string };

/** The lines of `a` and `b` as kept, removed and added: common ends first, then a longest common subsequence. */
function lineOps(a: string[], b: string[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let post = 0;
  while (post < a.length - pre && post < b.length - pre && a[a.length - 1 - post] === b[b.length - 1 - post]) post++;
  const x = a.slice(pre, a.length - post);
  const y = b.slice(pre, b.length - post);
  const middle: Op[] = [];
  if (x.length * y.length > MAX_CELLS) {
    middle.push(...x.map((line) => ({ kind: '-' as const, line })), ...y.map((line) => ({ kind: '+' as const, line })));
  } else {
    const w = y.length + 1;
    const lcs = new Uint32Array((x.length + 1) * w);
    for (let i = x.length - 1; i >= 0; i--)
      for (let j = y.length - 1; j >= 0; j--)
        lcs[i * w + j] =
          x[i] === y[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
    let i = 0;
    let j = 0;
    while (i < x.length || j < y.length) {
      if (i < x.length && j < y.length && x[i] === y[j]) {
        middle.push({ kind: ' ', line: x[i++] });
        j++;
      } else if (i < x.length && (j === y.length || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]))
        middle.push({ kind: '-', line: x[i++] });
      else middle.push({ kind: '+', line: y[j++] });
    }
  }
  const same = (line: string): Op => ({ kind: ' ', line });
  return [...a.slice(0, pre).map(same), ...middle, ...a.slice(a.length - post).map(same)];
}

/** `--- a/NAME` / `+++ b/NAME` and the hunks; empty when the texts are equal. */
export function unifiedDiff(name: string, before: string, after: string): string {
  if (before === after) return '';
  const ops = lineOps(before.split('\n'), after.split('\n'));
  const out = [`--- a/${name}`, `+++ b/${name}`];
  const changed = ops.flatMap((o, i) => (o.kind === ' ' ? [] : [i]));
  let g = 0;
  while (g < changed.length) {
    // changes closer than twice the context share a hunk
    let h = g;
    while (h + 1 < changed.length && changed[h + 1] - changed[h] <= CONTEXT * 2) h++;
    const start = Math.max(0, changed[g] - CONTEXT);
    const end = Math.min(ops.length, changed[h] + CONTEXT + 1);
    const hunk = ops.slice(start, end);
    const before = ops.slice(0, start);
    const oldStart = before.filter((o) => o.kind !== '+').length + 1;
    const newStart = before.filter((o) => o.kind !== '-').length + 1;
    const oldCount = hunk.filter((o) => o.kind !== '+').length;
    const newCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`, ...hunk.map((o) => `${o.kind}${o.line}`));
    g = h + 1;
  }
  return out.join('\n') + '\n';
}
