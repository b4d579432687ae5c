import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../analysis/clean';
import { extractOutline } from '../../analysis/structure';

// Issue 10 item 6: every pattern the cleaner and the outline parser run on untrusted text is linear
// or bounded. Properties on random texts built from the characters the patterns care about, and
// 1 MB adversarial strings that must complete (times go to the bench, not here).

const ALPHABET = [
  '一', '二', '三', '十', '、', '（', '）', '(', ')', '1', '2', '.', '．', '。', '；', '：', '，', '第', '章', '条', '是',
  '\n', ' ', '　', '—', '-', '图', '为', '摄', '下', '载', '文', '档', '关', '注', '在', '看', '📌', '🔥', '\uFE0F', '附', '件',
  '年', '月', '日', '2', '0', '4', '局', '和', '我', '代', '表', '广', '告', '[', ']', '《', '》', '“', '”', 'a', 'b',
];
const text = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 400 }).map((a) => a.join(''));

describe('cleaner and outline parser: properties', () => {
  it('cleanText never throws and never makes the text longer', () => {
    fc.assert(
      fc.property(text, (t) => {
        const r = cleanText(t);
        expect(r.text.length).toBeLessThanOrEqual(t.length);
        for (const x of r.removed) expect(typeof x.rule).toBe('string');
      }),
      { numRuns: 300 },
    );
  });

  it('extractOutline never throws; headings are fewer than lines+splits and point at their marker', () => {
    fc.assert(
      fc.property(text, (t) => {
        const out = extractOutline(t);
        expect(out.length).toBeLessThanOrEqual(t.length);
        for (const h of out) {
          expect(h.level).toBeGreaterThanOrEqual(1);
          expect(t.slice(h.offset).startsWith(h.marker)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

const MB = 1 << 20;
const repeat = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
const ADVERSARIAL: [string, string][] = [
  ['one line of Han characters', repeat('局和')],
  ['我代表 + 局和… without an end', `我代表${repeat('局和')}`],
  ['markers back to back', repeat('一、')],
  ['nested brackets', repeat('（（一）')],
  ['a run-on report line', repeat('。一、标题内容很长的正文')],
  ['emoji and symbols', repeat('📌🔥\uFE0F▶')],
  ['spaced-out characters', repeat('政 ')],
  ['many short lines', repeat('一\n')],
  ['dashes and rules', repeat('—')],
  ['footnote-like brackets', repeat('[1')],
  ['pinyin-like', repeat('教(jiao')],
];

describe('1 MB adversarial strings complete', () => {
  it.each(ADVERSARIAL)('cleanText and extractOutline: %s', (_name, s) => {
    const c = cleanText(s);
    // A run-on line may be cut into paragraphs: line breaks are added, nothing else.
    expect(c.text.replace(/\n/g, '').length).toBeLessThanOrEqual(s.length);
    const out = extractOutline(s);
    expect(out.length).toBeLessThanOrEqual(s.length);
  }, 60_000);
});
