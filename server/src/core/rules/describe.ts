import { familiarRef, shortImage } from '../imageRef';
import { platformLabel } from '../platform';
import { Suggestion, CheckedUse } from '../types';

export function suggestionText(suggestions: Suggestion[]): string {
  if (suggestions.length === 0) return '';
  return ` Try ${suggestions.map((s) => shortImage(s.image)).join(', or ')}.`;
}

export function useName(c: CheckedUse): string {
  return c.ref ? familiarRef(c.ref) : (c.use.resolved ?? c.use.text);
}

export function label(c: CheckedUse): string {
  return platformLabel(c.platform);
}
