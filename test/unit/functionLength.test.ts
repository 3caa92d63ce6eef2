// The document readers stay a row of small steps (find, resolve, emit uses) that a newcomer can read one
// at a time: no function in core/documents/ grows past 80 lines or nests its branches deeper than 4.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from '../helpers/paths';

const DIR = 'server/src/core/documents';
const MAX_LINES = 80;
const MAX_NESTING = 4;

interface FunctionShape {
  where: string;
  lines: number;
  nesting: number;
}

const NESTS = new Set([
  ts.SyntaxKind.IfStatement,
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.ForInStatement,
  ts.SyntaxKind.WhileStatement,
  ts.SyntaxKind.DoStatement,
  ts.SyntaxKind.SwitchStatement,
  ts.SyntaxKind.TryStatement,
]);

/** How deep branches and loops nest inside `body`, not counting the bodies of inner functions. */
function nestingOf(body: ts.Node): number {
  let deepest = 0;
  const visit = (n: ts.Node, depth: number) => {
    if (n !== body && ts.isFunctionLike(n)) return;
    // `else if` continues a chain; it is not one level deeper
    const chained = ts.isIfStatement(n) && ts.isIfStatement(n.parent) && n.parent.elseStatement === n;
    const d = NESTS.has(n.kind) && !chained ? depth + 1 : depth;
    deepest = Math.max(deepest, d);
    ts.forEachChild(n, (c) => visit(c, d));
  };
  visit(body, 0);
  return deepest;
}

function functionsOf(file: string): FunctionShape[] {
  const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: FunctionShape[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isFunctionLike(n) && 'body' in n && n.body) {
      const start = source.getLineAndCharacterOfPosition(n.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(n.getEnd()).line;
      out.push({ where: `${file}:${start + 1}`, lines: end - start + 1, nesting: nestingOf(n.body as ts.Node) });
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return out;
}

const readers = fs
  .readdirSync(path.join(REPO_ROOT, DIR))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => `${DIR}/${f}`);
const shapes = readers.flatMap(functionsOf);

test(`the measure sees the readers' functions (${DIR})`, () => {
  // a parse that found nothing would pass the checks below without reading a line
  assert.ok(shapes.length > 50, `only ${shapes.length} functions found`);
  assert.ok(shapes.some((s) => s.where.includes('yamlImages.ts')));
});

test(`no function in ${DIR} is over ${MAX_LINES} lines`, () => {
  const long = shapes.filter((s) => s.lines > MAX_LINES).map((s) => `${s.where} (${s.lines} lines)`);
  assert.deepEqual(long, []);
});

test(`no function in ${DIR} nests branches and loops deeper than ${MAX_NESTING}`, () => {
  const deep = shapes.filter((s) => s.nesting > MAX_NESTING).map((s) => `${s.where} (depth ${s.nesting})`);
  assert.deepEqual(deep, []);
});
