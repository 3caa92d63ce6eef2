import { analyseDocument, DocumentAnalysis } from '../../server/src/core/analyse';
import { knowledgeLookup } from '../../server/src/core/availability/knowledgeLookup';
import { parsePlatform, Platform } from '../../server/src/core/platform';

export function platform(s = 'linux/mips64le'): Platform {
  const p = parsePlatform(s);
  if (!p.ok) throw new Error(p.error);
  return p.platform;
}

const lookup = knowledgeLookup();

export function analyse(
  text: string,
  opts: { platform?: string; buildArgs?: Record<string, string> } = {},
): DocumentAnalysis {
  const a = analyseDocument('Dockerfile', text, { target: platform(opts.platform), lookup, buildArgs: opts.buildArgs });
  if (!a) throw new Error('not analysed');
  return a;
}

/** A finding's whole wording: its one-sentence Problems message and the detail hovers and reports show. */
export function fullText(f: { message: string; detail?: string } | undefined): string {
  return f ? [f.message, f.detail].filter(Boolean).join(' ') : '';
}
