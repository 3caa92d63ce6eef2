// The last word of a mirror run: which of the names the workload will pull PREFIX serves for the
// target, asked of the registry itself (through the same client as every look-up).
import { parseImageRef } from '../imageRef';
import { formatPlatform, Platform, platformMatches } from '../platform';
import { RegistryClient } from '../registry/client';

export interface ServedResult {
  image: string;
  /** The name the workload pulls (after the repo list, when there is one). */
  pulled: string;
  served: boolean;
  why?: string;
}

export async function checkServed(o: {
  client: RegistryClient;
  target: Platform;
  prefix: string;
  names: { image: string; pulled: string }[];
}): Promise<ServedResult[]> {
  const want = formatPlatform(o.target);
  return Promise.all(
    o.names.map(async ({ image, pulled }): Promise<ServedResult> => {
      if (!pulled.startsWith(`${o.prefix}/`))
        return { image, pulled, served: false, why: `the workload still pulls it from outside ${o.prefix}` };
      const r = parseImageRef(pulled);
      if (!r.ok) return { image, pulled, served: false, why: r.error };
      try {
        const info = await o.client.platforms(r.ref);
        const ok = info.platforms.some((p) => platformMatches(o.target, p.os, p.architecture, p.variant));
        return ok
          ? { image, pulled, served: true }
          : { image, pulled, served: false, why: `${pulled} has no ${want} image` };
      } catch (e) {
        return { image, pulled, served: false, why: (e as Error).message };
      }
    }),
  );
}
