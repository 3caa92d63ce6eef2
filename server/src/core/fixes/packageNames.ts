// Alpine / RPM package names -> Debian names (server/data/package-names.json, one row per package).
import fs from 'node:fs';
import { findDataFile } from '../data';

interface PackageNames {
  apk: Record<string, string[]>;
  rpm: Record<string, string[]>;
  dropped: Record<string, string>;
}

let table: PackageNames | undefined;

export function packageNames(): PackageNames {
  return (table ??= JSON.parse(fs.readFileSync(findDataFile('package-names.json'), 'utf8')) as PackageNames);
}

export type Mapped = { kind: 'mapped'; names: string[] } | { kind: 'dropped'; why: string } | { kind: 'unknown' };

/** Debian name(s) for an Alpine (`apk`) or RPM package name, without its version pin. */
export function mapPackage(from: 'apk' | 'rpm', name: string): Mapped {
  const t = packageNames();
  const row = Object.prototype.hasOwnProperty.call(t[from], name) ? t[from][name] : undefined;
  if (!row) return { kind: 'unknown' };
  if (row.length === 0) return { kind: 'dropped', why: t.dropped[name] ?? 'not needed on Debian' };
  return { kind: 'mapped', names: row };
}
