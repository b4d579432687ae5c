import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { detectListPage, domDepth, extractGovInfo, extractPage, htmlToText } from '../../analysis/extract';
import { buildDocument } from '../../analysis/document';
import { extractOutline } from '../../analysis/structure';
import { normalizeForAnalysis } from '../../analysis/normalize';
import { cleanText, isHeadingLine } from '../../analysis/clean';
import { toHalfWidthAlnum } from '../../analysis/text';
import type { DocMetadata } from '../../analysis/types';

const PAGES = join(__dirname, '../fixtures/pages');
const NOW = new Date('2026-01-02T03:04:05.000Z');

interface Expected {
  description: string;
  url: string;
  metadata: Partial<Omit<DocMetadata, 'docNumber'>> & { docNumber?: string | null };
  govInfo?: Record<string, string>;
  mustContain: string[];
  mustNotContain: string[];
  pageTextMustNotContain?: string[];
  /** Lines that must stand in the output as whole lines: nothing glued before or after them. */
  wholeLines?: string[];
  /** Exact number of occurrences in the cleaned text (captions must not add to them). */
  counts?: Record<string, number>;
  /** [level, marker] of the outline of the cleaned text. */
  outline?: [number, string][];
}

function load(slug: string) {
  const html = readFileSync(join(PAGES, slug, 'source.html'), 'utf8');
  const expected = JSON.parse(readFileSync(join(PAGES, slug, 'expected.json'), 'utf8')) as Expected;
  return { html, expected };
}

