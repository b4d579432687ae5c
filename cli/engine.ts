// The analysis setup of one CLI run: lexicon (built-in + the user's), stopwords, the Node jieba
// segmenter, and the corpus-level pass. The single place where the CLI meets analysis/'s API, so a
// change there is absorbed here. An Engine analyses one document at a time and keeps nothing of
// it: each worker thread of a run has its own, and the corpus pass (recurring phrases) gets the
// documents' tokens in input order on the main thread.

import { analysisVersion, analyzeDocumentWithTokens, type AnalysisContext } from '../analysis/analyze';
import { recurringHitsByModel } from '../analysis/recurring-hits';
import { MAX_ENTRIES, RecurringCollector, type RankedRecurring, type RecurringFacet, type RecurringState } from '../analysis/recurring';
import { DEFAULT_LEXICON, lexiconForms, mergeLexicon, type Lexicon } from '../analysis/lexicon';
import { normalizeForAnalysis } from '../analysis/normalize';
import type { Segmenter, Tokenized } from '../analysis/segment';
import { DEFAULT_STOPWORDS } from '../analysis/stopwords';
import type { DocAnalysis, DocFacet, FormulationHit } from '../analysis/types';
import { ngrams as wordNgrams } from '../analysis/terms';
import { collectGarbage } from './gc';
import { createNodeSegmenter } from './node-segmenter';

/** A line of the user's --lexicon file: `term` or `term|alias|alias`, optionally a tab and a category. */
export interface UserLexiconEntry {
  term: string;
  category?: string;
}

/** What a run is set up with: the same in every worker thread and on the main thread. */
export interface EngineOptions {
  userLexicon: UserLexiconEntry[];
  userStopwords: string[];
}

/** Lexicon, stopwords and version of a run: no segmenter (the main thread never segments). */
export interface AnalysisSetup {
  lexicon: Lexicon;
  stopwords: Set<string>;
  /** Canonical terms of every lexicon entry (built-in and user): the rows trends.csv always has. */
  lexiconTerms: string[];
  /** analysisVersion of this setup (code, lexicon, stopwords): written to run.json for reproducibility. */
  version: string;
}

export interface Engine extends AnalysisSetup {
  analyze(docId: string, text: string): DocAnalysis;
  /** analyze, also giving the normalised text and its tokens (for duplicates and the corpus pass). */
  analyzeWithTokens(docId: string, text: string): { analysis: DocAnalysis; text: string; tokenized: Tokenized };
  /**
   * Word n-grams of 2 to maxWords words of a text, as [joined words, words, count], most frequent first
   * within each length. Segments the text again (only asked for with --ngrams); stopwords break a sequence.
   */
  ngrams(text: string, maxWords: number): [string, number, number][];
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

export function createSetup(opts: EngineOptions): AnalysisSetup {
  const lexicon = opts.userLexicon.length ? mergeLexicon(DEFAULT_LEXICON, userLexicon(opts.userLexicon)) : DEFAULT_LEXICON;
  const stopwords = new Set([...DEFAULT_STOPWORDS, ...opts.userStopwords.filter(Boolean)]);
  return { lexicon, stopwords, lexiconTerms: lexicon.map((e) => e.term), version: analysisVersion(lexicon, [], stopwords) };
}

export function createEngine(opts: EngineOptions): Promise<Engine> {
  const setup = createSetup(opts);
  const { lexicon, stopwords } = setup;
  const ctx: AnalysisContext = { segmenter: createNodeSegmenter({ lexicon }), lexicon, stopwords, version: setup.version };
  const segmenter: Segmenter = ctx.segmenter;
  const analyzeWithTokens = (docId: string, text: string) => analyzeDocumentWithTokens({ docId, text }, ctx);
  return Promise.resolve({
    ...setup,
    analyze: (docId, text) => analyzeWithTokens(docId, text).analysis,
    analyzeWithTokens,
    ngrams(text, maxWords) {
      const tokens: string[] = [];
      // Line by line, as analyzeDocument segments: no n-gram spans a line break.
      for (const line of normalizeForAnalysis(text).split('\n')) {
        if (!line) continue;
        for (const t of segmenter.cut(line)) tokens.push(t);
        tokens.push('\n');
      }
      const out: [string, number, number][] = [];
      for (let n = 2; n <= maxWords; n++) for (const [gram, count] of wordNgrams(tokens, n, stopwords)) out.push([gram, n, count]);
      return out;
    },
  });
}

/**
 * The corpus pass for `recurring` formulations: one RecurringCollector (analysis/recurring) that the
 * main thread feeds each document's tokens in input order, whichever thread segmented it, with its
 * terms of four or more characters for the set of ordinary words. Holds no texts.
 */
export interface RecurringPass {
  /** One document's tokens, with the organisation and year it counts for (the collector keeps no per-document lists). */
  add(docId: string, facet: RecurringFacet, tokenized: Tokenized, terms: Iterable<string>): void;
  /** What this pass collected, as plain data (to merge passes of several threads: mergeRecurring). */
  state(): RecurringPassState;
  /** The recurring phrases of what was added, best first, ranked on this pass's own collector (no copy); see mergeRecurring. */
  finish(facets: readonly DocFacet[]): RankedRecurring[] | null;
}

/** What the recurring pass collected, as plain data (structured-clone safe). */
export interface RecurringPassState {
  collector: RecurringState;
  words: string[];
  orgs: string[];
}

function collectorFor(setup: AnalysisSetup, maxEntries = MAX_ENTRIES): RecurringCollector {
  return new RecurringCollector({ stopwords: setup.stopwords, exclude: new Set(lexiconForms(setup.lexicon).keys()), maxEntries });
}

/**
 * Candidate slots the recurring pass holds at most: MAX_ENTRIES, or TIFA_RECURRING_MAX_ENTRIES when
 * set to a whole number (a smaller cap bounds memory on a huge corpus and prunes earlier).
 */
export function recurringCap(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.TIFA_RECURRING_MAX_ENTRIES);
  return Number.isInteger(n) && n > 0 ? n : MAX_ENTRIES;
}

