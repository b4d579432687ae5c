// Per-document hits of recurring phrases, counted as occurrences by the counting model.
import { countIn, matchText } from './counting';
import type { FormulationHit } from './types';

export function recurringHitsByModel(normalizedText: string, phrases: readonly { text: string }[]): FormulationHit[] {
  const key = matchText(normalizedText).key;
  const hits: FormulationHit[] = [];
  for (const p of phrases) {
    const count = countIn(key, p.text);
    if (count > 0) hits.push({ text: p.text, kind: 'recurring', count });
  }
  return hits;
}
