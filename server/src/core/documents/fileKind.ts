// Which parser a file needs, from its name (the language id in the editor may be missing or generic).
import path from 'node:path';

export type FileKind = 'dockerfile' | 'manifest-go' | 'baseimage' | 'yaml';

export function detectFileKind(filePath: string): FileKind | undefined {
  const base = path.basename(filePath);
  const lower = base.toLowerCase();
  if (base === 'manifest.go') return 'manifest-go';
  if (base === 'BASEIMAGE') return 'baseimage';
  if (base === 'Kustomization') return 'yaml';
  if (/\.ya?ml$/i.test(base)) return 'yaml';
  if (lower === 'dockerfile' || lower === 'containerfile') return 'dockerfile';
  if (lower.endsWith('.dockerfile') || lower.endsWith('.containerfile')) return 'dockerfile';
  if (/^(dockerfile|containerfile)\.[^.]+/i.test(base) && !/\.(md|txt|bak|orig|swp|json|ya?ml)$/i.test(base))
    return 'dockerfile';
  return undefined;
}
