// Metadata of pages and texts in the styles researchers clip, written for these tests (not taken from
// any site): a WeChat mirror with a 来源 line, a 人民网 theory article with its byline and 人民日报 page,
// a 新华社 dateline speech, speeches that give their year only as an anniversary or a plan year, and
// pages whose posting date differs from the document's own date. Exact expectations for each.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../analysis/document';
import { extractMetadata } from '../../analysis/metadata';
import {
  anniversaryYear,
  congressYearOf,
  nationalSessionYear,
  npcSessionYear,
  outgoingCommitteeYear,
  planPhraseYear,
  planStartYear,
  thisYearIs,
} from '../../analysis/metadata-years';
import { mainPlace } from '../../analysis/metadata-place';
import { bylineAuthor } from '../../analysis/metadata-source';
import type { DocMetadata, PageCapture, PageMeta } from '../../analysis/types';

const DIR = join(__dirname, '../fixtures/metadata-styles');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');

/** A captured page whose article is the fixture text, posted (per its <meta>) on `posted`. */
function page(name: string, posted?: string): DocMetadata {
  const text = read(name);
  const capture: PageCapture = {
    url: 'https://example.org/a.html',
    pageTitle: '',
    articleHtml: '',
    articleText: text,
    pageText: text,
    meta: { tags: posted ? { pubdate: posted } : {}, govInfo: {} },
    capturedAt: '2026-01-01T00:00:00Z',
  };
  return buildDocument(capture).metadata;
}

const pick = (m: DocMetadata) => ({
  title: m.title,
  orgs: m.orgs,
  date: m.date,
  year: m.year,
  yearSource: m.yearSource,
  docType: m.docType,
  author: m.author,
  publication: m.publication,
});

describe('metadata of pages in the styles researchers clip', () => {
  it('WeChat mirror: the 来源 line names the issuer, the 公众号 is the publication, the byline dates it', () => {
    expect(pick(page('wechat-mirror.txt'))).toEqual({
      title: '青川县召开2024年基层党建工作推进会',
      orgs: ['青川县委组织部'],
      date: '2024-07-19', // 「原创 青川组工 2024-07-19 18:30」: the page's own byline
      year: 2024,
      yearSource: 'title',
      docType: '',
      author: '',
      publication: '青川组工',
    });
  });

  it('人民网 theory article: byline author, 人民日报 and its page, the printed date over the posting date', () => {
    expect(pick(page('people-theory.txt', '2024-07-20'))).toEqual({
      title: '坚持和发展新时代“枫桥经验”',
      orgs: [], // a newspaper is where it appeared, not who issued it
      date: '2024-07-19',
      year: 2024,
      yearSource: 'date',
      docType: '',
      author: '徐明远',
      publication: '人民日报 09版',
    });
  });

  it('新华社 dateline speech: the dateline dates it and names the agency; the speaker line names the issuer', () => {
    // Posted the day after; a dateline has no year, the posting date's is used (the year before when
    // the page was posted earlier in the calendar than the dateline).
    expect(pick(page('xinhua-dateline-speech.txt', '2024-07-17'))).toEqual({
      title: '在全省推进新型工业化大会上的讲话',
      orgs: ['江西省人民政府'],
      date: '2024-07-16',
      year: 2024,
      yearSource: 'date',
      docType: '讲话',
      author: '王立新',
      publication: '新华社',
    });
    expect(page('xinhua-dateline-speech.txt', '2025-01-03').date).toBe('2024-07-16');
  });

  it('a speech that gives its year only as 「今年是中国共产党成立100周年」: 2021, not 1921 or the posting year', () => {
    const m = page('centenary-speech.txt', '2024-03-08');
    expect([m.year, m.yearSource, m.docType]).toEqual([2021, 'text', '讲话']);
  });

  it('a speech that gives its year only as 「“十四五”规划开局之年」: 2021', () => {
    const m = page('plan-year-speech.txt', '2024-03-08');
    expect([m.year, m.yearSource]).toEqual([2021, 'text']);
  });

  it('a posting date never overrides the sign-off date', () => {
    const m = page('signed-notice.txt', '2024-03-08');
    expect(pick(m)).toMatchObject({ orgs: ['某某县人民政府办公室'], date: '2023-12-28', year: 2023, yearSource: 'date', docType: '通知' });
  });

  it('a posting date never overrides the dated occasion line; the speaker is the author', () => {
    const m = page('occasion-dated-report.txt', '2024-07-19');
    expect(pick(m)).toMatchObject({ orgs: ['云溪市人民政府'], date: '2024-01-29', year: 2024, yearSource: 'date', docType: '政府工作报告', author: '陈立' });
  });

  it('a page with no date of its own and no year in its text: the year of its posting date', () => {
    const m = extractMetadata('关于开展节前安全检查的通知\n各单位：请于节前完成安全检查，并将检查情况报送办公室，确保节日期间安全稳定，切实保障人民群众生命财产安全。', {
      tags: { pubdate: '2024-03-08' },
      govInfo: {},
    });
    expect([m.date, m.year, m.yearSource]).toEqual(['2024-03-08', 2024, 'date']);
  });
});

