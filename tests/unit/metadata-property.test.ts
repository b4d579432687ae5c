// The metadata reader on hostile input (issue 10, item 6): no pattern may backtrack without bound.
// Property tests (fast-check) over generated strings, and 1 MB adversarial strings built from the
// fragments that once made patterns explode (「我代表」+「局和」×32 froze every page). No timing
// assertions: each case simply has to finish within the test timeout; times go to the report.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractMetadata, parseChineseDate, representedBody } from '../../analysis/metadata';
import type { PageMeta } from '../../analysis/types';

/** Fragments of the shapes the reader's patterns look for: openings, separators, brackets, dates, titles. */
const FRAGMENTS = [
  '我代表', '我们受', '局和', '市委、', '人民政府', '委员会', '向大会', '、', '《', '》', '（', '）', '(', '——',
  '在', '会议上的讲话', '第十四届', '全国人民代表大会', '第二次会议', '2024年', '3月', '8日', '二〇二四年', '今年是',
  '建党', '100周年', '“十四五”', '开局之年', '来源：', '作者：', '新华社', '南昌', '7月16日电', '关于印发', '的通知',
  '\n', ' ', '\u3000', '。', '，', '：', '市', '三亚', '州', '号', '〔', '〕',
];

const hostile = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'grapheme', maxLength: 6 })), { maxLength: 400 }).map((a) => a.join(''));
const cjk = fc.array(fc.integer({ min: 0x4e00, max: 0x9fff }), { maxLength: 600 }).map((cs) => String.fromCharCode(...cs));

const meta: fc.Arbitrary<PageMeta> = fc.record({
  tags: fc.dictionary(fc.constantFrom('pubdate', 'og:title', 'author', 'source', '__proto__', 'constructor'), hostile, { maxKeys: 3 }),
  govInfo: fc.dictionary(fc.constantFrom('发布机构', '成文日期', '文号', '标题'), hostile, { maxKeys: 3 }),
});

const MB = 1 << 20;
const repeat = (s: string) => s.repeat(Math.ceil(MB / s.length)).slice(0, MB);

describe('extractMetadata on hostile input', () => {
  it('never throws, and every field stays bounded and well-formed', () => {
    fc.assert(
      fc.property(fc.oneof(hostile, cjk), fc.option(meta, { nil: undefined }), fc.option(hostile, { nil: undefined }), (text, m, pageTitle) => {
        const r = extractMetadata(text, m, pageTitle, text);
        expect(r.title.length).toBeLessThanOrEqual(402);
        expect(r.orgs.every((o) => o.length <= 120)).toBe(true);
        expect(r.date === '' || /^\d{4}-\d{2}-\d{2}$/.test(r.date)).toBe(true);
        expect(r.year === null || (r.year >= 1800 && r.year <= 2200)).toBe(true);
        expect(['title', 'date', 'text', 'given', '']).toContain(r.yearSource);
        expect(r.year === null).toBe(r.yearSource === '');
        expect((r.author ?? '').length).toBeLessThanOrEqual(60);
        expect((r.publication ?? '').length).toBeLessThanOrEqual(60);
      }),
      { numRuns: 300 },
    );
  });

  it('parseChineseDate never throws and gives a real calendar date or nothing', () => {
    fc.assert(
      fc.property(fc.oneof(hostile, cjk, fc.string()), (s) => {
        const d = parseChineseDate(s);
        expect(d === '' || !Number.isNaN(Date.parse(`${d}T00:00:00Z`))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('the represented body is read in a bounded window: 「我代表」+「局和」×32 is no organisation', () => {
    expect(representedBody(`我代表${'局和'.repeat(32)}。`)).toBeNull();
    expect(representedBody('现在，我代表市人民政府，向大会报告工作')).toBe('市人民政府');
    expect(representedBody('我代表中央委员会向第十次全国代表大会作报告')).toBe('中央委员会');
    expect(representedBody('我代表市委、市政府向大会')).toBe('市委');
  });

  // Each of these made a pattern run super-linearly before (exponential 我代表…局和, quadratic titles and
  // date lines, 1 MB of newlines under a \s* anchor). Each must simply complete.
  it.each([
    ['我代表 + 局和 × 1 MB', `我代表${repeat('局和')}。`],
    ['one 1 MB line of 局和', repeat('局和')],
    ['我代表 × 1 MB', repeat('我代表')],
    ['、 × 1 MB', repeat('、')],
    ['《 × 1 MB', repeat('《')],
    ['（ × 1 MB', repeat('（')],
    ['a 1 MB title: 关于印发《 × …》的通知', `关于${repeat('印发《')}》的通知`],
    ['1 MB of newlines', repeat('\n')],
    ['1 MB of 「2024 」', repeat('2024 ')],
    ['lines of 我代表 + 局和 × 15', repeat(`我代表${'局和'.repeat(15)}。\n`)],
    ['1 MB of random CJK', Array.from({ length: MB }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 20902))).join('')],
  ])('completes on %s', (_name, s) => {
    const r = extractMetadata(s, undefined, s.slice(0, 20_000), s);
    expect(r.title.length).toBeLessThanOrEqual(402);
    expect(typeof parseChineseDate(s)).toBe('string');
  });
});
