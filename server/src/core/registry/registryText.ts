// Strings a registry sends (platform fields, digests, error text) reach terminals, SARIF and hovers:
// strip control, escape and bidi characters, cut long ones, and count what a long list left out.

// C0/C1 controls (ESC included), DEL, zero-width and bidi override/isolate characters
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

export function cleanText(s: string, max = 200): string {
  const clean = s.replace(UNSAFE, '');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** The first `max` items, then "… and 9,990 more" when some were left out. */
export function cutList(items: string[], max = 10): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} … and ${(items.length - max).toLocaleString('en-US')} more`;
}

const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

/** A content digest in the only forms the distribution spec registers. */
export function isDigest(d: unknown): d is string {
  return typeof d === 'string' && DIGEST.test(d);
}
