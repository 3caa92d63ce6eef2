// Which YAML reading a file needs by its place: a Kustomization, a Helm chart's values (a values*.yaml
// beside Chart.yaml), or plain Kubernetes/Compose YAML.
import path from 'node:path';
import { ImageUse } from '../types';
import { analyseHelmValues } from './helmValues';
import { analyseKustomization, KUSTOMIZATION_FILES, ReadSide } from './kustomization';

export interface RoleExtracted {
  uses: ImageUse[];
  parseError?: string;
  note?: string;
}

/** undefined: not a Kustomization nor chart values (read it as Kubernetes/Compose YAML). In steps: a pause
 *  may come between them while the file is parsed. */
export function* analyseYamlByRole(
  text: string,
  file: string | undefined,
  read: ReadSide | undefined,
): Generator<void, RoleExtracted | undefined> {
  if (!file || !read) return undefined;
  const base = path.basename(file);
  const dir = path.dirname(file);
  if (KUSTOMIZATION_FILES.includes(base)) return yield* analyseKustomization(text, file, read);
  if (!/^values(-[^/]*)?\.ya?ml$/.test(base)) return undefined;
  const chart = read(path.join(dir, 'Chart.yaml'));
  if (chart === undefined) return undefined;
  const appVersion = /^appVersion:[ \t]*["']?([^"'\s#]+)/m.exec(chart)?.[1];
  const override = !/^values\.ya?ml$/.test(base);
  const r = yield* analyseHelmValues(text, {
    appVersion,
    baseValues: override ? (read(path.join(dir, 'values.yaml')) ?? read(path.join(dir, 'values.yml'))) : undefined,
  });
  const chartName = /^name:[ \t]*["']?([^"'\s#]+)/m.exec(chart)?.[1] ?? path.basename(dir);
  if (!override)
    r.note = `Helm chart ${chartName}: ${r.uses.length} image${r.uses.length === 1 ? '' : 's'} from its values; scan helm template output for images in templates/. Templates are not rendered: an image written only in templates/ is not seen here.`;
  return r;
}