describe('years a document gives without writing them', () => {
  it.each([
    [6, 1, 1983],
    [12, 1, 2013],
    [10, 5, 2007],
    [14, 2, 2024],
    [2, 3, 1962],
    [1, 2, 1955],
    [3, 1, 1964],
    [4, 1, 1975],
    [4, 2, null], // the fourth NPC met once
    [12, 6, null],
  ])('NPC term %i session %i → %s', (term, session, year) => {
    expect(npcSessionYear(term, session)).toBe(year);
  });

  it.each([
    [1, 1953],
    [2, 1958],
    [3, 1966], // 1963–65 was an adjustment period outside any plan
    [13, 2016],
    [14, 2021],
    [15, 2026],
  ])('Five-Year Plan %i starts in %i', (n, y) => {
    expect(planStartYear(n)).toBe(y);
  });

  it.each([
    ['建党100周年', 2021],
    ['中国共产党成立一百周年', 2021],
    ['新中国成立75周年', 2024],
    ['中华人民共和国成立七十周年', 2019],
    ['改革开放40周年', 2018],
    ['抗战胜利80周年', 2025],
    ['毛泽东同志诞辰130周年', 2023],
    ['建党周年', null],
  ])('anniversary %s → %s', (s, y) => {
    expect(anniversaryYear(s)).toBe(y);
  });

  it.each([
    ['“十四五”开局之年', 2021],
    ['十四五规划收官之年', 2025],
    ['“十三五”决胜之年', 2020],
    ['关键之年', null],
  ])('plan phrase %s → %s', (s, y) => {
    expect(planPhraseYear(s)).toBe(y);
  });

  it('「今年是」 sentences only: an anniversary recalled elsewhere is not the year', () => {
    expect(thisYearIs('去年我们隆重庆祝了建党100周年。今年是新中国成立75周年。')).toBe(2024);
    expect(thisYearIs('去年我们隆重庆祝了建党100周年。')).toBeNull();
  });

  it.each([
    ['——在中国共产党第十九次全国代表大会上的报告', 2017],
    ['論聯合政府 (七大)', 1945],
    ['北京共产主义组织的报告 (一大)', 1921],
    ['1945年中共七大報告', 1945],
    ['深入学习党的二十大精神', null], // a congress referred to, not the occasion
  ])('congress of %s → %s', (s, y) => {
    expect(congressYearOf(s)).toBe(y);
  });

  it.each([
    ['现在，我代表第十八届中央委员会向大会作报告。', 2017],
    ['我受十二届中央委员会委托，向大会作报告。', 1987],
    ['我代表中央委员会向大会作报告。', null],
  ])('outgoing committee in %s → %s', (s, y) => {
    expect(outgoingCommitteeYear(s)).toBe(y);
  });

  it.each([
    ['第十二届全国人民代表大会第一次会议关于政府工作报告的决议', 2013],
    ['在第十四届全国人民代表大会第二次会议上', 2024],
    ['中国人民政治协商会议第十四届全国委员会第二次会议', null], // written the other way round: not read
    ['第十四届全国人民代表大会常务委员会第八次会议', null], // a standing-committee meeting: many a year
  ])('national session %s → %s', (s, y) => {
    expect(nationalSessionYear(s)).toBe(y);
  });

  it('an NPC resolution and a congress report take their year from the session or congress', () => {
    const r = extractMetadata('第十二届全国人民代表大会第一次会议关于政府工作报告的决议\n第十二届全国人民代表大会第一次会议听取和审议了国务院总理所作的政府工作报告。会议决定批准这个报告。');
    expect([r.year, r.yearSource, r.orgs]).toEqual([2013, 'title', ['全国人民代表大会']]);
    const c = extractMetadata('同志们：\n现在，我代表第十八届中央委员会向大会作报告。\n党的十八大以来，这次大会是在全面建成小康社会决胜阶段召开的一次十分重要的大会。');
    expect([c.year, c.yearSource, c.orgs]).toEqual([2017, 'text', ['中共中央']]);
  });
});

