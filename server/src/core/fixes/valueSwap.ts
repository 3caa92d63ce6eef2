// Quick fixes for images named as plain values (a BASEIMAGE line, a YAML `image:`): swap in the
// replacement, keeping the quotes the YAML used. Dockerfiles have their own (baseSwap).
import { ParsedDocument } from '../documents/parsedDocument';
import { parseImageRef, shortImage } from '../imageRef';
import { CheckedUse, FieldValue, Finding, Fix, ImageFields, TextEdit } from '../types';
import { usesStartingAt } from '../useIndex';

export function valueSwapFixes(f: Finding, doc: ParsedDocument, uses: CheckedUse[]): Fix[] {
  if (f.suggestions.length === 0) return [];
  const use = usesStartingAt(uses, f.range.start).find(
    (c) => (c.use.kind === 'baseimage' || c.use.kind === 'yaml') && c.ref,
  );
  if (!use || use.use.range.start.line !== use.use.range.end.line) return [];
  const fields = use.use.fields;
  if (fields) return f.suggestions.map((s, i) => ({ ...fieldSwap(s.image, fields, doc), isPreferred: i === 0 }));
  const written = (doc.lines[use.use.range.start.line] ?? '').slice(
    use.use.range.start.character,
    use.use.range.end.character,
  );
  const quote = /^(["'])/.exec(written)?.[1] ?? '';
  return f.suggestions.map((s, i) => {
    const image = shortImage(s.image);
    return {
      title: `Use ${image}`,
      isPreferred: i === 0,
      edits: [{ range: use.use.range, newText: `${quote}${image}${quote}` }],
    };
  });
}

/** A replacement written into the keys that make up the image: the tag (and name, registry when they
 *  change), inserting a key the entry does not have; a digest pin that would override it is removed. */
function fieldSwap(replacement: string, fields: ImageFields, doc: ParsedDocument): Fix {
  const short = shortImage(replacement);
  const r = parseImageRef(replacement);
  const tag = r.ok ? (r.ref.tag ?? 'latest') : 'latest';
  const helm = fields.convention === 'helm';
  let name = short.replace(/[:@].*$/, '');
  const edits: TextEdit[] = [];
  const inserts: string[] = [];
  const indent = ' '.repeat(fields.insertAfter.indent);
  const set = (f: FieldValue | undefined, key: string, value: string) => {
    if (f) {
      if (f.value !== value) edits.push({ range: f.range, newText: quoted(doc, f, value) });
    } else inserts.push(`${indent}${key}: "${value}"\n`);
  };
  if (helm && fields.registry && r.ok) {
    set(fields.registry, 'registry', r.ref.registry);
    name = r.ref.repository;
  }
  const current = fields.registry ? (fields.name?.value ?? fields.currentName) : fields.currentName;
  if (name !== current || fields.name) set(fields.name, helm ? 'repository' : 'newName', name);
  set(fields.tag, helm ? 'tag' : 'newTag', tag);
  if (fields.digest) {
    const line = fields.digest.range.start.line;
    edits.push({ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' });
  }
  if (inserts.length) {
    const at = { line: fields.insertAfter.line + 1, character: 0 };
    edits.push({ range: { start: at, end: at }, newText: inserts.join('') });
  }
  return { title: `Use ${short}`, edits };
}

function quoted(doc: ParsedDocument, f: FieldValue, value: string): string {
  const written = (doc.lines[f.range.start.line] ?? '').slice(f.range.start.character, f.range.end.character);
  const quote = /^(["'])/.exec(written)?.[1] ?? '';
  return `${quote}${value}${quote}`;
}
