import { fileURLToPath } from 'node:url';

/** File-system path of a document URI; non-file URIs keep their path part (enough to detect the kind). */
export function uriToPath(uri: string): string {
  try {
    if (uri.startsWith('file:')) return fileURLToPath(uri);
  } catch {
    /* fall through */
  }
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}
