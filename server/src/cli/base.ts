// `mips-port base create`: a Debian base image for the target when no registry serves one.
import { detectBuilder } from '../core/build/builders';
import { applyTemplate, DEFAULT_TAG_TEMPLATE } from '../core/build/plan';
import { BaseError, BaseStage, createBase } from '../core/base/createBase';
import { BaseVariant } from '../core/base/debianBase';
import { DEFAULT_PLATFORM, formatPlatform, parsePlatform } from '../core/platform';
import { parseCommandArgs, UsageError } from './usage';

const STAGES: BaseStage[] = ['bootstrap', 'image', 'verify', 'push'];

export async function runBase(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    suite: { type: 'string' },
    variant: { type: 'string' },
    packages: { type: 'string' },
    tag: { type: 'string' },
    'tag-template': { type: 'string' },
    push: { type: 'boolean' },
    mirror: { type: 'string' },
    snapshot: { type: 'string' },
    'source-date-epoch': { type: 'string' },
    platform: { type: 'string' },
    builder: { type: 'string' },
    quiet: { type: 'boolean' },
  });
  if (parsed.positionals[0] !== 'create' || parsed.positionals.length !== 1) {
    throw new UsageError(
      'usage: mips-port base create [--suite bookworm] [--variant minbase|slim|standard] [--packages a,b] [--tag T] [--push] [--mirror URL] [--snapshot 20240101T000000Z]',
    );
  }
  const v = parsed.values;
  const p = parsePlatform(v.platform ?? DEFAULT_PLATFORM);
  if (!p.ok) throw new UsageError(p.error);
  const variant = (v.variant ?? 'minbase') as BaseVariant;
  if (!['minbase', 'slim', 'standard'].includes(variant))
    throw new UsageError(`--variant must be minbase, slim or standard, not "${variant}"`);
  const suite = v.suite ?? 'bookworm';
  if (!/^[a-z][a-z0-9-]*$/.test(suite)) throw new UsageError(`--suite "${suite}" is not a Debian suite name`);
  const packages = (v.packages ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  for (const pkg of packages)
    if (!/^[a-z0-9][a-z0-9+.-]+$/.test(pkg)) throw new UsageError(`--packages: "${pkg}" is not a Debian package name`);
  if (v.mirror && !/^https?:\/\//.test(v.mirror)) throw new UsageError('--mirror must be an http(s) URL');
  const sde = v['source-date-epoch'] !== undefined ? Number(v['source-date-epoch']) : undefined;
  if (sde !== undefined && !Number.isInteger(sde))
    throw new UsageError('--source-date-epoch expects seconds since 1970');
  const tag =
    v.tag ??
    applyTemplate(v['tag-template'] ?? DEFAULT_TAG_TEMPLATE, {
      name: 'debian',
      tag: variant === 'slim' ? `${suite}-slim` : suite,
      target: p.platform,
    });
  const builder = await detectBuilder((v.builder ?? 'auto') as 'auto');
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  const stages = v.push ? STAGES : STAGES.slice(0, 3);
  try {
    const r = await createBase({
      target: p.platform,
      suite,
      variant,
      packages,
      mirror: v.mirror,
      snapshot: v.snapshot,
      sourceDateEpoch: sde,
      tag,
      push: !!v.push,
      builder,
      signal: controller.signal,
      onStage: (s, m) => process.stderr.write(`[${stages.indexOf(s) + 1}/${stages.length}] ${m}\n`),
      onOutput: v.quiet ? undefined : (t) => process.stdout.write(t),
    });
    process.stderr.write(`mips-port: ${r.summary}\n`);
    if (r.ok) process.stdout.write(`${tag}\n`);
    return r.ok ? 0 : r.cancelled ? 130 : 1;
  } catch (e) {
    if (e instanceof BaseError)
      throw new UsageError(`cannot create a ${formatPlatform(p.platform)} base: ${e.message}`);
    throw e;
  }
}
