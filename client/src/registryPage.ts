// The web page where people browse an image's tags, for "Open on registry". Registries without a
// known page get none (the command says so) rather than a raw API address.

/** `docker.io/library/alpine:3.12` -> https://hub.docker.com/_/alpine/tags?name=3.12 */
export function registryPage(reference: string): string | undefined {
  const noDigest = reference.split('@')[0];
  const slash = noDigest.indexOf('/');
  if (slash < 0) return undefined;
  const host = noDigest.slice(0, slash);
  const rest = noDigest.slice(slash + 1);
  const colon = rest.lastIndexOf(':');
  const repo = colon > 0 ? rest.slice(0, colon) : rest;
  const tag = colon > 0 ? rest.slice(colon + 1) : '';
  const q = tag ? `?name=${encodeURIComponent(tag)}` : '';
  switch (host) {
    case 'docker.io':
      return repo.startsWith('library/')
        ? `https://hub.docker.com/_/${repo.slice(8)}/tags${q}`
        : `https://hub.docker.com/r/${repo}/tags${q}`;
    case 'quay.io':
      return `https://quay.io/repository/${repo}?tab=tags`;
    case 'ghcr.io':
      // ghcr.io sends a browser to the package's GitHub page
      return `https://ghcr.io/${repo}`;
    case 'mcr.microsoft.com':
      return `https://mcr.microsoft.com/en-us/artifact/mar/${repo}/tags`;
    case 'gcr.io':
    case 'registry.k8s.io':
      return `https://explore.ggcr.dev/?repo=${encodeURIComponent(`${host}/${repo}`)}`;
    default:
      return undefined;
  }
}
