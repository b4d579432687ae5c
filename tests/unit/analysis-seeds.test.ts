// The five seed documents (real 党建工作要点), analysed end to end with the Node jieba.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeDocument, analysisVersion } from '../../analysis/analyze';
import { matchText } from '../../analysis/counting';
import { DEFAULT_LEXICON } from '../../analysis/lexicon';
import { normalizeForAnalysis } from '../../analysis/normalize';
import { DEFAULT_STOPWORDS } from '../../analysis/stopwords';
import type { DocAnalysis } from '../../analysis/types';
import { createTestContext } from '../helpers/segmenter';
import { at } from '../helpers/at';

const DIR = join(__dirname, '../fixtures/seeds');
const files = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort();
const raw = new Map(files.map((f) => [f, readFileSync(join(DIR, f), 'utf8')]));
const byPrefix = (p: string) => files.find((f) => f.startsWith(p))!;

let results: Map<string, DocAnalysis>;
beforeAll(() => {
  const ctx = createTestContext();
  results = new Map(files.map((f) => [f, analyzeDocument({ docId: f, text: raw.get(f)! }, ctx)]));
});

const hit = (a: DocAnalysis, text: string) => a.formulations.find((h) => h.text === text);

describe('seed 000', () => {
  it('has 三会一课 twice, 第一议题 once, and no 两个维护 (lexicon kind)', () => {
    const a = results.get(byPrefix('000'))!;
    expect(hit(a, '三会一课')).toMatchObject({ kind: 'lexicon', count: 2, category: 'institution' });
    expect(hit(a, '第一议题')).toMatchObject({ kind: 'lexicon', count: 1 });
    expect(hit(a, '两个维护')).toBeUndefined();
  });

  it('has three top-level headings, each with its numbered items below', () => {
    const a = results.get(byPrefix('000'))!;
    const top = a.outline.filter((h) => h.level === 1);
    expect(top.map((h) => h.marker)).toEqual(['一、', '二、', '三、']);
    expect(top[0]?.text).toBe('强化政治引领，筑牢理想信念的思想根基');
    const second = a.outline.filter((h) => h.level === 2);
    expect(second.length).toBe(11);
    expect(second[0]).toMatchObject({ marker: '1.', text: '突出抓好政治建设' });
    const norm = normalizeForAnalysis(raw.get(byPrefix('000'))!);
    for (const h of a.outline) expect(norm.slice(h.offset).startsWith(h.marker)).toBe(true);
  });

  it('has body statistics consistent with its text', () => {
    const a = results.get(byPrefix('000'))!;
    const norm = normalizeForAnalysis(raw.get(byPrefix('000'))!);
    expect(a.chars).toBe(norm.replace(/\s/g, '').length);
    expect(a.stats.paragraphs).toBe(norm.split('\n').length);
    expect(a.stats.sentences).toBeGreaterThan(a.stats.paragraphs);
    expect(a.stats.meanSentenceLength).toBeCloseTo(a.chars / a.stats.sentences, 1);
    // Every seed carries the one version of the context that analysed it.
    expect(new Set([...results.values()].map((r) => r.version))).toEqual(new Set([a.version]));
  });
});

describe('analysisVersion', () => {
  const base = analysisVersion(DEFAULT_LEXICON, ['红旗领航'], DEFAULT_STOPWORDS);
  const entry = at(DEFAULT_LEXICON, 0);

  it('is a code version plus a hash, stable for an equal setup in any order, with duplicates', () => {
    expect(base).toMatch(/^a\d+-[0-9a-f]{16}$/);
    expect(analysisVersion([...DEFAULT_LEXICON].reverse(), ['红旗领航', '红旗领航'], [...DEFAULT_STOPWORDS].reverse())).toBe(base);
    const reordered = DEFAULT_LEXICON.map((e) => ({ ...e, aliases: [...e.aliases].reverse() }));
    expect(analysisVersion(reordered, ['红旗领航'], new Set(DEFAULT_STOPWORDS))).toBe(base);
  });

  it.each([
    ['a lexicon entry added', () => analysisVersion([...DEFAULT_LEXICON, { term: '__proto__', category: 'user', aliases: [] }], ['红旗领航'], DEFAULT_STOPWORDS)],
    ['a lexicon entry removed', () => analysisVersion(DEFAULT_LEXICON.slice(1), ['红旗领航'], DEFAULT_STOPWORDS)],
    ['a category changed', () => analysisVersion([{ ...entry, category: entry.category + 'x' }, ...DEFAULT_LEXICON.slice(1)], ['红旗领航'], DEFAULT_STOPWORDS)],
    ['an alias added', () => analysisVersion([{ ...entry, aliases: [...entry.aliases, '别称'] }, ...DEFAULT_LEXICON.slice(1)], ['红旗领航'], DEFAULT_STOPWORDS)],
    ['a user word added', () => analysisVersion(DEFAULT_LEXICON, ['红旗领航', 'constructor'], DEFAULT_STOPWORDS)],
    ['user words removed', () => analysisVersion(DEFAULT_LEXICON, [], DEFAULT_STOPWORDS)],
    ['a stopword added', () => analysisVersion(DEFAULT_LEXICON, ['红旗领航'], [...DEFAULT_STOPWORDS, '__proto__'])],
    ['a stopword removed', () => analysisVersion(DEFAULT_LEXICON, ['红旗领航'], [...DEFAULT_STOPWORDS].slice(1))],
  ])('changes when %s', (_what, changed) => {
    expect(changed()).not.toBe(base);
  });
});

