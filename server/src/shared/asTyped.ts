// How a program and its arguments are shown to a person who will type them: exactly, quotes kept.

/** A command as it must be typed in a shell: words with spaces, quotes or `$` single-quoted. */
export function asTyped(argv: readonly string[]): string {
  return argv.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
}
