// A document's uses by where they start, so a fix finds its finding's use in constant time (a search
// over every use per finding made 50,000 Compose services or Pod containers take over a minute).
import { CheckedUse, Position } from './types';

type Where = 'range' | 'platformFlag';
const indexes = new WeakMap<readonly CheckedUse[], Partial<Record<Where, Map<string, CheckedUse[]>>>>();

function startOf(c: CheckedUse, where: Where): Position | undefined {
  return where === 'range' ? c.use.range.start : c.use.platformFlag?.range.start;
}

/** The uses whose range (or `--platform` value) starts at `p`, in document order. */
export function usesStartingAt(uses: readonly CheckedUse[], p: Position, where: Where = 'range'): CheckedUse[] {
  let byWhere = indexes.get(uses);
  if (!byWhere) indexes.set(uses, (byWhere = {}));
  let index = byWhere[where];
  if (!index) {
    index = new Map();
    for (const c of uses) {
      const s = startOf(c, where);
      if (!s) continue;
      const key = `${s.line}:${s.character}`;
      const list = index.get(key);
      if (list) list.push(c);
      else index.set(key, [c]);
    }
    byWhere[where] = index;
  }
  return index.get(`${p.line}:${p.character}`) ?? [];
}
