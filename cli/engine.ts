// The analysis setup of one CLI run: lexicon (built-in + the user's), stopwords, the Node jieba
// segmenter, and the corpus-level pass. The single place where the CLI meets analysis/'s API, so a
// change there is absorbed here.

import { analysisVersion, analyzeDocumentWithTokens, type AnalysisContext } from '../analysis/analyze';
import { recurringHitsByModel } from '../analysis/recurring-hits';
import { RecurringCollector } from '../analysis/recurring';
import { DEFAULT_LEXICON, lexiconForms, mergeLexicon, type Lexicon } from '../analysis/lexicon';
import { normalizeForAnalysis } from '../analysis/normalize';
import { DEFAULT_STOPWORDS } from '../analysis/stopwords';
import type { DocAnalysis, DocFacet } from '../analysis/types';
import { ngrams as wordNgrams } from '../analysis/terms';
import { createNodeSegmenter } from './node-segmenter';

/** A line of the user's --lexicon file: `term` or `term|alias|alias`, optionally a tab and a category. */
export interface UserLexiconEntry {
  term: string;
  category?: string;
}

export interface Engine {
  /** Canonical terms of every lexicon entry (built-in and user): the rows trends.csv always has. */
  lexiconTerms: string[];
  /** analysisVersion of this setup (code, lexicon, stopwords): written to run.json for reproducibility. */
  version: string;
  analyze(docId: string, text: string): DocAnalysis;
  /**
   * Word n-grams of 2 to maxWords words of a text, as [joined words, words, count], most frequent first
   * within each length. Segments the text again (only asked for with --ngrams); stopwords break a sequence.
   */
  ngrams(text: string, maxWords: number): [string, number, number][];
  /**
   * Corpus pass after every document is analysed: adds `recurring` formulations to the analyses.
   * Returns false when it could not run (fewer than two named organisations).
   */
  addCorpusFormulations(analyses: DocAnalysis[], facets: DocFacet[]): boolean;
  /** Normalised texts of the documents analysed so far (for duplicate detection). */
  cleanedTexts(): { docId: string; text: string }[];
}

/** A slogan "nobody has listed" must be shared by two organisations (also findRecurring's default). */
const RECURRING_MIN_ORGS = 2;

export function userLexicon(entries: readonly UserLexiconEntry[]): Lexicon {
  return entries.map(({ term, category }) => {
    const [head, ...aliases] = term.split('|').map((f) => f.trim()).filter(Boolean);
    // No category: keep a built-in entry's own, and mergeLexicon files new terms under 'user'.
    return { term: head ?? '', category: category ?? '', aliases };
  }).filter((e) => e.term);
}

export async function createEngine(opts: { userLexicon: UserLexiconEntry[]; userStopwords: string[] }): Promise<Engine> {
  const lexicon = opts.userLexicon.length ? mergeLexicon(DEFAULT_LEXICON, userLexicon(opts.userLexicon)) : DEFAULT_LEXICON;
  const stopwords = new Set([...DEFAULT_STOPWORDS, ...opts.userStopwords.filter(Boolean)]);
  const ctx: AnalysisContext = {
    segmenter: createNodeSegmenter({ lexicon }),
    lexicon,
    stopwords,
    version: analysisVersion(lexicon, [], stopwords),
  };
  // Normalised texts kept for the corpus pass (occurrence counts of recurring phrases) and duplicates;
  // the recurring candidates are collected per document as it is analysed (analysis/recurring).
  const texts = new Map<string, string>();
  const collector = new RecurringCollector({ stopwords, exclude: new Set(lexiconForms(lexicon).keys()) });
  const words = new Set<string>();
  return {
    lexiconTerms: lexicon.map((e) => e.term),
    version: ctx.version,
    analyze(docId, text) {
      const { analysis, text: normalized, tokenized } = analyzeDocumentWithTokens({ docId, text }, ctx);
      texts.set(docId, normalized);
      collector.add(docId, tokenized);
      for (const [t] of analysis.terms) if (t.length >= 4) words.add(t);
      return analysis;
    },
    cleanedTexts() {
      return [...texts].map(([docId, text]) => ({ docId, text }));
    },
    ngrams(text, maxWords) {
      const tokens: string[] = [];
      // Line by line, as analyzeDocument segments: no n-gram spans a line break.
      for (const line of normalizeForAnalysis(text).split('\n')) {
        if (!line) continue;
        for (const t of ctx.segmenter.cut(line)) tokens.push(t);
        tokens.push('\n');
      }
      const out: [string, number, number][] = [];
      for (let n = 2; n <= maxWords; n++) for (const [gram, count] of wordNgrams(tokens, n, stopwords)) out.push([gram, n, count]);
      return out;
    },
    addCorpusFormulations(analyses, facets) {
      // A recurring phrase must come from at least RECURRING_MIN_ORGS organisations: with fewer named
      // organisations nothing can qualify, and the n-gram search over the corpus is the costliest step.
      const orgs = new Set(facets.map((f) => f.org.trim()).filter(Boolean));
      if (orgs.size < RECURRING_MIN_ORGS) return false;
      // As the dashboard does: a phrase that segmentation already returns as one word (形式主义,
      // 党员干部) is an ordinary dictionary word, not a formulation someone coined.
      const phrases = collector.finish(facets, { minOrgs: RECURRING_MIN_ORGS, words });
      const byDoc = new Map<string, { text: string }[]>();
      for (const p of phrases) {
        for (const id of p.docIds) {
          const list = byDoc.get(id);
          if (list) list.push(p);
          else byDoc.set(id, [p]);
        }
      }
      for (const a of analyses) {
        const mine = byDoc.get(a.docId);
        if (!mine) continue;
        // One hit per text and document: a phrase already found as quoted or numbered keeps that kind.
        const known = new Set(a.formulations.map((f) => f.text));
        const fresh = mine.filter((p) => !known.has(p.text));
        a.formulations.push(...recurringHitsByModel(texts.get(a.docId) ?? '', fresh));
      }
      return true;
    },
  };
}
