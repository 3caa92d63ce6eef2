// A template under a Helm chart whose values file is read: the chart's note (MP150) speaks for it.
import path from 'node:path';

/** The file sits under a Helm chart's templates/ whose chart has a values file (which gets the chart's note). */
export function chartWithValues(
  file: string | undefined,
  read: ((file: string) => string | undefined) | undefined,
): boolean {
  if (!file || !read || !path.isAbsolute(file)) return false;
  for (let dir = path.dirname(file); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (path.basename(dir) !== 'templates') continue;
    const chart = path.dirname(dir);
    if (read(path.join(chart, 'Chart.yaml')) === undefined) continue;
    return read(path.join(chart, 'values.yaml')) !== undefined || read(path.join(chart, 'values.yml')) !== undefined;
  }
  return false;
}
