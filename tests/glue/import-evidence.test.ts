// The citation line and the download name of an original (utils/import-evidence.ts), table-style:
// every field present, fields missing (never written as blanks), a web page against an imported file.
import { describe, expect, it } from 'vitest';
import { citationLine, originalFileName, originalIntact } from '@/utils/import-evidence';
import { sha256Hex } from '@/utils/import-common';

const FULL = {
  orgs: ['某市人民政府办公室', '某市发展和改革委员会'],
  title: '关于印发某市2024年优化营商环境工作要点的通知',
  docNumber: '某政办发〔2024〕12号',
  date: '2024-03-05',
  url: 'https://www.example.gov.cn/zwgk/2024/0305/a.html',
  capturedAt: '2026-12-01T10:00:00.000Z',
};
const FILE = { kind: 'file' as const, name: '附件/子目录/two-pages.pdf', capturedAt: '2026-12-02T09:00:00.000Z' };

describe('citationLine', () => {
  const rows: [string, Parameters<typeof citationLine>[0], Parameters<typeof citationLine>[1], 'en' | 'zh', RegExp][] = [
    ['a web page, every field, Chinese', FULL, null, 'zh',
      /^某市人民政府办公室、某市发展和改革委员会：《关于印发某市2024年优化营商环境工作要点的通知》（某政办发〔2024〕12号），2024年3月5日。https:\/\/www\.example\.gov\.cn\/zwgk\/2024\/0305\/a\.html（访问日期：2026年12月\d+日）。$/],
    ['a web page, every field, English', FULL, null, 'en',
      /^某市人民政府办公室, 某市发展和改革委员会, “关于印发某市2024年优化营商环境工作要点的通知” \(某政办发〔2024〕12号\), 2024-03-05\. https:\/\/www\.example\.gov\.cn\/zwgk\/2024\/0305\/a\.html \(accessed 2026-12-0\d\)\.$/],
    ['an imported file is named by its file name, not a file: URL', { ...FULL, url: 'file:///%E9%99%84%E4%BB%B6/two-pages.pdf' }, FILE, 'en', /“关于印发.*” \(某政办发〔2024〕12号\), 2024-03-05\. file two-pages\.pdf \(accessed 2026-12-0\d\)\.$/],
    ['no issuer, no 文号, no date: nothing blank is written', { ...FULL, orgs: [], docNumber: '', date: '' }, null, 'zh', /^《关于印发某市2024年优化营商环境工作要点的通知》。https:/],
    ['no issuer, no 文号, no date, English', { ...FULL, orgs: [], docNumber: '', date: '' }, null, 'en', /^“关于印发某市2024年优化营商环境工作要点的通知”\. https:/],
  ];
  it.each(rows)('%s', (_name, record, original, lang, expected) => {
    expect(citationLine(record, original, lang)).toMatch(expected);
  });
});

describe('originalFileName', () => {
  it.each([
    ['an imported file keeps its own name', { kind: 'file' as const, name: '附件/子目录/通知.docx' }, '', '通知.docx'],
    ['a jsonl line is named after its line', { kind: 'file' as const, name: 'data/lines.jsonl#12' }, '', 'lines-12.jsonl'],
    ['a page is saved under its title as .html, unsafe characters replaced', { kind: 'page' as const, name: '' }, '关于/“某某”的通知?', '关于_“某某”的通知_.html'],
    ['a page without a title', { kind: 'page' as const, name: '' }, '', 'page.html'],
  ])('%s', (_name, original, title, expected) => {
    expect(originalFileName(original, title)).toBe(expected);
  });
});

describe('originalIntact', () => {
  it('is true for the stored hash and false once a byte changed', async () => {
    const bytes = new TextEncoder().encode('原件');
    const hash = await sha256Hex(bytes);
    expect(await originalIntact({ bytes, sha256: hash })).toBe(true);
    const changed = bytes.slice();
    changed[0] = changed[0]! ^ 1;
    expect(await originalIntact({ bytes: changed, sha256: hash })).toBe(false);
  });
});
