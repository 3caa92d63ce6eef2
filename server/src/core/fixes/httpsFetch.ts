// Commands that download over https inside the container: they need CA certificates. Alpine's curl and
// wget bring them; Debian's `--no-install-recommends` installs do not, so a ported stage that fetches
// fails TLS verification ("server certificate verification failed") unless it installs ca-certificates.

// each: a command line that fetches over https (flags that turn verification off are not counted)
const FETCHES: RegExp[] = [
  /\b(?:curl|wget)\b[^\n;&|]*?\bhttps:\/\//,
  /\bgit\s+(?:clone|fetch|pull|submodule)\b[^\n;&|]*?\bhttps:\/\//,
  /\bgo\s+(?:get|install|mod\s+download)\b/,
  /\b(?:pip3?|python3?\s+-m\s+pip)\s+install\b(?![^\n;&|]*--no-index)/,
  /\b(?:npm\s+(?:install|ci|i)|yarn\s+install|gem\s+install|cargo\s+(?:install|fetch|build))\b/,
];
const INSECURE = /\s(?:-k|--insecure|--no-check-certificate)\b/;

/** Offset of the first command in `text` that downloads over https, if any. */
export function httpsFetchAt(text: string): number | undefined {
  let first: number | undefined;
  for (const re of FETCHES) {
    for (const m of text.matchAll(new RegExp(re.source, 'g'))) {
      if (INSECURE.test(m[0])) continue;
      const at = m.index ?? 0;
      if (first === undefined || at < first) first = at;
      break;
    }
  }
  return first;
}
