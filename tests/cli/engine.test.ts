// The CLI's corpus pass (cli/engine createRecurringPass, fed one document at a time, and
// recurringHits from each text) over the five seed documents: recurring phrases are new multi-word
// formulations, never a word segmentation already returns whole.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalizeForAnalysis } from '../../analysis/normalize';
import type { DocAnalysis, DocFacet } from '../../analysis/types';
import { createEngine, createRecurringPass, mergeRecurring, recurringHits } from '../../cli/engine';

const SEEDS = path.join(__dirname, '../fixtures/seeds');

describe('createRecurringPass on the seeds', () => {
  let analyses: DocAnalysis[];
  let recurring: string[];
  const files = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();
  beforeAll(async () => {
    const engine = await createEngine({ userLexicon: [], userStopwords: [] });
    const files = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();
    const pass = createRecurringPass(engine);
    // Each seed its own issuer, so the two-organisation rule never hides a phrase here.
    const facets: DocFacet[] = files.map((f, i) => ({ docId: f, title: f, org: `机关${i}`, year: 2024, docType: '', date: '' }));
    analyses = files.map((f, i) => {
      const { analysis, tokenized } = engine.analyzeWithTokens(f, readFileSync(path.join(SEEDS, f), 'utf8'));
      pass.add(f, facets[i]!, tokenized, analysis.terms.map(([t]) => t));
      return analysis;
    });
    const phrases = pass.finish(facets);
    expect(phrases).not.toBeNull();
    for (const a of analyses) {
      const known = new Set(a.formulations.map((h) => h.text));
      a.formulations.push(...recurringHits(readFileSync(path.join(SEEDS, a.docId), 'utf8'), phrases!.map((p) => p.text), known));
    }
    recurring = analyses.flatMap((a) => a.formulations.filter((h) => h.kind === 'recurring').map((h) => h.text));
  }, 60_000);

  it('finds recurring phrases at all (the pass ran)', () => {
    expect(recurring.length).toBeGreaterThan(0);
  });

  it('does not run with fewer than two named organisations', async () => {
    const engine = await createEngine({ userLexicon: [], userStopwords: [] });
    const pass = createRecurringPass(engine);
    const facets: DocFacet[] = files.map((f) => ({ docId: f, title: f, org: '同一机关', year: 2024, docType: '', date: '' }));
    for (const f of files) pass.add(f, { org: '同一机关', year: 2024 }, engine.analyzeWithTokens(f, readFileSync(path.join(SEEDS, f), 'utf8')).tokenized, []);
    expect(pass.finish(facets)).toBeNull();
    expect(mergeRecurring(engine, [pass.state()], facets)).toBeNull();
  }, 60_000);

  it('per-thread passes merged in any order find what one pass over the whole corpus finds', async () => {
    const engine = await createEngine({ userLexicon: [], userStopwords: [] });
    const facets: DocFacet[] = files.map((f, i) => ({ docId: f, title: f, org: `机关${i}`, year: 2020 + i, docType: '', date: '' }));
    const one = createRecurringPass(engine);
    const [even, odd] = [createRecurringPass(engine), createRecurringPass(engine)];
    files.forEach((f, i) => {
      const { analysis, tokenized } = engine.analyzeWithTokens(f, readFileSync(path.join(SEEDS, f), 'utf8'));
      const terms = analysis.terms.map(([t]) => t);
      one.add(f, facets[i]!, tokenized, terms);
      (i % 2 ? odd : even).add(f, facets[i]!, tokenized, terms);
    });
    const whole = one.finish(facets);
    expect(whole?.length).toBeGreaterThan(0);
    expect(mergeRecurring(engine, [one.state()], facets)).toEqual(whole);
    // States go through structured cloning between threads: clone them as postMessage does.
    const states = [structuredClone(even.state()), structuredClone(odd.state())];
    expect(mergeRecurring(engine, states, facets)).toEqual(whole);
    expect(mergeRecurring(engine, [...states].reverse(), facets)).toEqual(whole);
  }, 60_000);

  it('never reports a single segmented word of the documents as recurring', () => {
    const words = new Set(analyses.flatMap((a) => a.terms.map(([t]) => t)));
    const single = [...new Set(recurring)].filter((t) => words.has(t));
    expect(single).toEqual([]);
    // Ordinary dictionary words the seeds share (each in three or more of them):
    for (const w of ['形式主义', '官僚主义', '党员干部', '充分发挥']) {
      // (Lexicon entries are now matched before segmentation, so 形式主义 may be inside the single
      // token 形式主义、官僚主义: the seeds still share each word as text.)
      const docs = files.filter((f) => readFileSync(path.join(SEEDS, f), 'utf8').includes(w)).length;
      expect(docs, w).toBeGreaterThanOrEqual(3);
      expect(recurring, w).not.toContain(w);
    }
  });

  it('counts each recurring hit as its occurrences in the normalised text of its document', () => {
    for (const a of analyses) {
      const text = normalizeForAnalysis(readFileSync(path.join(SEEDS, a.docId), 'utf8'));
      for (const h of a.formulations.filter((f) => f.kind === 'recurring')) {
        expect(h.count, h.text).toBe(text.split(h.text).length - 1);
        expect(h.count, h.text).toBeGreaterThan(0);
      }
    }
  });
});

describe('createEngine ngrams', () => {
  it('word sequences of 2..n words, never across punctuation or a stopword; empty text gives none', async () => {
    const engine = await createEngine({ userLexicon: [], userStopwords: [] });
    const grams = engine.ngrams('加强党员教育。\n加强党员教育。\n提升服务水平的质量。', 3);
    const get = (g: string) => grams.find(([t]) => t === g);
    expect(get('加强党员')).toEqual(['加强党员', 2, 2]);
    expect(get('党员教育')).toEqual(['党员教育', 2, 2]);
    expect(get('加强党员教育')).toEqual(['加强党员教育', 3, 2]);
    expect(get('提升服务水平')).toEqual(['提升服务水平', 2, 1]);
    const texts = grams.map(([t]) => t);
    expect(texts.some((t) => t.includes('教育加强') || t.includes('教育提升'))).toBe(false);
    expect(texts.some((t) => t.includes('的'))).toBe(false);
    for (const [, n] of grams) expect([2, 3]).toContain(n);
    expect(engine.ngrams('', 3)).toEqual([]);
  }, 30_000);
});
