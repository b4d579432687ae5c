// Aggregates kept up to date incrementally give exactly the numbers summed from scratch: a random
// library goes through a random sequence of additions, edits (new analysis, new year or
// organisation) and deletions, and after every step each incremental answer equals runQuery's on
// the same documents, while the step cost only the documents it touched.
import { describe, expect, it } from 'vitest';
import { at } from '../helpers/at';
import { until } from '../helpers/until';
import type { AnalysedDoc } from '../../analysis/corpus';
import { liveAggregate, type LiveAggregate } from '../../analysis/incremental';
import { runQuery, runTextQuery, type QueryArgs, type QueryKind, type TextSource } from '../../analysis/queries';
import type { DocAnalysis, HeldAnalysis, DocFacet, FormulationHit, FormulationKind } from '../../analysis/types';
import type { RecurringPhrase } from '../../analysis/aggregate';
import { AggregateHost, KEPT_ANSWERS, type FromAggregateWorker } from '../../utils/aggregate-client';
// The bench's seeded generator (mulberry32), so a failure can be replayed.
import { rng as prng } from '../../bench/synth';

const TERMS = Array.from({ length: 40 }, (_, i) => `词${i}`);
/** Formulation texts, each with its kind and category (a text's category is the lexicon's, as within one analysis version). */
const FORMS: { text: string; kind: FormulationKind; category?: string }[] = [
  ...Array.from({ length: 6 }, (_, i) => ({ text: `提法${i}`, kind: 'lexicon' as const, category: `类${i % 3}` })),
  ...Array.from({ length: 4 }, (_, i) => ({ text: `“${i}个坚持”`, kind: 'numbered' as const })),
  ...Array.from({ length: 4 }, (_, i) => ({ text: `引语${i}`, kind: 'quoted' as const })),
  // Found as lexicon in some documents and as quoted in others: the row's kind is the best.
  { text: '提法0', kind: 'quoted' },
];
const ORGS = ['国务院', '中共中央', '北京市', '上海市', '广州市', '国务院·中共中央'];

function randomDoc(rand: () => number, docId: string): AnalysedDoc {
  const terms: [string, number][] = [];
  for (const t of TERMS) if (rand() < 0.3) terms.push([t, 1 + Math.floor(rand() * 9)]);
  const formulations: FormulationHit[] = [];
  for (const f of FORMS) if (rand() < 0.35) formulations.push({ text: f.text, kind: f.kind, category: f.category, count: 1 + Math.floor(rand() * 4) } as FormulationHit);
  // A number formula mostly found inside a longer one (a truncated twin, left out of the rows) in
  // some libraries and not in others, as documents come and go. Drawn from a generator of their own,
  // so the rest of each document is what the other tests expect.
  const own = prng(Number(docId) * 7919 + Math.floor(rand() * 1000));
  if (own() < 0.5) {
    const count = 1 + Math.floor(own() * 4);
    formulations.push({ text: '三管三必', kind: 'numbered', count });
    if (own() < 0.8) formulations.push({ text: '三管三必须', kind: 'quoted', count: own() < 0.5 ? count : 1, occurrences: count + 1 });
  }
  const chars = 500 + Math.floor(rand() * 20_000);
  const analysis: DocAnalysis = { docId, version: 'v', chars, terms, formulations, outline: [], stats: { chars, paragraphs: 1, sentences: 1, meanSentenceLength: 1 } };
  return { facet: randomFacet(rand, docId), analysis };
}

function randomFacet(rand: () => number, docId: string): DocFacet {
  const r = rand();
  // Some documents have no year but a dated day (counted under the date's year), some neither.
  const year = r < 0.8 ? 2000 + Math.floor(rand() * 12) : null;
  const date = r >= 0.8 && r < 0.9 ? `20${10 + Math.floor(rand() * 5)}-03-01` : '';
  return { docId, title: `文件${docId}`, org: rand() < 0.1 ? '' : ORGS[Math.floor(rand() * ORGS.length)]!, year, docType: '', date };
}

const RECURRING: RecurringPhrase[] = [
  { text: '引语1', kind: 'recurring', count: 3, standalone: 0, docs: 2, orgs: 2, orgNames: ['a', 'b'], firstYear: 2001, lastYear: 2002, docIds: [] },
  { text: '新出现的说法', kind: 'recurring', count: 5, standalone: 1, docs: 3, orgs: 2, orgNames: ['a', 'b'], firstYear: 2003, lastYear: 2005, docIds: [] },
];