export function createRecurringPass(setup: AnalysisSetup): RecurringPass {
  const cap = recurringCap();
  const collector = collectorFor(setup, cap);
  const words = new Set<string>();
  const orgs = new Set<string>();
  return {
    add(docId, facet, tokenized, terms) {
      const prunes = collector.prunes;
      const held = collector.size;
      collector.add(docId, tokenized, facet);
      // A prune that dropped a large share of the candidates left their strings as garbage in the
      // old generation, which V8 would let pile up (cli/gc.ts): collected at once.
      if (collector.prunes !== prunes && held - collector.size >= cap / 4) collectGarbage();
      for (const t of terms) if (t.length >= 4) words.add(t);
      const o = (facet.org ?? '').trim();
      if (o) orgs.add(o);
    },
    state: () => ({ collector: collector.state(), words: [...words], orgs: [...orgs] }),
    finish: (facets) => rankRecurring(collector, words, orgs, facets),
  };
}

/** The ranked phrases of a collector, or null with fewer than RECURRING_MIN_ORGS named organisations. */
function rankRecurring(collector: RecurringCollector, words: Set<string>, orgs: ReadonlySet<string>, facets: readonly DocFacet[]): RankedRecurring[] | null {
  // A recurring phrase must come from at least RECURRING_MIN_ORGS organisations: with fewer named
  // organisations nothing can qualify.
  if (orgs.size < RECURRING_MIN_ORGS) return null;
  // As the dashboard does: a phrase that segmentation already returns as one word (形式主义,
  // 党员干部) is an ordinary dictionary word, not a formulation someone coined.
  return collector.finish(facets, { minOrgs: RECURRING_MIN_ORGS, words });
}

/**
 * The recurring phrases of a corpus from the states of its passes, merged in the order given (every
 * statistic is a sum or a union: the order matters only once the collectors had to prune); null
 * when the pass cannot run (fewer than two named organisations). Which documents hold each one is
 * found by counting it in each text (recurringHits), as the dashboard does.
 */
export function mergeRecurring(setup: AnalysisSetup, states: readonly RecurringPassState[], facets: readonly DocFacet[]): RankedRecurring[] | null {
  const orgs = new Set<string>();
  for (const s of states) for (const o of s.orgs) orgs.add(o);
  if (orgs.size < RECURRING_MIN_ORGS) return null;
  // Room for every state given: what no pass had to prune is merged exactly.
  const collector = collectorFor(setup, recurringCap() * Math.max(1, states.length));
  const words = new Set<string>();
  for (const s of states) {
    collector.merge(s.collector);
    for (const w of s.words) words.add(w);
  }
  return rankRecurring(collector, words, orgs, facets);
}

/**
 * The recurring hits of one document: its phrases not already found as another kind (one hit per
 * text and document: a phrase found as quoted or numbered keeps that kind), counted as occurrences
 * in its normalised text. Only phrases that occur are hits.
 */
export function recurringHits(cleanedText: string, phrases: readonly string[], known: ReadonlySet<string>): FormulationHit[] {
  const fresh = phrases.filter((p) => !known.has(p)).map((text) => ({ text }));
  return fresh.length ? recurringHitsByModel(normalizeForAnalysis(cleanedText), fresh) : [];
}
