// The analysis configuration the dashboard derives from the user's settings: effective lexicon,
// segmenter words, stopwords and the version stamp that marks stored analyses stale when any of
// them (or the analysis code) changes.
import { DEFAULT_LEXICON, mergeLexicon } from './lexicon';
import { analysisVersion } from './analyze';
import { DEFAULT_STOPWORDS } from './stopwords';
import type { LexiconEntry } from './lexicon';

/** What the analysis worker is configured with; its version stamp marks stored analyses stale. */
export interface AnalysisConfig {
  /** Effective lexicon (built-in merged with the user's entries). */
  lexicon: LexiconEntry[];
  /** Extra words the segmenter must keep whole (user dictionary terms and aliases). */
  userWords: string[];
  /** Effective stopwords (built-in plus the user's). */
  stopwords: string[];
  /** Version stamp written into every analysis made with this configuration. */
  version: string;
}

export interface UserAnalysisSettings {
  lexicon: readonly LexiconEntry[];
  stopwords: readonly string[];
}

export function builtInLexicon(): LexiconEntry[] {
  return DEFAULT_LEXICON.map((e) => ({ term: e.term, category: e.category, aliases: [...e.aliases] }));
}

export function buildAnalysisConfig(user: UserAnalysisSettings): AnalysisConfig {
  const userEntries = user.lexicon.map((e) => ({ term: e.term, category: e.category, aliases: [...e.aliases] }));
  const lexicon = mergeLexicon(DEFAULT_LEXICON, userEntries).map((e) => ({
    term: e.term,
    category: e.category,
    aliases: [...e.aliases],
  }));
  // The user's own terms must stay whole in segmentation even where jieba's dictionary would split them.
  const userWords = [...new Set(userEntries.flatMap((e) => [e.term, ...e.aliases]).filter((w) => w.trim() !== ''))];
  const stopwords = [...new Set([...DEFAULT_STOPWORDS, ...user.stopwords])];
  const version = analysisVersion(lexicon, userWords, stopwords);
  return { lexicon, userWords, stopwords, version };
}