describe('lexicon counts are substring counts (every entry, every seed)', () => {
  it('equals the number of non-overlapping occurrences of the entry forms in the normalised text', () => {
    for (const f of files) {
      // The counting model searches the normalised text with line breaks, spaces and quote marks
      // left out (analysis/counting matchText): the substring count is taken on that text.
      const norm = matchText(normalizeForAnalysis(raw.get(f)!)).key;
      const a = results.get(f)!;
      for (const e of DEFAULT_LEXICON) {
        const got = hit(a, e.term)?.count ?? 0;
        // Independent count: mark characters covered by any form, greedily from the left, longest first.
        const covered = new Array<boolean>(norm.length).fill(false);
        let expected = 0;
        const forms = [e.term, ...e.aliases].sort((x, y) => y.length - x.length);
        for (let i = 0; i < norm.length; i++) {
          if (covered[i]) continue;
          const form = forms.find((fm) => norm.startsWith(fm, i));
          if (!form) continue;
          expected++;
          for (let k = i; k < i + form.length; k++) covered[k] = true;
        }
        if (e.aliases.length === 0) expect(got, `${f} ${e.term}`).toBe(norm.split(e.term).length - 1);
        expect(got, `${f} ${e.term}`).toBe(expected);
      }
    }
  });
});

describe('discovery on the seeds', () => {
  const lexiconForms = new Set(DEFAULT_LEXICON.flatMap((e) => [e.term, ...e.aliases]));
  const discovered = (kind: 'quoted' | 'numbered') =>
    new Set([...results.values()].flatMap((a) => a.formulations.filter((h) => h.kind === kind).map((h) => h.text)));

  it('finds quoted formulations that are not in the lexicon', () => {
    const quoted = discovered('quoted');
    for (const t of ['红旗领航', '教育强区', '火红年代', '开放再出发', '学思践悟', '双目标管理']) {
      expect(lexiconForms.has(t), t).toBe(false);
      expect(quoted.has(t) || discovered('numbered').has(t), t).toBe(true);
    }
    expect(quoted.has('红旗领航')).toBe(true);
    expect(quoted.has('开放再出发')).toBe(true);
  });

  it('finds number formulas that are not in the lexicon, by pattern', () => {
    const numbered = discovered('numbered');
    for (const t of ['四个以学', '1+10+N', '十个必谈', '十个清楚', '两张皮', '双推双评三全程', '一校一品']) {
      expect(lexiconForms.has(t), t).toBe(false);
      expect(numbered.has(t), t).toBe(true);
    }
    // 「一把手」 and 「一盘棋」 are ordinary words with 一: neither number formulas nor, quoted, formulations.
    for (const t of ['一把手', '一盘棋']) {
      expect(numbered.has(t), t).toBe(false);
      expect(discovered('quoted').has(t), t).toBe(false);
    }
    // 「双推双评三全程」 is the formula as quoted; its truncated twin 双推双评 never occurs alone.
    expect(numbered.has('双推双评')).toBe(false);
  });

  it('reports lexicon formulations under the lexicon kind only, never again as discovered', () => {
    for (const a of results.values()) {
      const texts = a.formulations.map((h) => h.text);
      expect(new Set(texts).size).toBe(texts.length);
      for (const h of a.formulations) if (h.kind !== 'lexicon') expect(lexiconForms.has(h.text), h.text).toBe(false);
    }
  });

  it('does not fire on ordinals, enumerations and vague quantities', () => {
    const all = [...discovered('numbered'), ...discovered('quoted')];
    for (const bad of ['第一', '一是', '二是', '一些', '一个', '第一种', '一批']) expect(all, bad).not.toContain(bad);
    for (const t of all) expect(t.length).toBeGreaterThanOrEqual(2);
  });

  it('finds 头雁振飞 inside a longer quoted name', () => {
    const quoted = discovered('quoted');
    expect([...quoted].some((q) => q.startsWith('头雁振飞'))).toBe(true);
  });
});

describe('terms', () => {
  it('are counted after stopwords, most frequent first, lexicon entries whole', () => {
    const a = results.get(byPrefix('003'))!;
    const terms = new Map(a.terms);
    expect(terms.get('两个维护')).toBe(3);
    expect(terms.has('的')).toBe(false);
    expect(terms.has('，')).toBe(false);
    for (let i = 1; i < a.terms.length; i++) expect(at(a.terms, i - 1)[1]).toBeGreaterThanOrEqual(at(a.terms, i)[1]);
  });
});

describe('edge inputs', () => {
  it('empty text, punctuation only, and __proto__/constructor as words', () => {
    const ctx = createTestContext();
    const empty = analyzeDocument({ docId: 'e', text: '' }, ctx);
    expect(empty).toMatchObject({ chars: 0, terms: [], formulations: [], outline: [], stats: { chars: 0, paragraphs: 0, sentences: 0, meanSentenceLength: 0 } });
    const punct = analyzeDocument({ docId: 'p', text: '，。“”！？' }, ctx);
    expect(punct.terms).toEqual([]);
    const proto = analyzeDocument({ docId: 'x', text: '“__proto__”与“constructor”，constructor。' }, ctx);
    expect(new Map(proto.terms).get('constructor')).toBe(2);
  });
});