const QUERIES: [QueryKind, unknown][] = [
  ['topTerms', { n: 5, measure: 'count' }],
  ['topTerms', { n: 12, measure: 'docs' }],
  ['topTerms', { n: 100, measure: 'per10k' }],
  ['trendSeries', { terms: ['提法0', '词3', '“1个坚持”', '没有的词'], measure: 'per10k', split: false }],
  ['trendSeries', { terms: ['提法2', '词7'], measure: 'share', split: false }],
  ['formulationRows', {}],
  ['formulationRows', { recurring: RECURRING }],
];

function shuffled<T>(xs: readonly T[], rand: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('incremental aggregates', () => {
  it('equal the from-scratch answers after every step of a random sequence of add, edit and delete', () => {
    for (const seed of [1, 2]) {
      const rand = prng(seed);
      const library = new Map<string, AnalysedDoc>();
      let next = 1;
      for (; next <= 30; next++) library.set(String(next), randomDoc(rand, String(next)));
      const lives = QUERIES.map(([kind, args]) => liveAggregate(kind, args as QueryArgs<typeof kind>) as LiveAggregate<unknown>);
      expect(lives.every((l) => l !== null)).toBe(true);
      for (const live of lives) live.update([...library.values()]);
      for (let step = 0; step < 60; step++) {
        const r = rand();
        const ids = [...library.keys()];
        if (r < 0.35 || ids.length < 3) {
          const id = String(next++);
          library.set(id, randomDoc(rand, id));
        } else if (r < 0.55) {
          // Edited text: a new stored analysis (a new object), same facet.
          const id = ids[Math.floor(rand() * ids.length)]!;
          const fresh = randomDoc(rand, id);
          library.set(id, { facet: library.get(id)!.facet, analysis: fresh.analysis });
        } else if (r < 0.75) {
          // Edited metadata: a new facet (another year or organisation), same analysis.
          const id = ids[Math.floor(rand() * ids.length)]!;
          library.set(id, { facet: randomFacet(rand, id), analysis: library.get(id)!.analysis });
        } else {
          library.delete(ids[Math.floor(rand() * ids.length)]!);
        }
        const docs = [...library.values()];
        QUERIES.forEach(([kind, args], i) => {
          const live = at(lives, i);
          // The live side sees the documents in another order each time: order must not matter.
          const cost = live.update(shuffled(docs, rand));
          expect(cost.rebuilt, `${kind} step ${step}`).toBe(false);
          expect(cost.added + cost.removed, `${kind} step ${step}`).toBeLessThanOrEqual(2);
          expect(live.result(), `seed ${seed} step ${step}: ${kind} ${JSON.stringify(args)}`).toEqual(runQuery(kind, [docs], args as QueryArgs<typeof kind>));
        });
      }
    }
  });

  it('follow a filter: a narrower set takes documents out, a very different one starts afresh', () => {
    const rand = prng(7);
    const docs = Array.from({ length: 60 }, (_, i) => randomDoc(rand, String(i + 1)));
    const live = liveAggregate('formulationRows', {})!;
    live.update(docs);
    const recent = docs.filter((d) => (d.facet.year ?? 0) >= 2004);
    const cost = live.update(recent);
    expect(cost).toEqual({ added: 0, removed: docs.length - recent.length, rebuilt: false });
    expect(live.result()).toEqual(runQuery('formulationRows', [recent], {}));
    const few = docs.slice(0, 5);
    expect(live.update(few).rebuilt).toBe(true);
    expect(live.result()).toEqual(runQuery('formulationRows', [few], {}));
  });

  it('the aggregation worker answers one changed document by updating its totals, not by summing the library again', async () => {
    const rand = prng(11);
    const docs = Array.from({ length: 200 }, (_, i) => randomDoc(rand, String(i + 1)));
    const answers = new Map<number, unknown>();
    const host = new AggregateHost((m: FromAggregateWorker) => {
      if (m.type === 'result') answers.set(m.id, m.value);
    });
    host.receive({ type: 'update', facets: docs.map((d) => d.facet), analyses: docs.map((d) => d.analysis), refs: [], removed: [], removedAnalyses: [] });
    const ids = () => [[...host.facets.keys()]];
    const ask = async (id: number, kind: QueryKind, args: unknown) => {
      host.receive({ type: 'query', id, kind, sets: ids(), args });
      for (let i = 0; i < 100 && !answers.has(id); i++) await new Promise((r) => setTimeout(r, 1));
      return answers.get(id);
    };
    const args = { n: 20, measure: 'count' };
    await ask(1, 'topTerms', args);
    expect(host.stats).toMatchObject({ added: 200, removed: 0 });
    // The text of one document changes: a new analysis arrives for it.
    const edited = { ...randomDoc(rand, '17').analysis };
    host.receive({ type: 'update', facets: [], analyses: [edited], refs: [], removed: [], removedAnalyses: [] });
    // And one is deleted.
    host.receive({ type: 'update', facets: [], analyses: [], refs: [], removed: ['42'], removedAnalyses: [] });
    const value = await ask(2, 'topTerms', args);
    expect(host.stats).toMatchObject({ added: 201, removed: 2, rebuilt: 0, fromScratch: 0 });
    const now = host.resolve(ids()[0]!);
    expect(now).toHaveLength(199);
    expect(value).toEqual(runQuery('topTerms', [now], args as QueryArgs<'topTerms'>));
  });
});

describe('what an opening reuses from the last one', () => {
  /** A memo as the worker keeps it (its own database), in memory. */
  function memo(): NonNullable<TextSource['memo']> & { kept: Map<string, unknown> } {
    const kept = new Map<string, unknown>();
    return {
      kept,
      get: (name) => Promise.resolve(structuredClone(kept.get(name))),
      put: (name, value) => (kept.set(name, structuredClone(value)), Promise.resolve()),
      delete: (name) => (kept.delete(name), Promise.resolve()),
    };
  }

  it('the duplicate search of an unchanged library is answered from the kept answer, without reading a text; a changed text is searched again', async () => {
    const body = Array.from({ length: 200 }, (_, i) => `第${i}条：推进依法行政${i % 5}`).join('。');
    const texts: Record<string, string> = { a: body, b: body, c: '另一篇完全不同的文字。'.repeat(30), x: '无关的短文。'.repeat(30) };
    const reads: string[] = [];
    const kept = memo();
    const source = (m: TextSource['memo']): TextSource => ({ readText: (id) => (reads.push(id), Promise.resolve(texts[id] ?? '')), memo: m });
    const docs = ['a', 'b', 'c'].map((docId) => ({ docId, textHash: `h-${docId}` }));
    const first = await runTextQuery('duplicates', [], { docs }, source(kept));
    expect(first.map((m) => [m.docId, m.duplicateOf, m.kind])).toEqual([['b', 'a', 'identical']]);
    expect(reads).toEqual(['a', 'b', 'c']);
    // Another library in between (the in-memory answer and signatures are gone), with a memo of its own.
    await runTextQuery('duplicates', [], { docs: [{ docId: 'x', textHash: 'h-x' }] }, source(memo()));
    reads.length = 0;
    // A new session on the first library: the kept answer, no text read.
    const again = await runTextQuery('duplicates', [], { docs: docs.map((d) => ({ ...d })) }, source(kept));
    expect(again).toEqual(first);
    expect(reads).toEqual([]);
    // b's text edited: the kept answer is for other texts, so the search runs (and keeps its new answer).
    await runTextQuery('duplicates', [], { docs: [{ docId: 'x', textHash: 'h-x' }] }, source(memo()));
    reads.length = 0;
    texts.b = '改过的一篇，与别的都不同。'.repeat(30);
    const edited = [docs[0]!, { docId: 'b', textHash: 'h-b2' }, docs[2]!];
    expect(await runTextQuery('duplicates', [], { docs: edited }, source(kept))).toEqual([]);
    expect(reads).toEqual(['a', 'b', 'c']);
    expect(kept.kept.get('duplicates')).toMatchObject({ value: [] });
  });

  it('analyses read ahead are used by the update that announces them; one replaced meanwhile is read again', async () => {
    const rand = prng(5);
    const docs = Array.from({ length: 6 }, (_, i) => randomDoc(rand, String(i + 1)));
    const stored = new Map(docs.map((d) => [d.facet.docId, { ...d.analysis, textHash: `t${d.facet.docId}` }]));
    const loaded: string[] = [];
    const answers = new Map<number, unknown>();
    const host = new AggregateHost(
      (m: FromAggregateWorker) => {
        if (m.type === 'result') answers.set(m.id, m.value);
      },
      undefined,
      () => (ids) => (loaded.push(...ids), Promise.resolve(ids.map((id) => stored.get(id)))),
    );
    host.receive({ type: 'init', database: 'any' });
    const ref = (id: string) => ({ docId: id, version: stored.get(id)!.version, textHash: stored.get(id)!.textHash });
    host.receive({ type: 'prefetch', refs: docs.map((d) => ref(d.facet.docId)) });
    await until(() => loaded.length, (n) => n === docs.length, 'the analyses read ahead');
    // Document 3's text changes before the documents are known: its new analysis is what counts.
    stored.set('3', { ...stored.get('3')!, textHash: 't3-new', chars: 12345 });
    host.receive({ type: 'update', facets: docs.map((d) => d.facet), analyses: [], refs: docs.map((d) => ref(d.facet.docId)), removed: [], removedAnalyses: [] });
    host.receive({ type: 'query', id: 1, kind: 'topTerms', sets: [docs.map((d) => d.facet.docId)], args: { n: 5, measure: 'count' } });
    for (let i = 0; i < 200 && !answers.has(1); i++) await new Promise((r) => setTimeout(r, 1));
    expect(answers.has(1)).toBe(true);
    expect(loaded).toEqual([...docs.map((d) => d.facet.docId), '3']);
    expect(host.analyses.get('3')?.chars).toBe(12345);
    expect(host.analyses.size).toBe(6);
  });
});

/**
 * A worker host over `docs`, whose stored analyses (`stored`) are read once `readable` settles and
 * whose texts come from `texts`, with the documents announced by reference; answers by query id.
 */
function hostOver(docs: AnalysedDoc[], stored: Map<string, HeldAnalysis & { textHash: string }>, readable: Promise<void>, texts: TextSource) {
  const answers = new Map<number, unknown>();
  const host = new AggregateHost(
    (m: FromAggregateWorker) => {
      if (m.type === 'result') answers.set(m.id, m.value);
    },
    undefined,
    () => async (ids) => {
      await readable;
      return ids.map((id) => stored.get(id));
    },
    () => texts,
  );
  host.receive({ type: 'init', database: 'any' });
  const refs = docs.map((d) => ({ docId: d.facet.docId, version: d.analysis.version, textHash: stored.get(d.facet.docId)!.textHash }));
  host.receive({ type: 'update', facets: docs.map((d) => d.facet), analyses: [], refs, removed: [], removedAnalyses: [] });
  return { host, answers };
}

describe('the text lane', () => {
  it('a text query over no documents starts while analyses load, and the sums are not kept behind a text query', async () => {
    const rand = prng(7);
    const docs = Array.from({ length: 5 }, (_, i) => randomDoc(rand, String(i + 1)));
    const stored = new Map(docs.map((d) => [d.facet.docId, { ...d.analysis, textHash: `t${d.facet.docId}` }]));
    let releaseAnalyses!: () => void;
    const analysesReadable = new Promise<void>((r) => (releaseAnalyses = r));
    let releaseText!: () => void;
    const textReadable = new Promise<void>((r) => (releaseText = r));
    const { host, answers } = hostOver(docs, stored, analysesReadable, {
      readText: async (id) => {
        if (id === '2') await textReadable;
        return id === '2' ? '全面从严治党' : '其他';
      },
    });
    const ids = docs.map((d) => d.facet.docId);
    // The text search needs no analysis: answered while they are still being read.
    host.receive({ type: 'query', id: 1, kind: 'textMatches', sets: [], args: { needle: '其他', docIds: ['1', '3'] } });
    await until(() => answers.get(1), (v) => v !== undefined, 'text search before the analyses');
    expect(answers.get(1)).toEqual(['1', '3']);
    // A text search waiting on a slow text, then a sum: the sum is answered first.
    host.receive({ type: 'query', id: 2, kind: 'textMatches', sets: [], args: { needle: '从严治党', docIds: ids } });
    host.receive({ type: 'query', id: 3, kind: 'topTerms', sets: [ids], args: { n: 5, measure: 'count' } });
    releaseAnalyses();
    await until(() => answers.get(3), (v) => v !== undefined, 'the sum');
    expect(answers.has(2)).toBe(false);
    releaseText();
    await until(() => answers.get(2), (v) => v !== undefined, 'the slow text search');
    expect(answers.get(2)).toEqual(['2']);
  });
});

describe('answers kept across sessions', () => {
  function memoStore() {
    const kept = new Map<string, unknown>();
    return {
      kept,
      memo: { get: async (k: string) => structuredClone(kept.get(k)), put: async (k: string, v: unknown) => void kept.set(k, structuredClone(v)), delete: async (k: string) => void kept.delete(k) },
    };
  }
  const session = (docs: AnalysedDoc[], memo: NonNullable<TextSource['memo']>, stored: Map<string, HeldAnalysis & { textHash: string }>, readable: Promise<void>) =>
    hostOver(docs, stored, readable, { readText: async () => '', memo });

  it('the next opening answers the same question on the same library before its analyses load, and nothing else', async () => {
    const rand = prng(21);
    const docs = Array.from({ length: 8 }, (_, i) => randomDoc(rand, String(i + 1)));
    const stored = new Map(docs.map((d) => [d.facet.docId, { ...d.analysis, textHash: `t${d.facet.docId}` }]));
    const { kept, memo } = memoStore();
    const ids = docs.map((d) => d.facet.docId);
    const args = { n: 5, measure: 'count' };

    const first = session(docs, memo, stored, Promise.resolve());
    first.host.receive({ type: 'query', id: 1, kind: 'topTerms', sets: [ids], args });
    const answer = await until(() => first.answers.get(1), (v) => v !== undefined, 'first session');
    expect(answer).toEqual(runQuery('topTerms', [docs], args as QueryArgs<'topTerms'>));
    await until(() => kept.get('answers-index'), (v) => Array.isArray(v) && v.length === 1, 'answer kept');

    // Next opening: the analyses never finish loading, yet the same question is answered.
    const never = new Promise<void>(() => {});
    const second = session(docs, memo, stored, never);
    second.host.receive({ type: 'query', id: 1, kind: 'topTerms', sets: [ids], args });
    expect(await until(() => second.answers.get(1), (v) => v !== undefined, 'kept answer')).toEqual(answer);
    expect(second.host.kept).toEqual({ hits: 1, misses: 0 });
    // Another question, or the same one on a library where one text changed, waits for the analyses.
    second.host.receive({ type: 'query', id: 2, kind: 'topTerms', sets: [ids], args: { n: 6, measure: 'count' } });
    const changed = new Map(stored);
    changed.set('3', { ...stored.get('3')!, textHash: 't3-new' });
    const third = session(docs, memo, changed, never);
    third.host.receive({ type: 'query', id: 1, kind: 'topTerms', sets: [ids], args });
    await until(() => second.host.kept.misses + third.host.kept.misses, (n) => n === 2, 'two misses');
    expect(second.answers.has(2)).toBe(false);
    expect(third.answers.has(1)).toBe(false);
  });

  it(`keeps the ${KEPT_ANSWERS} answers used last`, async () => {
    const rand = prng(22);
    const docs = Array.from({ length: 3 }, (_, i) => randomDoc(rand, String(i + 1)));
    const stored = new Map(docs.map((d) => [d.facet.docId, { ...d.analysis, textHash: `t${d.facet.docId}` }]));
    const { kept, memo } = memoStore();
    const s = session(docs, memo, stored, Promise.resolve());
    const ids = docs.map((d) => d.facet.docId);
    for (let n = 1; n <= KEPT_ANSWERS + 2; n++) s.host.receive({ type: 'query', id: n, kind: 'topTerms', sets: [ids], args: { n, measure: 'count' } });
    await until(() => kept.get('answers-index'), (v) => Array.isArray(v) && v.length === KEPT_ANSWERS && s.answers.size === KEPT_ANSWERS + 2, 'answers kept');
    // The two used first are deleted: the index and the answers it names are all that is left.
    await until(() => kept.size, (n) => n === KEPT_ANSWERS + 1, 'two evicted');
    const oldest = s.host.answerName({ kind: 'topTerms', sets: [ids], args: { n: 1, measure: 'count' } });
    expect(kept.has(oldest)).toBe(false);
    expect([...kept.keys()].filter((k) => k !== 'answers-index').sort()).toEqual([...(kept.get('answers-index') as string[])].sort());
  });
});