describe('the place a report names most', () => {
  const body = (place: string, n: number, other = '', m = 0) =>
    `各位代表：\n现在，我代表市人民政府，向大会报告工作。\n${`${place}经济持续向好，${place}人民生活改善。`.repeat(n)}${`学习${other}的经验。`.repeat(m)}`;

  it('「我代表市人民政府」 and a city named bare throughout: the government of that city', () => {
    expect(extractMetadata(body('三亚', 6)).orgs).toEqual(['三亚市人民政府']);
  });

  it('a city named no more often than another stays unknown', () => {
    expect(extractMetadata(body('三亚', 5, '海口', 10)).orgs).toEqual([]);
  });

  it('too few mentions stay unknown', () => {
    expect(extractMetadata(body('三亚', 2)).orgs).toEqual([]);
  });

  it('an autonomous prefecture is named in full; a 区 report finds its district', () => {
    const t = `现在，我代表州人民政府，向大会报告工作。\n${'凉山州各族群众同心奋斗，凉山发展迈上新台阶。'.repeat(5)}`;
    expect(extractMetadata(t).orgs).toEqual(['凉山彝族自治州人民政府']);
    expect(mainPlace('黄山区'.repeat(9) + '黄山市'.repeat(2), '区')?.name).toBe('黄山区');
  });

  it.each([
    // 合作 (an ordinary word, also 合作市) never written as a place is no rival to the city the text names.
    ['an ordinary word that is also a city is no rival', `${'鹤岗经济回升，'.repeat(9)}${'加强区域合作，'.repeat(8)}`, '鹤岗市'],
    // Written 合作市, it is a place and counts against the leader: too close, unknown.
    ['the same word written as a place still counts', `${'鹤岗经济回升，'.repeat(9)}${'赴合作市考察合作，'.repeat(4)}`, null],
    // A rival that is no common word keeps blocking a lead that is too small.
    ['a rival place blocks a small lead', `${'鹤岗经济回升，'.repeat(9)}${'学习佳木斯经验，'.repeat(8)}`, null],
  ])('%s', (_name, text, want) => {
    expect(mainPlace(text, '市')?.name ?? null).toBe(want);
  });
});

describe('reports to a congress by the group their title names', () => {
  it.each([
    ['甲地共产主义组织的报告 (一大)', '甲地共产主义组织'],
    ['乙城共產黨報告 (一大)', '乙城共產黨'],
    ['中共七大报告', '中共中央'],
  ])('%s → %s', (title, org) => {
    const m = extractMetadata('同志们，我们的组织成立不久，人数不多，工作刚刚开始，现将情况报告如下。', undefined, title);
    expect(m.orgs).toEqual([org]);
    expect(m.year).toBe(title.includes('一大') ? 1921 : 1945);
  });
});

describe('author from bylines, speakers and what the page marks (issue 9)', () => {
  it.each([
    ['作者：王明远', '王明远'],
    ['本报记者 王某 李某', '王某、李某'],
    ['新华社记者 张三 李四', '张三、李四'],
    ['人民日报记者 赵六', '赵六'],
    ['（记者 王某 通讯员 李某）', '王某、李某'],
    ['作者：王明远（中共中央党校教授）', '王明远'],
    ['文｜刘小华', '刘小华'],
    ['刘小华 文', '刘小华'],
    ['来源：人民日报 作者：徐明远', '徐明远'],
    ['□ 本报记者 周平', '周平'],
    ['撰稿：陈雨', '陈雨'],
    // Not an author: a photographer's credit, an editor, an organisation or a newspaper as 「作者」.
    ['记者 王某 摄', ''],
    ['编辑：王某', ''],
    ['作者：宣传部', ''],
    ['作者：新华社', ''],
  ])('byline line %s → %s', (line, who) => {
    expect(bylineAuthor(line)).toBe(who);
  });

  const body = '基层治理是国家治理的基石。近年来，各地坚持党建引领，探索了许多行之有效的做法，积累了宝贵经验。';
  it.each<[string, Partial<PageMeta>, string]>([
    ['an author <meta> with a name', { tags: { author: '周晓岚' } }, '周晓岚'],
    ['article:author with two names', { tags: { 'article:author': '周晓岚、欧阳明' } }, '周晓岚、欧阳明'],
    ['a site named as author is no person', { tags: { author: '人民网' } }, ''],
    ['a CMS user is no person', { tags: { author: 'admin' } }, ''],
    ['a profile address is no person', { tags: { 'article:author': 'https://example.org/u/1' } }, ''],
    ['an editorial desk is no person', { tags: { author: '编辑部' } }, ''],
    ['a marked byline element with a label and an affiliation', { byline: '作者：王明远（中共中央党校教授）' }, '王明远'],
    ['a marked byline element with a word that is not a surname first', { byline: '综合整理' }, ''],
  ])('%s', (_name, meta, who) => {
    const m = extractMetadata(`以党建引领基层治理\n${body}`, { tags: {}, govInfo: {}, ...meta }, '以党建引领基层治理');
    expect(m.author).toBe(who);
  });

  it('a byline in the text wins over the page\'s author <meta>', () => {
    const raw = `以党建引领基层治理\n作者：徐明远\n${body}`;
    const m = extractMetadata(`以党建引领基层治理\n${body}`, { tags: { author: '周晓岚' }, govInfo: {} }, '', raw);
    expect(m.author).toBe('徐明远');
  });

  it('the speaker under a speech title is its author, not the site in <meta name=author>', () => {
    const t = `在全市工作会议上的讲话\n市长　李文华\n同志们：\n${body}`;
    expect(extractMetadata(t, { tags: { author: '周晓岚' }, govInfo: {} }).author).toBe('李文华');
  });
});
