// `mips-port port --all [ROOT]`: every preferred fix under ROOT at once — Dockerfile ports, BASEIMAGE
// lines, build-script platform lists — shown as a unified diff (or written with --write). Only files
// under ROOT change. The tree is scanned again after each round of fixes, in memory, so a Dockerfile
// whose base comes from a BASEIMAGE line added in the first round is ported against it in the next.
import path from 'node:path';
import { applyEdits, preferredEdits } from '../core/fixes/editText';
import { DOCUMENT_CAP_BYTES, readRegularBytes } from '../core/fs/readText';
import { decodeTextFile, encodeTextFile, rewriteFile, TextFile } from '../core/fs/rewriteFile';
import { unifiedDiff } from '../core/report/unifiedDiff';
import { ReadDocument, readFromDisk, relativeName } from '../core/workspace/scan';
import { engineFromArgs } from './engineArgs';
import { UsageError } from './usage';

const ROUNDS = 3;

export async function runPortAll(argv: string[]): Promise<number> {
  const e = engineFromArgs(argv);
  if (e.positionals.length > 1) throw new UsageError('usage: mips-port port --all [ROOT] [--write] [options]');
  const root = path.resolve(e.positionals[0] ?? '.');
  const cwd = process.cwd();
  const originals = new Map<string, TextFile>();
  const ported = new Map<string, string>();
  const applied = new Map<string, string[]>();
  const read: ReadDocument = (f) => {
    const t = ported.get(f);
    return t !== undefined ? { ok: true, text: t } : readFromDisk(f);
  };
  for (let round = 0; round < ROUNDS; round++) {
    // files named by absolute path, so each finding leads back to its file
    const s = await e.service.scan({ roots: [root], settings: e.settings, read, display: (f) => f });
    let changed = false;
    for (const { file, findings } of s.report.files) {
      const pe = preferredEdits(findings);
      if (!pe.edits.length) continue;
      const original = originals.get(file) ?? decoded(file);
      if (!original) continue;
      originals.set(file, original);
      const before = ported.get(file) ?? original.text;
      const after = applyEdits(before, pe.edits);
      if (after === before) continue;
      ported.set(file, after);
      applied.set(file, [...(applied.get(file) ?? []), ...pe.applied]);
      changed = true;
    }
    if (!changed) break;
  }
  const files = [...ported.keys()].sort();
  for (const f of files) {
    const name = relativeName(cwd, f);
    for (const a of applied.get(f) ?? []) process.stderr.write(`mips-port: ${name}: ${a}\n`);
    if (e.write) rewriteFile(f, encodeTextFile(ported.get(f)!, originals.get(f)!));
    else process.stdout.write(unifiedDiff(name, originals.get(f)!.text, ported.get(f)!));
  }
  const n = [...applied.values()].reduce((k, a) => k + a.length, 0);
  process.stderr.write(
    files.length
      ? `mips-port: ${e.write ? 'wrote' : 'would change'} ${files.length} file${files.length === 1 ? '' : 's'} (${n} fix${n === 1 ? '' : 'es'})${e.write ? '' : '; --write applies them'}\n`
      : `mips-port: nothing to port under ${relativeName(cwd, root)}\n`,
  );
  return 0;
}

/** The file as written back later (encoding, byte-order mark, line endings); undefined when it cannot be. */
function decoded(file: string): TextFile | undefined {
  const r = readRegularBytes(file, DOCUMENT_CAP_BYTES);
  if (!r.ok) return undefined;
  const d = decodeTextFile(r.bytes);
  if (!d.ok) process.stderr.write(`mips-port: ${file}: ${d.reason}; not ported\n`);
  return d.ok ? d.file : undefined;
}
