// Go check results as findings on their .go lines: MP140 for errors only the target build gives
// (with the conversion fix the compiler asks for), MP141 for a symbol defined only for amd64 (with the
// file that defines it), MP142 for cgo packages that could not be checked, MP143 when nothing ran.
// Each is a rule of rules/index.ts: the user's severity applies, `off` drops it.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVER_COMMANDS } from '../../shared/protocol';
import { formatPlatform, Platform } from '../platform';
import { GO_RULES } from '../rules';
import { ToolRule } from '../rules/rule';
import { severityOf } from '../rules/severity';
import { Finding, Fix, Range, SeverityOverride } from '../types';
import { GoCheckResult } from './goCheck';
import { GoError } from './goErrors';
import { GO_INSTALL_HINT } from './goToolchain';

const NUMERIC = /^(u?int(8|16|32|64)?|uintptr|float(32|64))$/;
// go 1.19: "as type uint64 in"; go 1.20+: "as uint64 value in"
const CANNOT_USE =
  /^cannot use (.+) \((?:variable|value|struct field|constant)[^()]*? of type (\w+)\) as (?:type )?(\w+)(?: value)? in /;

export type ReadText = (file: string) => string | undefined;

export interface GoFindingOptions {
  moduleDir: string;
  target: Platform;
  /** The text of a file the compiler named (its line, for the range and the fix). */
  read: ReadText;
  /** mipsPort.severity: per rule id or name. */
  severities?: Record<string, SeverityOverride>;
}

type Made = { severities?: Record<string, SeverityOverride> };

/** A finding of a Go rule at the user's severity; undefined when the user turned the rule off. */
function finding(rule: ToolRule, range: Range, message: string, o: Made): Finding | undefined {
  const severity = severityOf(rule, o.severities);
  return severity === 'off' ? undefined : { ruleId: rule.id, severity, range, message, suggestions: [] };
}

/** Findings per absolute file path. */
export function goFindings(r: GoCheckResult, o: GoFindingOptions): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  const add = (file: string, f: Finding | undefined) => {
    if (f) out.set(file, [...(out.get(file) ?? []), f]);
  };
  const where = formatPlatform(o.target);
  const goMod = path.join(o.moduleDir, 'go.mod');
  const top = { start: at(0, 0), end: at(0, 0) };
  for (const e of r.targetOnly) {
    if (!e.file) {
      add(goMod, finding(GO_RULES.goTargetError, top, `${e.message} (only for ${where})`, o));
      continue;
    }
    const lines = (o.read(e.file) ?? '').split('\n');
    const text = lines[e.line - 1] ?? '';
    const start = utf16Column(text, e.column);
    const range = { start: at(e.line - 1, start), end: at(e.line - 1, wordEnd(text, start)) };
    const undef = /^undefined: (\w+)$/.exec(e.message);
    const twin = undef ? amd64Definition(path.dirname(e.file), undef[1]) : undefined;
    if (undef && twin) {
      add(e.file, amd64OnlyFinding(undef[1], twin, range, o));
      continue;
    }
    const f = finding(GO_RULES.goTargetError, range, `${e.message} (only for ${where})`, o);
    const fix = conversionFix(e, text, start);
    if (f && fix) {
      f.range = fix.edits[0].range;
      f.fixes = [fix];
    }
    add(e.file, f);
  }
  for (const n of r.notChecked)
    add(goMod, finding(GO_RULES.goCgoNotChecked, top, `${n.pkg} not checked for ${where}: ${n.why}`, o));
  return out;
}

function amd64OnlyFinding(
  name: string,
  twin: { file: string; line: number },
  range: Range,
  o: GoFindingOptions,
): Finding | undefined {
  const base = path.basename(twin.file);
  const stem = base.replace(/_amd64\.go$/, '').replace(/\.go$/, '');
  const where = formatPlatform(o.target);
  const message = `${name} is defined only for amd64 (${base}): add ${stem}_${o.target.arch.oci}.go for ${where}`;
  const f = finding(GO_RULES.goAmd64OnlySymbol, range, message, o);
  if (!f) return undefined;
  f.fixes = [
    {
      title: `Open ${base} (defines ${name} for amd64 only)`,
      edits: [],
      command: {
        title: `Open ${base}`,
        command: SERVER_COMMANDS.showDocument.command,
        arguments: [pathToFileURL(twin.file).href, { start: at(twin.line, 0), end: at(twin.line, 0) }],
      },
    },
  ];
  return f;
}

/** MP143 on a file of a module whose check did not run: nothing there was checked, and why. */
export function goNotRunFinding(problem: string, o: Made = {}): Finding | undefined {
  const top = { start: at(0, 0), end: at(0, 0) };
  const message =
    problem === GO_INSTALL_HINT
      ? 'Go check did not run: no go on PATH. Debian: apt-get install golang-go, or set mipsPort.go.path.'
      : `Go check did not run: ${problem}`;
  const f = finding(GO_RULES.goCheckNotRun, top, message.length <= 120 ? message : `${message.slice(0, 118)}…`, o);
  if (f && message.length > 120) f.detail = message;
  return f;
}

function at(line: number, character: number) {
  return { line: Math.max(0, line), character: Math.max(0, character) };
}

/** go counts columns in bytes; LSP in UTF-16 code units. */
function utf16Column(line: string, byteColumn: number): number {
  return Buffer.from(line, 'utf8')
    .subarray(0, Math.max(0, byteColumn - 1))
    .toString('utf8').length;
}

function wordEnd(line: string, start: number): number {
  const m = /^[\w.]+/.exec(line.slice(start));
  return start + (m ? m[0].length : Math.min(1, line.length - start));
}

/** `uint64(st.Nlink)` where the compiler says a uint32 is used as a uint64: compiles on both. */
function conversionFix(e: GoError, line: string, start: number): Fix | undefined {
  const m = CANNOT_USE.exec(e.message);
  if (!m || !NUMERIC.test(m[2]) || !NUMERIC.test(m[3])) return undefined;
  const expr = m[1];
  if (line.slice(start, start + expr.length) !== expr) return undefined;
  const range = { start: at(e.line - 1, start), end: at(e.line - 1, start + expr.length) };
  return { title: `Convert to ${m[3]}(${expr})`, edits: [{ range, newText: `${m[3]}(${expr})` }], isPreferred: true };
}

/** A file of the package that defines `name` only for amd64 (`_amd64.go` or a build constraint). */
function amd64Definition(dir: string, name: string): { file: string; line: number } | undefined {
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'));
  } catch {
    return undefined;
  }
  const def = new RegExp(`^(?:func|var|const|type)\\s+${name}\\b|^\\s+${name}\\s*(?:=|\\s+[\\w.*\\[\\]]+\\s*=)`);
  for (const f of files) {
    const p = path.join(dir, f);
    let text: string;
    try {
      text = fs.readFileSync(p, 'utf8');
    } catch {
      continue;
    }
    const constraint = /^\/\/go:build (.+)$/m.exec(text)?.[1] ?? '';
    const amd64Only = /_amd64\.go$/.test(f) || (/\bamd64\b/.test(constraint) && !/!amd64/.test(constraint));
    if (!amd64Only) continue;
    const line = text.split('\n').findIndex((l) => def.test(l));
    if (line >= 0) return { file: p, line };
  }
  return undefined;
}
