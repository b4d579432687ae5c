// The analysis configuration the dashboard derives from the user's settings: effective lexicon,
// segmenter words, stopwords and the version stamp that marks stored analyses stale when any of
// them (or the analysis code) changes.
import { DEFAULT_LEXICON, mergeLexicon } from '../../analysis/lexicon';
import { analysisVersion } from '../../analysis/analyze';
import { DEFAULT_STOPWORDS } from '../../analysis/stopwords';
import type { AnalysisConfig } from '../../utils/analysis-client';
import type { LexiconEntryLike } from '../views/types';

export interface UserAnalysisSettings {
  lexicon: readonly LexiconEntryLike[];
  stopwords: readonly string[];
}

export function builtInLexicon(): LexiconEntryLike[] {
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
