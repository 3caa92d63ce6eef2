// Kubernetes image Dockerfiles before ≈v1.20 are templates image-util.sh edited with sed before
// building: `FROM BASEIMAGE` (the BASEIMAGE file's line for the arch) and `CROSS_BUILD_COPY
// qemu-QEMUARCH-static /usr/bin/` (a QEMU binary copied in for cross builds), and BASEARCH in
// download URLs (the Go architecture name). Docker rejects the first two as written. With QEMU registered with the F flag the copy is not needed, so those lines become
// comments (line numbers stay, so build errors still point at the right line).

export interface PreparedDockerfile {
  text: string;
  /** What changed, one line each, for the plan's notes. */
  changes: string[];
}

const CROSS_BUILD = /^([ \t]*)(CROSS_BUILD_\w+\b.*)$/i;
const FROM_PLACEHOLDER = /^([ \t]*FROM[ \t]+(?:--\S+[ \t]+)*)BASEIMAGE(?=[ \t]|$)/i;

const BASEARCH = /BASEARCH/g; // a plain substring, as sed replaced it (tool_linux_BASEARCH.tgz)

/** `arch`: the Go architecture name image-util.sh put in place of BASEARCH (mips64le). */
export function prepareLegacyDockerfile(
  text: string,
  baseimage: string | undefined,
  arch: string,
): PreparedDockerfile | undefined {
  const lines = text.split('\n');
  const changes: string[] = [];
  let continued = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const body = line.replace(/\r$/, '');
    const cross = continued || CROSS_BUILD.test(body);
    if (cross) {
      if (!continued)
        changes.push(
          `line ${i + 1}: ${body.trim()} dropped (QEMU is registered with the F flag; no binary to copy in)`,
        );
      continued = /\\\s*$/.test(body);
      lines[i] = `# ${line}`;
      continue;
    }
    const m = FROM_PLACEHOLDER.exec(body);
    if (m && baseimage !== undefined) {
      lines[i] = m[1] + baseimage + line.slice(m[0].length);
      changes.push(`line ${i + 1}: FROM BASEIMAGE -> FROM ${baseimage}`);
    }
    if (!/^\s*#/.test(body) && lines[i].includes('BASEARCH')) {
      lines[i] = lines[i].replace(BASEARCH, arch);
      changes.push(`line ${i + 1}: BASEARCH -> ${arch}`);
    }
  }
  return changes.length ? { text: lines.join('\n'), changes } : undefined;
}
