// WWW-Authenticate parsing (RFC 7235) for the registry token flow.

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

export function parseChallenges(header: string | string[] | undefined): Challenge[] {
  if (!header) return [];
  const text = Array.isArray(header) ? header.join(', ') : header;
  const out: Challenge[] = [];
  const re = /([A-Za-z][\w-]*)(?:\s+((?:[\w-]+\s*=\s*(?:"(?:[^"\\]|\\.)*"|[^\s,]*)\s*,?\s*)*))?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].trim() === '') {
      re.lastIndex++;
      continue;
    }
    const params: Record<string, string> = {};
    const pre = /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;
    let p: RegExpExecArray | null;
    while ((p = pre.exec(m[2] ?? '')) !== null)
      params[p[1].toLowerCase()] = (p[2] ?? p[3] ?? '').replace(/\\(.)/g, '$1');
    out.push({ scheme: m[1].toLowerCase(), params });
  }
  return out;
}
