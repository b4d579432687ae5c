// Per-document hits of recurring phrases, counted as occurrences by the counting model
// (analysis/counting): non-overlapping left-to-right matches of each phrase in the match text. All
// phrases are matched in one pass of a multi-pattern automaton, so a corpus can be checked for every
// phrase found without knowing beforehand which documents hold which (the collector keeps no lists).
import { matchText } from './counting';
import { PatternAutomaton } from './match';
import type { FormulationHit } from './types';

const automata = new WeakMap<readonly { text: string }[], PatternAutomaton>();

export function recurringHitsByModel(normalizedText: string, phrases: readonly { text: string }[]): FormulationHit[] {
  if (!phrases.length) return [];
  let automaton = automata.get(phrases);
  if (!automaton) automata.set(phrases, (automaton = new PatternAutomaton(phrases.map((p) => p.text))));
  const key = matchText(normalizedText).key;
  // Matches come in order of their end; one pattern's matches all have its length, so that is also
  // the order of their starts.
  const matches = automaton.matchAll(key);
  const ends = new Int32Array(phrases.length);
  const counts = new Int32Array(phrases.length);
  for (const m of matches) {
    if (m.start < ends[m.pattern]!) continue;
    ends[m.pattern] = m.end;
    counts[m.pattern]!++;
  }
  const hits: FormulationHit[] = [];
  const seen = new Set<string>();
  phrases.forEach((p, i) => {
    if (counts[i]! > 0 && !seen.has(p.text)) {
      seen.add(p.text);
      hits.push({ text: p.text, kind: 'recurring', count: counts[i]! });
    }
  });
  return hits;
}
