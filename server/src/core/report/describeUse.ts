// How a use is described to a person: the hover's Markdown and the lens's title. One wording for the
// editor, the images view and the report.
import { suiteFact, suiteState } from '../packages/suiteState';
import { suggestionSuite } from '../availability/suiteRanking';
import { formatRef, shortImage } from '../imageRef';
import { formatPlatform, platformLabel } from '../platform';
import { cutList } from '../registry/registryText';
import { CheckedUse } from '../types';

export function hoverMarkdown(c: CheckedUse): string {
  const target = formatPlatform(c.platform);
  const lines: string[] = [];
  if (c.use.problem) return `**mips-port**: ${c.use.problem}`;
  if (c.refError)
    return `**mips-port**: \`${c.use.resolved ?? c.use.text}\` is not a valid image reference: ${c.refError}.`;
  if (!c.ref && c.use.argSource)
    return `**mips-port**: \`${c.use.text}\` comes from ${c.use.argSource}; it is checked once that gives it a value for ${target}.`;
  if (!c.ref && c.use.informational && c.use.note) return `**mips-port**: ${c.use.note}`;
  if (!c.ref && c.use.placeholder)
    return `**mips-port**: \`FROM ${c.use.text}\` is the placeholder Kubernetes' image-util.sh replaces with the line for the architecture in a \`BASEIMAGE\` file beside the Dockerfile; there is none, so it is not checked.`;
  if (!c.ref && c.use.kind !== 'from')
    return `**mips-port**: \`${c.use.text}\` is completed at build or deploy time (${[...new Set(c.use.unresolved)].join(', ')}), so it is not checked.`;
  if (!c.ref) {
    return `**mips-port**: \`${c.use.text}\` depends on build arguments without a default (${[...new Set(c.use.unresolved)].join(', ')}); its value comes from \`--build-arg\` at build time, so it is not checked.`;
  }
  const name = formatRef(c.ref);
  if (c.use.nativeStage) {
    return `**${shortImage(name)}** runs natively on the build host (\`--platform=$BUILDPLATFORM\`), not on ${target}: no ${target} image is needed. Cross-compile what it builds for \`$TARGETARCH\`.`;
  }
  const v = c.verdict;
  if (!v) return `**${shortImage(name)}**`;
  lines.push(`**${shortImage(name)}**: **${v.status}** for \`${target}\``);
  // the diagnostic shown above the hover gives the reason: the hover adds facts, it does not repeat it;
  // a line checked only for information (another platform's BASEIMAGE line) has no diagnostic
  if (c.use.informational) lines.push('', v.reason);
  if (v.frozenSince)
    lines.push(
      '',
      `Frozen since ${v.frozenSince}: the registry keeps this build but it gets no security updates. For fresh updates, make your own Debian base (\`mips-port base create\`).`,
    );
  const arch = c.platform.arch.debian;
  const fact = suiteFact(c.ref);
  if (fact && arch) {
    const state = suiteState(fact.suite, arch);
    const apt =
      state === 'current'
        ? 'its apt works'
        : state === 'archived'
          ? `its apt works only from archive.debian.org (Debian's mirrors no longer serve ${fact.suite})`
          : state === 'gone'
            ? `its apt does not work: no mirror serves ${fact.suite} for ${arch} any more`
            : `whether its apt works for ${arch} is not known`;
    const likely = fact.likely ? ' (likely: the stable release when it was last built)' : '';
    lines.push('', `Debian ${fact.suite}${likely}: ${apt}.`);
  }
  if (v.platforms?.length)
    lines.push(
      '',
      `Platforms: ${cutList(
        v.platforms.map((p) => `\`${p}\``),
        20,
      )}`,
    );
  if (v.suggestions.length) {
    lines.push('', '**Use instead:**');
    for (const s of v.suggestions) lines.push(`- \`${shortImage(s.image)}\` — ${s.reason}${aptNote(s.image, arch)}`);
  } else if (v.status === 'missing') {
    lines.push(
      '',
      `No replacement is known: rebuild the image for ${target}, point a mirror at one that has it, or make a Debian base (\`mips-port base create\`, or "MIPS Port: Create a Debian base").`,
    );
  }
  if (c.use.entryName) lines.push('', `Entry \`${c.use.entryName}\` resolves to \`${name}\`.`);
  if (c.use.note) lines.push('', c.use.note);
  lines.push('', `Reference: \`${name}\` · source: ${v.source}`);
  return lines.join('\n');
}

export function lensTitle(c: CheckedUse): string {
  const label = platformLabel(c.platform);
  if (c.use.nativeStage) return `${label}: runs on the build host`;
  if (c.use.problem) return `${label}: entry not understood`;
  if (c.refError) return `${label}: invalid reference`;
  if (!c.ref || !c.verdict) return c.use.kind === 'from' ? `${label}: set by --build-arg` : `${label}: not checked`;
  const v = c.verdict;
  if (v.status === 'available')
    return v.frozenSince ? `${label}: available (frozen since ${v.frozenSince})` : `${label}: available`;
  const n = v.suggestions.length;
  const repl = n ? ` · ${n} replacement${n === 1 ? '' : 's'}` : '';
  return `${label}: ${v.status}${repl}`;
}

/** " · Debian bookworm: apt works" after an alternative whose suite is known. */
function aptNote(image: string, arch: string | undefined): string {
  const s = arch ? suggestionSuite(image, arch) : undefined;
  if (!s?.state) return '';
  const what = { current: 'apt works', archived: 'apt only from archive.debian.org', gone: 'apt fails' }[s.state];
  return ` · Debian ${s.suite}${s.likely ? ' (likely)' : ''}: ${what}`;
}
