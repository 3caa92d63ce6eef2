// `mips-port port DOCKERFILE`: every preferred fix applied, printed or written (--write). A Dockerfile
// whose base comes from the Kubernetes BASEIMAGE file beside it is ported with that file in one pass: the
// target line first (a replacement, or the missing line added), then the Dockerfile against the new
// value (its apk/dnf lines). When there is nothing to change it says why, in one line.
import path from 'node:path';
import { baseimageFileFor } from '../core/documents/siblingFiles';
import { applyEdits, preferredEdits } from '../core/fixes/editText';
import { DOCUMENT_CAP_BYTES, readRegularBytes, SIDE_FILE_CAP_BYTES } from '../core/fs/readText';
import { decodeTextFile, encodeTextFile, rewriteFile, rewriteProblem, TextFile } from '../core/fs/rewriteFile';
import { countStatuses, errorFindings } from '../core/report/scanReport';
import { ReadDocument, readFromDisk, relativeName } from '../core/workspace/scan';
import { formatPlatform } from '../core/platform';
import { engineFromArgs } from './engineArgs';
import { runPortAll } from './portAll';
import { UsageError } from './usage';

function readText(file: string, cap: number): TextFile | undefined {
  const r = readRegularBytes(file, cap);
  if (!r.ok) return undefined;
  const d = decodeTextFile(r.bytes);
  return d.ok ? d.file : undefined;
}

export async function runPort(argv: string[]): Promise<number> {
  if (argv.includes('--all')) return runPortAll(argv.filter((a) => a !== '--all'));
  const e = engineFromArgs(argv);
  const file = e.positionals[0];
  if (!file || e.positionals.length > 1)
    throw new UsageError('usage: mips-port port DOCKERFILE|--all [ROOT] [--write] [--platform P] [--offline]');
  const read = readRegularBytes(file, DOCUMENT_CAP_BYTES);
  if (!read.ok) throw new UsageError(`${file}: ${read.reason}`);
  const decoded = decodeTextFile(read.bytes);
  if (!decoded.ok) throw new UsageError(`${file}: ${decoded.reason}`);
  const original = decoded.file;
  const abs = path.resolve(file);
  const cwd = process.cwd();
  const display = (f: string) => relativeName(cwd, f);

  // the BASEIMAGE beside it, ported first
  const baseimagePath = baseimageFileFor(abs);
  const baseimage = readText(baseimagePath, SIDE_FILE_CAP_BYTES);
  let baseimagePorted: { text: string; applied: string[] } | undefined;
  if (baseimage) {
    const readBase: ReadDocument = (f) => (f === baseimagePath ? { ok: true, text: baseimage.text } : readFromDisk(f));
    const sb = await e.service.scan({ roots: [baseimagePath], settings: e.settings, read: readBase, display });
    const pe = preferredEdits(sb.report.files[0]?.findings ?? []);
    if (pe.applied.length) baseimagePorted = { text: applyEdits(baseimage.text, pe.edits), applied: pe.applied };
  }

  // the analysis sees the text as it will be rewritten (BOM off, `\r`-only lines as `\n`), and the new BASEIMAGE
  const readAs: ReadDocument = (f) =>
    f === abs
      ? { ok: true, text: original.text }
      : f === baseimagePath && baseimagePorted
        ? { ok: true, text: baseimagePorted.text }
        : readFromDisk(f);
  const s = await e.service.scan({ roots: [abs], settings: e.settings, read: readAs, display });
  const findings = s.report.files[0]?.findings ?? [];
  const { edits, applied, skipped } = preferredEdits(findings);
  const ported = applyEdits(original.text, edits);
  const base = display(baseimagePath);
  for (const a of baseimagePorted?.applied ?? []) process.stderr.write(`mips-port: applied in ${base}: ${a}\n`);
  for (const a of applied) process.stderr.write(`mips-port: applied: ${a}\n`);
  for (const a of skipped) process.stderr.write(`mips-port: skipped (overlaps another fix): ${a}\n`);

  if (!applied.length && !baseimagePorted) {
    // never silently nothing: say why
    const c = countStatuses(s.report);
    const open = findings.find((f) => f.status === 'missing' || f.status === 'unknown' || f.severity === 'error');
    if (c.missing + c.unknown + c.unchecked === 0 && !open) {
      process.stderr.write(
        `mips-port: nothing to port in ${file}: its images serve ${formatPlatform(e.settings.target)}\n`,
      );
    } else {
      const why = open ? open.message.split(/(?<=[.!?])\s/)[0] : `${c.unchecked} image use(s) could not be checked`;
      process.stderr.write(`mips-port: no automatic port for ${file}: ${why}\n`);
    }
    if (!e.write) process.stdout.write(encodeTextFile(ported, original));
    return c.missing + c.unknown + c.unchecked === 0 && !open ? 0 : 1;
  }
  // what the port leaves for a hand (a package name apt will reject): said now, and exit 1, not at the build
  const readPorted: ReadDocument = (f) =>
    f === abs ? { ok: true, text: ported } : f === baseimagePath && baseimagePorted ? readAs(f) : readFromDisk(f);
  const after = await e.service.scan({ roots: [abs], settings: e.settings, read: readPorted, display });
  const left = errorFindings(after.report);
  for (const l of left)
    process.stderr.write(
      `mips-port: left to fix in ${l.file}:${l.finding.range.start.line + 1}: ` +
        `${l.finding.ruleId} ${l.finding.message}\n`,
    );
  if (e.write) {
    // both files checked before either is written: a refusal never leaves a half-ported pair
    const refused = [baseimagePorted ? rewriteProblem(baseimagePath) : undefined, rewriteProblem(file)].find(Boolean);
    if (refused) throw new UsageError(refused);
    if (baseimagePorted && baseimage) rewriteFile(baseimagePath, encodeTextFile(baseimagePorted.text, baseimage));
    if (applied.length) rewriteFile(file, encodeTextFile(ported, original));
    const n = applied.length + (baseimagePorted?.applied.length ?? 0);
    process.stderr.write(
      `mips-port: wrote ${[applied.length ? file : '', baseimagePorted ? base : ''].filter(Boolean).join(' and ')} (${n} fix${n === 1 ? '' : 'es'})\n`,
    );
  } else {
    process.stdout.write(encodeTextFile(ported, original));
    if (baseimagePorted)
      process.stderr.write(
        `mips-port: ${base} would become (written with --write):\n${baseimagePorted.text.replace(/\n$/, '').replace(/^/gm, '  ')}\n`,
      );
  }
  return left.length ? 1 : 0;
}
