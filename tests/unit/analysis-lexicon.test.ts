import { describe, expect, it } from 'vitest';
import { DEFAULT_LEXICON, lexiconForms, mergeLexicon, parseLexicon } from '../../analysis/lexicon';
import { createSegmenter, segmenterWords, type JiebaLike } from '../../analysis/segment';
import { DEFAULT_STOPWORDS, isNoiseToken } from '../../analysis/stopwords';
import { loadNodeJieba } from '../helpers/segmenter';
import { at } from '../helpers/at';

describe('DEFAULT_LEXICON', () => {
  it('has at least 300 entries in several categories, each form belonging to one entry', () => {
    expect(DEFAULT_LEXICON.length).toBeGreaterThanOrEqual(300);
    const categories = new Set(DEFAULT_LEXICON.map((e) => e.category));
    for (const c of ['theory', 'meeting', 'institution', 'slogan', 'campaign', 'policy', 'discipline', 'organisation-building', 'history']) {
      expect(categories).toContain(c);
    }
    const seen = new Map<string, string>();
    for (const e of DEFAULT_LEXICON) {
      for (const f of [e.term, ...e.aliases]) {
        expect(seen.get(f), `${f} in ${e.term} and ${seen.get(f)}`).toBeUndefined();
        seen.set(f, e.term);
      }
    }
  });

  it('covers formulations from the 1950s to the 2020s', () => {
    const terms = new Set(DEFAULT_LEXICON.map((e) => e.term));
    for (const t of ['两个维护', '四个意识', '四个自信', '两个确立', '三会一课', '第一议题', '一岗双责', '四种形态', '三重一大', '五位一体', '四个全面', '新质生产力', '阶级斗争', '改革开放', '中国式现代化', '全面从严治党', '八项规定', '社会主义改造', '四个现代化', '三个代表', '科学发展观', '和谐社会']) {
      expect(terms, t).toContain(t);
    }
  });

  it('folds aliases into their entry', () => {
    const forms = lexiconForms(DEFAULT_LEXICON);
    expect(forms.get('二十大')).toBe('党的二十大');
    expect(forms.get('中共二十大')).toBe('党的二十大');
    expect(forms.get('不忘初心牢记使命')).toBe('不忘初心、牢记使命');
  });
});

describe('parseLexicon / mergeLexicon', () => {
  it('reads term|alias lines and skips comments and blanks', () => {
    expect(parseLexicon('# comment\n\n红旗领航|红旗领航工程\n头雁振飞', 'user')).toEqual([
      { term: '红旗领航', category: 'user', aliases: ['红旗领航工程'] },
      { term: '头雁振飞', category: 'user', aliases: [] },
    ]);
  });

  it('adds new user terms, extends existing ones, and never lets one form belong to two entries', () => {
    const base = [
      { term: '党的二十大', category: 'meeting', aliases: ['二十大'] },
      { term: '两个维护', category: 'slogan', aliases: [] },
    ];
    const merged = mergeLexicon(base, [
      { term: '红旗领航', category: 'campaign', aliases: [] },
      { term: '两个维护', category: '', aliases: ['做到两个维护'] },
      { term: '__proto__', category: 'user', aliases: ['二十大'] },
    ]);
    expect(merged.find((e) => e.term === '红旗领航')?.category).toBe('campaign');
    expect(merged.find((e) => e.term === '两个维护')).toEqual({ term: '两个维护', category: 'slogan', aliases: ['做到两个维护'] });
    expect(merged.find((e) => e.term === '党的二十大')?.aliases).toEqual([]);
    expect(merged.find((e) => e.term === '__proto__')?.aliases).toEqual(['二十大']);
    // The base is not mutated.
    expect(base[0]?.aliases).toEqual(['二十大']);
  });
});

describe('createSegmenter (Node jieba)', () => {
  const jieba = loadNodeJieba();

  it('loads the synchronous Node build, which really segments', () => {
    expect(jieba.cut('我们是中国人', true)).toEqual(['我们', '是', '中国', '人']);
  });

  it('makes lexicon entries single tokens that jieba alone would split', () => {
    const seg = createSegmenter(jieba, { lexicon: DEFAULT_LEXICON });
    const tokens = seg.cut('坚决做到两个维护，严格落实三会一课，以习近平新时代中国特色社会主义思想为指导');
    expect(tokens).toContain('两个维护');
    expect(tokens).toContain('三会一课');
    expect(tokens).toContain('习近平新时代中国特色社会主义思想');
    expect(seg.cut('')).toEqual([]);
  });

  it('adds user words and re-adds every word on each call (one global jieba)', () => {
    const calls: string[] = [];
    const fake: JiebaLike = { cut: (t) => [t], add_word: (w) => (calls.push(w), 1) };
    createSegmenter(fake, { lexicon: [{ term: '两个维护', category: 'slogan', aliases: ['不忘初心、牢记使命'] }], userWords: ['红旗领航', ' '] });
    createSegmenter(fake, { lexicon: [{ term: '两个维护', category: 'slogan', aliases: [] }], userWords: ['红旗领航'] });
    // Forms with punctuation can never be a jieba token and are not added.
    expect(calls).toEqual(['两个维护', '红旗领航', '两个维护', '红旗领航']);
    const seg = createSegmenter(jieba, { lexicon: [], userWords: ['红旗领航'] });
    expect(seg.cut('持续推进红旗领航建设')).toContain('红旗领航');
  });

  it('segmenterWords keeps only forms jieba can form', () => {
    expect(segmenterWords([{ term: '互联网+', category: 'policy', aliases: ['“互联网+”'] }])).toEqual(['互联网+']);
  });
});

describe('stopwords', () => {
  it('lists function words and drops punctuation and numbers by rule', () => {
    expect(DEFAULT_STOPWORDS).toContain('的');
    expect(DEFAULT_STOPWORDS).toContain('一是');
    for (const t of ['，', '。', '“', ' ', '2024', '12.5%', '二十', 'N']) expect(isNoiseToken(t), t).toBe(true);
    for (const t of ['两个维护', '党建', 'constructor']) expect(isNoiseToken(t), t).toBe(false);
  });
});

import { analysisVersion } from '../../analysis/analyze';

describe('analysisVersion', () => {
  it('is stable under reordering and changes with the lexicon, user words or stopwords', () => {
    const lex = [
      { term: '两个维护', category: 'slogan', aliases: [] },
      { term: '党的二十大', category: 'meeting', aliases: ['二十大', '中共二十大'] },
    ];
    const v = analysisVersion(lex, ['红旗领航'], ['的', '了']);
    expect(v).toMatch(/^a\d+-[0-9a-f]{16}$/);
    expect(analysisVersion([...lex].reverse().map((e) => ({ ...e, aliases: [...e.aliases].reverse() })), ['红旗领航'], ['了', '的'])).toBe(v);
    expect(analysisVersion(lex, ['红旗领航'], ['的'])).not.toBe(v);
    expect(analysisVersion(lex, [], ['的', '了'])).not.toBe(v);
    expect(analysisVersion([{ ...at(lex, 0), category: 'theory' }, at(lex, 1)], ['红旗领航'], ['的', '了'])).not.toBe(v);
  });
});