function doc(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

const slugs = readdirSync(PAGES).filter((d) => existsSync(join(PAGES, d, 'expected.json')));

describe('fixture pages: extractPage (linkedom) + buildDocument', () => {
  it('has the six layouts the issue asks for, the sectioned notice of the heading-merge bug, and the styles of issue 9', () => {
    expect(slugs.sort()).toEqual(
      [
        'ad-laden-park', 'anti-copy-pinyin', 'paid-essay-speech', 'pdf-converted-report', 'sectioned-notice', 'trs-gov-notice', 'traditional-notice',
        'wechat-mirror', 'people-theory', 'doc-sharing', 'one-line-report', 'wechat-account-post', 'xinhua-dateline-speech',
      ].sort(),
    );
  });

  describe.each(slugs)('%s', (slug) => {
    const { html, expected } = load(slug);
    const page = doc(html);
    const before = page.documentElement.outerHTML;
    const capture = extractPage(page, expected.url, NOW);
    const built = buildDocument(capture);

    it('does not mutate the page', () => {
      expect(page.documentElement.outerHTML).toBe(before);
    });

    it('fills the capture', () => {
      expect(capture.url).toBe(expected.url);
      expect(capture.capturedAt).toBe(NOW.toISOString());
      expect(capture.pageTitle.length).toBeGreaterThan(0);
      expect(capture.articleText.length).toBeGreaterThan(100);
      expect(capture.articleHtml.length).toBeGreaterThan(capture.articleText.length / 2);
      expect(capture.pageText.length).toBeGreaterThanOrEqual(capture.articleText.length * 0.8);
      // Structured-clone safe: it crosses extension messages as it is.
      expect(structuredClone(capture)).toEqual(capture);
    });

    it('reads the expected metadata', () => {
      const { docNumber, ...rest } = expected.metadata;
      for (const [k, v] of Object.entries(rest)) expect(built.metadata[k as keyof DocMetadata], k).toEqual(v);
      if (docNumber !== undefined) expect(built.metadata.docNumber?.text ?? null).toBe(docNumber);
    });

    if (expected.govInfo) {
      it('reads the open-government table', () => {
        expect(capture.meta.govInfo).toMatchObject(expected.govInfo!);
      });
    }

    it('keeps the document', () => {
      for (const s of expected.mustContain) expect(built.text, s).toContain(s);
    });

    it('removes what is not the document', () => {
      for (const s of expected.mustNotContain) expect(built.text, s).not.toContain(s);
    });

    it('is a document, not a list page', () => {
      expect(capture.listPage).toBeUndefined();
      expect(built.listPage).toBeUndefined();
    });

    if (expected.counts) {
      it('counts each term as often as the document says it (captions do not count)', () => {
        for (const [term, n] of Object.entries(expected.counts!)) expect(built.text.split(term).length - 1, term).toBe(n);
      });
    }

    if (expected.outline) {
      it('reads the outline of the cleaned text', () => {
        expect(extractOutline(normalizeForAnalysis(built.text)).map((h) => [h.level, h.marker])).toEqual(expected.outline);
      });
    }

    it('keeps every heading line of the article on a line of its own', () => {
      const out = new Set(built.text.split('\n'));
      // Compared after the character repairs the cleaner makes anyway (full-width digits).
      const headings = capture.articleText.split('\n').map((l) => toHalfWidthAlnum(l.trim())).filter((l) => isHeadingLine(l));
      for (const h of headings) expect(out.has(h), h).toBe(true);
    });

    if (expected.wholeLines) {
      it('keeps headings and paragraphs intact, each a whole line', () => {
        const out = built.text.split('\n');
        for (const l of expected.wholeLines!) expect(out, l).toContain(l);
      });
    }

    if (expected.pageTextMustNotContain) {
      it('cleans the whole page text too (the fallback when the article is missing)', () => {
        const whole = cleanText(capture.pageText).text;
        for (const s of expected.mustContain) expect(whole, s).toContain(s);
        for (const s of expected.pageTextMustNotContain!) expect(whole, s).not.toContain(s);
      });
    }
  });
});

describe('extractPage details', () => {
  it('lower-cases <meta> keys (name, property, itemprop) and keeps the first value; odd keys are safe', () => {
    const page = doc(`<html lang="zh-CN"><head><title>T</title>
      <meta name="ArticleTitle" content="甲"><meta name="articletitle" content="乙">
      <meta property="og:Title" content="丙"><meta itemprop="datePublished" content="2024-03-22">
      <meta name="__proto__" content="x"><meta name="constructor" content="y"><meta name="empty" content="">
      </head><body><p>正文。</p></body></html>`);
    const { meta } = extractPage(page, 'https://example.org/');
    expect(meta.tags.articletitle).toBe('甲');
    expect(meta.tags['og:title']).toBe('丙');
    expect(meta.tags.datepublished).toBe('2024-03-22');
    expect(Object.prototype.hasOwnProperty.call(meta.tags, '__proto__')).toBe(true);
    expect(meta.tags.constructor).toBe('y');
    expect('empty' in meta.tags).toBe(false);
    expect(meta.lang).toBe('zh-CN');
  });

  it('finds label → value pairs by structure: cells, spans, dt/dd, label and value in one cell', () => {
    const page = doc(`<html><body>
      <table><tr><td>索 引 号：</td><td>000-2024-1</td></tr><tr><td>发布机构：</td><td>某某局</td></tr></table>
      <div class="info"><span>文号:</span><span>某发〔2024〕1号</span></div>
      <dl><dt>成文日期：</dt><dd>2024年3月22日</dd></dl>
      <ul><li>发布日期：2024-03-25</li><li>主题分类：教育</li></ul>
      <p>时间：这不是信息表（一行之中的句子）。</p>
      <table><tr><th>公开方式</th><td>主动公开</td></tr><tr><td>名称</td></tr></table>
      </body></html>`);
    const info = extractGovInfo(page.body);
    expect(info).toEqual({
      索引号: '000-2024-1',
      发布机构: '某某局',
      文号: '某发〔2024〕1号',
      成文日期: '2024年3月22日',
      发布日期: '2024-03-25',
      主题分类: '教育',
      公开方式: '主动公开',
    });
  });

  it('htmlToText: block elements become lines, cells share their row, hidden text and scripts are skipped', () => {
    const page = doc(`<html><body><div>第一行<br>第二行</div><p>第三<b>段</b></p>
      <table><tr><td>甲：</td><td>乙</td></tr></table><script>var x = "脚本";</script>
      <span style="display:none">隐藏</span><pre>一
二</pre><ul><li>项一</li><li>项二</li></ul></body></html>`);
    expect(htmlToText(page.body)).toBe('第一行\n第二行\n第三段\n甲： 乙\n一\n二\n项一\n项二');
  });

  it('falls back to the densest text block when Readability finds nothing, then to the body', () => {
    // Too short for Readability's threshold, in a layout of nested divs.
    const para = '这是正文的第一段，内容不长。';
    const page = doc(`<body><div class="nav"><a href="/">首页</a> <a href="/a">栏目</a></div>
      <div class="wrap"><div class="box">${para}<br>${para}<br>${para}<br>${para}</div></div></body>`);
    const capture = extractPage(page, 'https://example.org/');
    expect(capture.articleText).toBe([para, para, para, para].join('\n'));
    const bare = doc('<body>只有一句。</body>');
    expect(extractPage(bare, 'about:blank').articleText).toBe('只有一句。');
  });

  it('markup without <html> (linkedom then leaves <body> empty) is still read', () => {
    const capture = extractPage(doc('<div><p>片段里的正文。</p><p>第二段。</p></div>'), 'https://example.org/');
    expect(capture.pageText).toBe('片段里的正文。\n第二段。');
  });

  it('an empty page gives empty texts, not an error', () => {
    const capture = extractPage(doc('<html><head></head><body></body></html>'), 'https://example.org/');
    expect(capture.articleText).toBe('');
    expect(capture.pageText).toBe('');
    expect(buildDocument(capture).text).toBe('');
  });

  it('keeps the page heading on top when Readability drops it', () => {
    const body = '<p>' + '全面加强党的建设，推动各项工作落地见效。'.repeat(20) + '</p>';
    const page = doc(`<html><head><title>某某局2024年工作要点_某某网</title></head><body>
      <div class="header"><h1 class="logo">某某网</h1></div>
      <div class="content"><div class="article-title">某某局2024年工作要点</div>${body}${body}</div></body></html>`);
    const capture = extractPage(page, 'https://example.org/');
    expect(capture.articleText.split('\n')[0]).toBe('某某局2024年工作要点');
    expect(buildDocument(capture).metadata.title).toBe('某某局2024年工作要点');
  });
});

describe('list and index pages (issue 9: not a document)', () => {
  const html = readFileSync(join(PAGES, 'list-notices', 'source.html'), 'utf8');
  const want = JSON.parse(readFileSync(join(PAGES, 'list-notices', 'list.json'), 'utf8')) as {
    url: string;
    items: number;
    first: { title: string; url: string; date: string };
    paginated: boolean;
  };

  it('a 通知公告 column page is recognised with its entries (title, resolved url, date) and pagination', () => {
    const capture = extractPage(doc(html), want.url, NOW);
    expect(capture.listPage?.isList).toBe(true);
    expect(capture.listPage?.items.length).toBe(want.items);
    expect(capture.listPage?.items[0]).toEqual(want.first);
    expect(capture.listPage?.paginated).toBe(want.paginated);
    expect(buildDocument(capture).listPage?.items.length).toBe(want.items);
  });

  it('detectListPage on small pages: a document with a related list is not a list; a list without pagination needs more entries', () => {
    const li = (n: number) => Array.from({ length: n }, (_, i) => `<li><a href="/d${i}.html">第${i}号关于开展专项检查工作的通知</a> 2024-05-0${(i % 9) + 1}</li>`).join('');
    const prose = '<p>' + '这是一篇正式文件的正文段落，内容完整，论述充分，句子很长，读起来是一篇文件而不是一个栏目的目录页。'.repeat(12) + '</p>';
    expect(detectListPage(doc(`<html><body>${prose}<ul>${li(10)}</ul></body></html>`).body)).toBeNull();
    expect(detectListPage(doc(`<html><body><ul>${li(5)}</ul></body></html>`).body)).toBeNull();
    expect(detectListPage(doc(`<html><body><ul>${li(5)}</ul><div>共45条 第1/9页</div></body></html>`).body)?.items.length).toBe(5);
    expect(detectListPage(doc(`<html><body><ul>${li(9)}</ul></body></html>`).body)?.items.map((i) => i.date)[0]).toBe('2024-05-01');
  });
});

describe('hostile nesting (issue 10 item 6)', () => {
  it('extractPage on a 20,000-deep page completes, keeps its text and leaves the page as it was', () => {
    const depth = 20000;
    const page = doc(`<html><head><title>深层页面</title></head><body>${'<div>'.repeat(depth)}<p>深处的正文内容。</p>${'</div>'.repeat(depth)}</body></html>`);
    expect(domDepth(page.documentElement)).toBeGreaterThan(depth);
    const capture = extractPage(page, 'https://example.org/deep.html', NOW);
    expect(capture.pageText).toContain('深处的正文内容。');
    expect(domDepth(page.documentElement)).toBeGreaterThan(depth);
    expect(buildDocument(capture).text).toContain('深处的正文内容');
  });

  it('domDepth counts without recursion and stops at its cap', () => {
    const page = doc(`<html><body><div><div><p>x</p></div></div><span>y</span></body></html>`);
    expect(domDepth(page.documentElement)).toBe(4);
    expect(domDepth(page.documentElement, 2)).toBe(2);
  });
});

describe('what a page marks outside its text: byline, publication time, publisher', () => {
  const body = '<div id="c"><p>' + '基层治理是国家治理的基石，各地坚持党建引领，探索了许多行之有效的做法。'.repeat(6) + '</p></div>';
  it.each<[string, string, Partial<Record<'byline' | 'published' | 'publisher', string>>]>([
    ['a span classed author', '<span class="article-author">作者：王明远</span>', { byline: '作者：王明远' }],
    ['rel=author', '<a rel="author" href="/u/1">周晓岚</a>', { byline: '周晓岚' }],
    ['a byline div', '<div class="byline">本报记者 周平</div>', { byline: '本报记者 周平' }],
    ['a long element classed author is no byline', `<div class="author-box">${'作者简介：长期从事基层治理研究，'.repeat(5)}</div>`, {}],
    ['WeChat publish time and account', '<em id="publish_time">2025年03月14日 17:45</em><a id="js_name">临河先锋</a>', { published: '2025年03月14日 17:45', publisher: '临河先锋' }],
    ['<time datetime>', '<time datetime="2024-07-19T08:00:00+08:00">7月19日</time>', { published: '2024-07-19T08:00:00+08:00' }],
    ['nothing marked', '', {}],
  ])('%s', (_name, marked, want) => {
    const capture = extractPage(doc(`<html><head><title>T</title></head><body>${marked}${body}</body></html>`), 'https://example.org/a');
    expect(capture.meta.byline).toBe(want.byline);
    expect(capture.meta.published).toBe(want.published);
    expect(capture.meta.publisher).toBe(want.publisher);
  });
});
