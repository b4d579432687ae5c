// Formulation lexicon: types, the loader for the built-in data, and merging with a user lexicon.
import { DEFAULT_LEXICON_SOURCE } from './default';

export interface LexiconEntry {
  /** Canonical form, simplified Chinese. */
  term: string;
  /** theory, meeting, institution, slogan, campaign, policy, discipline, organisation-building… */
  category: string;
  /** Other spellings folded into this entry when counting. */
  aliases: string[];
}

export type Lexicon = LexiconEntry[];

/**
 * Parse the line format of the lexicon data: one entry a line, `term|alias|alias`. Blank lines and
 * lines starting with # are skipped. Exported so a user lexicon can be written the same way.
 */
export function parseLexicon(source: string, category: string): Lexicon {
  const out: Lexicon = [];
  for (const raw of source.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const forms = line
      .split('|')
      .map((f) => f.trim())
      .filter(Boolean);
    const [term, ...aliases] = forms;
    if (term === undefined) continue;
    out.push({ term, category, aliases: [...new Set(aliases)].filter((a) => a !== term) });
  }
  return out;
}

function buildDefault(): Lexicon {
  const out: Lexicon = [];
  for (const [category, source] of Object.entries(DEFAULT_LEXICON_SOURCE)) out.push(...parseLexicon(source, category));
  return out;
}

/** The built-in lexicon (several hundred entries, see ./default.ts). */
export const DEFAULT_LEXICON: Lexicon = buildDefault();

/**
 * Merge a user lexicon into a base one. A user entry whose term (or one of its aliases) is already a
 * term of the base replaces that entry's category when given and adds its aliases; new terms are
 * appended. A form can belong to one entry only: a user alias that is the term or alias of another
 * entry is moved to the user's entry (the user's word wins).
 */
export function mergeLexicon(base: Lexicon, user: Lexicon): Lexicon {
  const entries: LexiconEntry[] = base.map((e) => ({ term: e.term, category: e.category, aliases: [...e.aliases] }));
  const byTerm = new Map<string, LexiconEntry>();
  for (const e of entries) byTerm.set(e.term, e);
  for (const u of user) {
    const term = u.term.trim();
    if (!term) continue;
    let target = byTerm.get(term);
    if (!target) {
      target = { term, category: u.category || 'user', aliases: [] };
      entries.push(target);
      byTerm.set(term, target);
    } else if (u.category) {
      target.category = u.category;
    }
    for (const alias of u.aliases.map((a) => a.trim()).filter(Boolean)) {
      if (alias === target.term || target.aliases.includes(alias)) continue;
      // Take the form away from any other entry so no form is counted twice.
      for (const other of entries) {
        if (other === target) continue;
        other.aliases = other.aliases.filter((a) => a !== alias);
      }
      target.aliases.push(alias);
    }
  }
  // A user term that was an alias elsewhere now stands on its own.
  const terms = new Set(entries.map((e) => e.term));
  for (const e of entries) e.aliases = e.aliases.filter((a) => !terms.has(a) || a === e.term);
  return entries;
}

/** Every form (terms and aliases) → canonical term. */
export function lexiconForms(lexicon: Lexicon): Map<string, string> {
  const forms = new Map<string, string>();
  for (const e of lexicon) {
    if (!forms.has(e.term)) forms.set(e.term, e.term);
    for (const a of e.aliases) if (!forms.has(a)) forms.set(a, e.term);
  }
  return forms;
}
