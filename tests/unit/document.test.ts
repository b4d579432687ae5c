import { describe, expect, it } from 'vitest';
import { buildDocument, buildDocumentFromText, MIN_ARTICLE_CHARS } from '../../analysis/document';
import type { PageCapture } from '../../analysis/types';

const BODY = [
  '某某局2024年党建工作要点',
  '2024年是全面贯彻落实党的二十大精神的关键之年。为进一步加强机关党的建设，提升党建工作质量，制定本要点。',
  '一、加强政治建设',
  '（一）坚持把党的政治建设摆在首位，严明政治纪律和政治规矩，不断提高政治判断力、政治领悟力、政治执行力。',
  '二、加强组织建设',
  '（一）持续推进党支部标准化规范化建设，严格落实“三会一课”制度，提升基层党组织组织力。',
].join('\n');

function capture(p: Partial<PageCapture>): PageCapture {
  return {
    url: 'https://example.org/a.html',
    pageTitle: '',
    articleHtml: '',
    articleText: '',
    pageText: '',
    meta: { tags: {}, govInfo: {} },
    capturedAt: '2026-01-01T00:00:00.000Z',
    ...p,
  };
}

describe('buildDocument', () => {
  it('cleans the article and reads metadata with the page meta and title', () => {
    const doc = buildDocument(
      capture({
        articleText: `当前位置：首页 > 党建\n${BODY}\n分享到：`,
        pageText: `网站首页\n${BODY}`,
        pageTitle: '某某局2024年党建工作要点_某某网',
        meta: { tags: {}, govInfo: { 发布机构: '某某局', 成文日期: '2024-02-01' } },
      }),
    );
    expect(doc.text).toBe(BODY);
    expect(doc.metadata).toMatchObject({ title: '某某局2024年党建工作要点', orgs: ['某某局'], date: '2024-02-01', year: 2024, docType: '工作要点' });
    expect(doc.removed.map((r) => r.rule)).toEqual(['nav', 'share']);
  });

  it('falls back to the page text when the article is empty or a fragment of it', () => {
    const empty = buildDocument(capture({ articleText: '', pageText: `当前位置：首页\n${BODY}` }));
    expect(empty.text).toBe(BODY);
    const fragment = buildDocument(capture({ articleText: '二、加强组织建设', pageText: BODY }));
    expect(fragment.text).toBe(BODY);
    expect(fragment.metadata.title).toBe('某某局2024年党建工作要点');
  });

  it('keeps a short article when the page has nothing more (a short notice is still a document)', () => {
    const notice = '关于放假的通知\n各单位：五一放假五天。\n某某局\n2024年4月20日';
    expect(notice.length).toBeLessThan(MIN_ARTICLE_CHARS);
    const doc = buildDocument(capture({ articleText: notice, pageText: `首页 新闻 通知\n${notice}\n版权所有` }));
    expect(doc.text).toBe(notice);
    expect(doc.metadata.date).toBe('2024-04-20');
  });

  it('a byline outside the article still dates the document; a <meta> date wins over it', () => {
    const page = `admin 2025-02-21 18:03:01 浏览量\n${BODY}`;
    expect(buildDocument(capture({ articleText: BODY, pageText: page })).metadata.date).toBe('2025-02-21');
    const withMeta = buildDocument(capture({ articleText: BODY, pageText: page, meta: { tags: { pubdate: '2025-02-20' }, govInfo: {} } }));
    expect(withMeta.metadata.date).toBe('2025-02-20');
  });

  it('an empty capture gives an empty document with empty metadata', () => {
    const doc = buildDocument(capture({}));
    expect(doc).toEqual({
      text: '',
      removed: [],
      metadata: { title: '', orgs: [], docNumber: null, date: '', year: null, yearSource: '', docType: '', script: 'simplified', author: '', publication: '' },
    });
  });

  it('does not modify the capture it is given', () => {
    const c = capture({ articleText: `admin 2025-02-21 浏览量\n${BODY}`, meta: { tags: { a: 'b' }, govInfo: {} } });
    const copy = structuredClone(c);
    buildDocument(c);
    expect(c).toEqual(copy);
  });
});

describe('buildDocumentFromText', () => {
  it('cleans plain text and reads metadata, with optional page meta and title', () => {
    const doc = buildDocumentFromText(`仅供学习 禁止外传\n会员群：\n${BODY}`, { govInfo: { 文号: '某党发[2024]3号' } }, '某某局2024年党建工作要点');
    expect(doc.text).toBe(BODY);
    expect(doc.metadata.docNumber?.text).toBe('某党发〔2024〕3号');
    expect(doc.metadata.title).toBe('某某局2024年党建工作要点');
  });

  it('handles empty, whitespace and full-width input', () => {
    expect(buildDocumentFromText('').text).toBe('');
    expect(buildDocumentFromText(' \n\u3000 ').metadata.title).toBe('');
    expect(buildDocumentFromText('２０２４年工作要点\n正文：全角数字１２３。').metadata.year).toBe(2024);
  });
});
