// Extraction from a live or parsed DOM: the page's main content (Readability on a clone, our own
// rules on top), its whole visible text, its <meta> tags and open-government info table.
// Runs in the page's content script (real DOM) and in Node with linkedom; never mutates `doc`.

import { Readability } from '@mozilla/readability';
import type { ListItem, ListPage, PageCapture, PageMeta } from './types';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Elements whose start and end break the line: each becomes a line of its own. */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIALOG', 'DIR', 'DIV',
  'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER',
  'HGROUP', 'HR', 'LI', 'MAIN', 'MENU', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TFOOT',
  'THEAD', 'TR', 'UL', 'HTML',
]);
/** Table cells stay on their row's line, separated by a space (label cell + value cell). */
const CELL_TAGS = new Set(['TD', 'TH']);
/** Never text of the document. */
const SKIP_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CANVAS', 'IFRAME', 'OBJECT', 'EMBED', 'HEAD', 'TITLE', 'META',
  'LINK', 'SELECT', 'OPTION', 'BUTTON', 'INPUT', 'TEXTAREA', 'MAP', 'AUDIO', 'VIDEO',
]);
/** Captions: never text of the document (the cleaner catches captions written as text). */
const CAPTION_TAGS = new Set(['FIGCAPTION']);
/**
 * A short block right under an image-only block is its caption (WeChat posts: <p><img></p> then
 * <p>图为…</p>). Up to this many characters; a heading marker line is never a caption.
 */
export const CAPTION_MAX_CHARS = 60;
const CAPTION_NOT = /^([一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、]|第[一二三四五六七八九十\d]+[章节条部分])/;

/** An element that shows an image and no text of its own. */
function isImageOnly(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  if (tag === 'IMG' || tag === 'PICTURE') return true;
  if (!el.querySelector('img, picture')) return false;
  return !(el.textContent ?? '').replace(/[\s\u3000\u00A0]/g, '');
}

/** Inline styles that hide text (anti-copy scripts hide decoy characters this way). */
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d])/i;

/** Readability's minimum article length: Chinese documents say much in few characters. */
export const READABILITY_CHAR_THRESHOLD = 200;
/** A Readability result shorter than this is treated as a miss. */
export const MIN_ARTICLE_TEXT = 100;

/** Containers scored by the densest-block fallback. */
const DENSITY_CANDIDATES = 'article, main, section, div, td';
/** Children counted as the container's own text (paragraph-level content, not nested layout). */
const DENSE_CHILD_TAGS = new Set(['P', 'BR', 'SPAN', 'FONT', 'STRONG', 'B', 'EM', 'I', 'U', 'H1', 'H2', 'H3', 'H4', 'BLOCKQUOTE', 'CENTER']);

/** Open-government table labels recognised even outside a table of several pairs. */
const KNOWN_GOV_LABELS = new Set([
  '索引号', '发布机构', '发文机关', '发文单位', '发布单位', '制发机关', '成文机关', '公开主体', '文号', '发文字号', '发文文号', '文件编号',
  '成文日期', '成文时间', '印发日期', '签发日期', '发布日期', '发布时间', '公开日期', '生成日期', '发文日期', '主题分类', '体裁分类',
  '组配分类', '服务对象', '主题词', '关键词', '公开方式', '公开范围', '公开时限', '有效性', '信息来源', '标题', '名称', '文件名称',
  '信息名称', '所属机构', '公开形式', '时效',
]);
/** Elements that may hold a label without a colon when the label is a known one. */
const LABEL_CELL_TAGS = new Set(['TD', 'TH', 'DT', 'SPAN', 'B', 'STRONG', 'LABEL', 'EM']);
/** Pairs found in one container: at least this many make it an info table, whatever the labels. */
const GOV_TABLE_MIN_PAIRS = 3;
const GOV_LABEL_ONLY = /^([\u4e00-\u9fa5]{2,8})[:：]$/;
const GOV_LABEL_VALUE = /^([\u4e00-\u9fa5]{2,8})[:：](.{1,200})$/;

function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  // In a live page, ask layout (stylesheets hide decoys by class); clones and linkedom have none.
  const v = el as Visible;
  if (typeof v.checkVisibility === 'function' && el.ownerDocument?.defaultView && !v.checkVisibility({ visibilityProperty: true })) return true;
  if (el.getAttribute('aria-hidden') === 'true' && !(el.textContent ?? '').trim().match(/[\u4e00-\u9fa5]{8,}/)) return true;
  const style = el.getAttribute('style');
  return !!style && HIDDEN_STYLE.test(style);
}

/** Visible text of an element, one block element a line (cells of a row share the row's line). */
export function htmlToText(el: Element): string {
  const lines: string[] = [];
  let cur = '';
  const flush = () => {
    const t = cur.replace(/[ \t\n\r\f]+/g, ' ').trim();
    if (t) lines.push(t);
    cur = '';
  };
  const walk = (node: Node, pre: boolean) => {
    if (node.nodeType === TEXT_NODE) {
      const t = node.nodeValue ?? '';
      if (pre) {
        const parts = t.split('\n');
        parts.forEach((p, i) => {
          if (i > 0) flush();
          cur += p;
        });
      } else cur += t;
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const e = node as Element;
    const tag = e.tagName.toUpperCase();
    if (SKIP_TAGS.has(tag) || isHidden(e)) return;
    if (tag === 'BR') {
      flush();
      return;
    }
    if (CAPTION_TAGS.has(tag)) return;
    const block = BLOCK_TAGS.has(tag);
    if (block) flush();
    if (CELL_TAGS.has(tag)) cur += ' ';
    const isPre = pre || tag === 'PRE';
    let afterImage = false;
    for (let c = e.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === ELEMENT_NODE) {
        const ce = c as Element;
        if (afterImage && BLOCK_TAGS.has(ce.tagName.toUpperCase())) {
          const t = oneLine(ce.textContent ?? '');
          afterImage = false;
          if (t && t.length <= CAPTION_MAX_CHARS && !CAPTION_NOT.test(t)) continue;
        }
        if (isImageOnly(ce)) afterImage = true;
      } else if (c.nodeType === TEXT_NODE && (c.nodeValue ?? '').trim()) afterImage = false;
      walk(c, isPre);
    }
    if (CELL_TAGS.has(tag)) cur += ' ';
    if (block) flush();
  };
  walk(el, false);
  flush();
  return lines.join('\n');
}

function collectTags(doc: Document): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const m of Array.from(doc.querySelectorAll('meta'))) {
    const key = (m.getAttribute('name') || m.getAttribute('property') || m.getAttribute('itemprop') || '').trim().toLowerCase();
    const content = (m.getAttribute('content') ?? '').trim();
    if (!key || !content) continue;
    if (!Object.prototype.hasOwnProperty.call(tags, key)) {
      Object.defineProperty(tags, key, { value: content, enumerable: true, writable: true, configurable: true });
    }
  }
  return tags;
}

const squeeze = (s: string) => s.replace(/[\s\u3000\u00A0]+/g, '');
const oneLine = (s: string) => s.replace(/[\s\u3000\u00A0]+/g, ' ').trim();

/** Label → value pairs of open-government info tables, found by structure (label ending in ：, then a value). */
export function extractGovInfo(root: Element | null): Record<string, string> {
  const out = new Map<string, string>();
  if (!root) return {};
  const pairs: { label: string; value: string; box: Element | null }[] = [];
  const elements = Array.from(root.querySelectorAll('td, th, dt, dd, span, strong, b, label, em, li, p, div, font, i'));
  for (const el of elements) {
    if (isHidden(el)) continue;
    const own = squeeze(el.textContent ?? '');
    if (own.length > 220) continue;
    const box = el.closest('table, ul, ol, dl') ?? el.parentElement;
    // A label cell: 「索引号：」, or a known label without its colon (<th>发布机构</th><td>…</td>).
    const labelOnly = GOV_LABEL_ONLY.exec(own) ?? (KNOWN_GOV_LABELS.has(own) && LABEL_CELL_TAGS.has(el.tagName.toUpperCase()) ? [own, own] : null);
    if (labelOnly) {
      // Value: the next sibling element, else the text that follows inside the parent.
      let value = '';
      const sib = el.nextElementSibling;
      if (sib) value = oneLine(sib.textContent ?? '');
      if (!value) {
        for (let n = el.nextSibling; n && !value; n = n.nextSibling) {
          if (n.nodeType === TEXT_NODE) value = oneLine(n.nodeValue ?? '');
        }
      }
      if (value && !/[:：]$/.test(value) && value.length <= 200) pairs.push({ label: labelOnly[1], value, box });
      continue;
    }
    // Label and value in one leaf element: <td>索引号：014…</td>, <li>发布机构：××局</li>.
    if (el.children.length === 0) {
      const text = oneLine(el.textContent ?? '');
      const m = GOV_LABEL_VALUE.exec(text.replace(/^([\u4e00-\u9fa5\s]{2,16}?)\s*([:：])\s*/, (_a, l: string, c: string) => squeeze(l) + c));
      if (m && !/[:：]\s*[\u4e00-\u9fa5]{2,8}[:：]/.test(text)) pairs.push({ label: m[1]!, value: m[2]!.trim(), box });
    }
  }
  const perBox = new Map<Element | null, number>();
  for (const p of pairs) perBox.set(p.box, (perBox.get(p.box) ?? 0) + 1);
  for (const p of pairs) {
    if (out.has(p.label)) continue;
    if (KNOWN_GOV_LABELS.has(p.label) || (perBox.get(p.box) ?? 0) >= GOV_TABLE_MIN_PAIRS) out.set(p.label, p.value);
  }
  const result: Record<string, string> = {};
  for (const [k, v] of out) Object.defineProperty(result, k, { value: v, enumerable: true, writable: true, configurable: true });
  return result;
}

/** The container holding the most paragraph-level text of its own (for pages Readability gives up on). */
function densestBlock(body: Element): Element | null {
  let best: Element | null = null;
  let bestScore = 0;
  for (const el of Array.from(body.querySelectorAll(DENSITY_CANDIDATES))) {
    if (isHidden(el)) continue;
    let score = 0;
    for (let c = el.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === TEXT_NODE) score += (c.nodeValue ?? '').trim().length;
      else if (c.nodeType === ELEMENT_NODE && DENSE_CHILD_TAGS.has((c as Element).tagName.toUpperCase())) {
        const e = c as Element;
        const linkText = Array.from(e.querySelectorAll('a')).reduce((n, a) => n + (a.textContent ?? '').length, 0);
        score += Math.max(0, (e.textContent ?? '').trim().length - linkText);
      }
    }
    if (score > bestScore) {
      bestScore = score;
      best = el;
    }
  }
  return bestScore >= 50 ? best : null;
}

/**
 * The document's own heading as the page shows it (h1–h3 or an element named like a title) when it
 * matches the article title: Readability may drop it as a duplicate of the <title>.
 */
function findTitleHeading(doc: Document, titles: string[]): string {
  const wanted = titles.map(squeeze).filter((t) => t.length >= 4);
  if (!wanted.length) return '';
  const els = Array.from(doc.querySelectorAll('h1, h2, h3, [class*="title"], [id*="title"], [class*="Title"], [id*="Title"]'));
  for (const el of els) {
    const t = squeeze(el.textContent ?? '');
    if (t.length < 4 || t.length > 120) continue;
    if (wanted.some((w) => w === t || (w.includes(t) && t.length * 2 >= w.length) || (t.includes(w) && t.length - w.length <= 4))) return oneLine(el.textContent ?? '');
  }
  return '';
}

interface Article {
  html: string;
  text: string;
  title: string;
}

/** Hidden elements (decoys of anti-copy scripts) up to this much text are dropped from the clone. */
export const HIDDEN_DECOY_MAX_TEXT = 50;

type Visible = Element & { checkVisibility?: (o?: { visibilityProperty?: boolean; opacityProperty?: boolean }) => boolean };

/**
 * In a live page, text hidden by a stylesheet (class="hide" decoys) is invisible only to layout.
 * The clone has no layout, so walk the live tree and its clone side by side (cloneNode keeps the
 * structure) and drop from the clone what the live page does not show. Elements with much text are
 * kept: collapsed "read more" sections are part of the document. No-op where there is no layout
 * (linkedom, a document without a window).
 */
function pruneInvisible(live: Element | null, copy: Element | null): void {
  if (!live || !copy) return;
  const probe = live as Visible;
  if (typeof probe.checkVisibility !== 'function' || !live.ownerDocument?.defaultView) return;
  const drop: Element[] = [];
  const walk = (a: Element, b: Element) => {
    const ac = a.children;
    const bc = b.children;
    if (ac.length !== bc.length) return; // the trees differ (a script ran meanwhile): stop here
    for (let i = 0; i < ac.length; i++) {
      const x = ac[i] as Visible;
      const tag = x.tagName.toUpperCase();
      if (SKIP_TAGS.has(tag) || tag === 'BR') continue;
      if (x.checkVisibility && !x.checkVisibility({ visibilityProperty: true, opacityProperty: true })) {
        if ((x.textContent ?? '').trim().length <= HIDDEN_DECOY_MAX_TEXT) drop.push(bc[i]!);
        continue;
      }
      walk(x, bc[i]!);
    }
  };
  walk(live, copy);
  for (const el of drop) el.remove();
}

function readArticle(doc: Document): Article | null {
  try {
    const clone = doc.cloneNode(true) as Document;
    pruneInvisible(doc.body, clone.body);
    // Readability strips style attributes: decoys hidden by inline style must go before it runs.
    for (const el of Array.from(clone.querySelectorAll('[style], [hidden], [aria-hidden]'))) {
      if (isHidden(el) && (el.textContent ?? '').trim().length <= HIDDEN_DECOY_MAX_TEXT) el.remove();
    }
    // The serializer hands back the article element itself: no HTML string is parsed again (pages
    // with Trusted Types forbid innerHTML assignments).
    const result = new Readability<Element>(clone, {
      charThreshold: READABILITY_CHAR_THRESHOLD,
      keepClasses: false,
      serializer: (node) => node as Element,
    }).parse();
    const el = result?.content;
    if (!el) return null;
    const text = htmlToText(el);
    if (text.replace(/\s/g, '').length < MIN_ARTICLE_TEXT) return null;
    return { html: el.innerHTML, text, title: result.title ?? '' };
  } catch {
    return null;
  }
}

/**
 * Elements pages mark as their byline: rel/itemprop author, or a class or id naming an author or
 * byline (「<span class="author">作者：王某</span>」). The first one with short text is taken.
 */
const BYLINE_SELECTOR = '[rel="author"], [itemprop="author"], [class*="author" i], [id*="author" i], [class*="byline" i], [id*="byline" i], [class*="writer" i]';
export const BYLINE_MAX_CHARS = 60;

/** The page's marked byline text ('' when none is marked or every marked element is long or hidden). */
export function findByline(root: Element | null): string {
  if (!root) return '';
  for (const el of Array.from(root.querySelectorAll(BYLINE_SELECTOR))) {
    if (isHidden(el)) continue;
    const t = oneLine(el.textContent ?? '');
    if (t.length >= 2 && t.length <= BYLINE_MAX_CHARS) return t;
  }
  return '';
}

/** Elements pages mark as their publication time (WeChat's #publish_time, schema.org, <time>). */
const PUBLISHED_SELECTOR = '#publish_time, [class*="publish_time" i], [class*="publish-time" i], [class*="pubtime" i], [id*="pubtime" i], [itemprop="datePublished"], time[datetime]';
/** Elements pages mark as their publisher: a WeChat post's account name, schema.org publisher. */
const PUBLISHER_SELECTOR = '#js_name, .rich_media_meta_nickname, [itemprop="publisher"] [itemprop="name"], [itemprop="publisher"]';
const MARKED_MAX_CHARS = 40;

/** Short text (or the datetime / content attribute) of the first visible element matching `selector`. */
function markedText(root: Element | null, selector: string): string {
  if (!root) return '';
  for (const el of Array.from(root.querySelectorAll(selector))) {
    if (isHidden(el)) continue;
    const t = oneLine(el.getAttribute('datetime') || el.getAttribute('content') || el.textContent || '');
    if (t.length >= 2 && t.length <= MARKED_MAX_CHARS) return t;
  }
  return '';
}

function pageTitleOf(doc: Document): string {
  const t = (doc.title ?? '') || (doc.querySelector('title')?.textContent ?? '');
  return oneLine(t);
}

// ---------- hostile nesting ----------

/**
 * Real pages nest a few dozen elements deep. Below this depth a page is cut flat (each element at
 * this depth keeps only its text): Readability, the info-table reader and the densest-block search
 * cost time per level, and a 20,000-deep page must not take minutes or overflow the stack.
 */
export const MAX_DOM_DEPTH = 200;

/**
 * Every element under `root` (root included, at depth 0) in document order, walked without
 * recursion; the children of an element at depth `cap` are not entered.
 */
function walkToDepth(root: Element, cap: number, visit: (el: Element, depth: number) => void): void {
  let depth = 0;
  let el: Element | null = root;
  while (el) {
    visit(el, depth);
    const child: Element | null = depth < cap ? el.firstElementChild : null;
    if (child) {
      el = child;
      depth++;
      continue;
    }
    while (el && el !== root && !el.nextElementSibling) {
      el = el.parentElement;
      depth--;
    }
    if (!el || el === root) break;
    el = el.nextElementSibling;
  }
}

/** Depth of the element tree under `root`, walked without recursion; stops counting at `cap`. */
export function domDepth(root: Element | null, cap = Number.MAX_SAFE_INTEGER): number {
  let max = 0;
  if (root) walkToDepth(root, cap, (_el, depth) => {
    if (depth > max) max = depth;
  });
  return max;
}

/** A copy of `doc` whose elements at MAX_DOM_DEPTH hold their text only. */
function flattenDeep(doc: Document): Document {
  const copy = doc.cloneNode(true) as Document;
  const cut: Element[] = [];
  walkToDepth(copy.documentElement, MAX_DOM_DEPTH, (el, depth) => {
    if (depth === MAX_DOM_DEPTH && el.firstElementChild) cut.push(el);
  });
  for (const c of cut) c.textContent = c.textContent ?? '';
  return copy;
}

// ---------- list and index pages ----------

/** A list page has at least this many entries (a link with a title-like text each). */
export const LIST_MIN_ITEMS = 8;
/** With pagination shown, fewer entries do (the last page of a column). */
export const LIST_MIN_ITEMS_PAGINATED = 4;
/** An entry's link text: a title, not 「更多」 or a page number. */
const ITEM_TITLE_MIN = 6;
const ITEM_TITLE_MAX = 120;
/** An entry (li, tr, div) holding more text than this is a teaser paragraph, not a list entry. */
const ITEM_TEXT_MAX = 220;
/** Prose: lines of the page at least this long that are not link titles. */
const PROSE_LINE_MIN = 100;
/** A list page has less prose than this (a document has thousands of characters of it). */
export const LIST_MAX_PROSE = 500;
/** 「共298条记录」, 「当前第1/15页」, 「第1页/共15页」, 「下一页」, 「尾页」. */
const PAGINATION =
  /共\s*\d{1,7}\s*(?:条|篇|页|个)|当前\s*第?\s*\d{1,5}\s*[/／]\s*\d{1,5}\s*页?|第\s*\d{1,5}\s*[/／]\s*\d{1,5}\s*页|第\s*\d{1,5}\s*页\s*[/／,，]?\s*共\s*\d{1,5}\s*页|下一页|尾页|末页/;
/** A date in an entry: 2024-06-21, 2024/6/21, 2024.06.21, 2024年6月21日. */
const ITEM_DATE = /((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/;

function itemDate(text: string): string {
  const m = ITEM_DATE.exec(text);
  if (!m) return '';
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return '';
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function resolveUrl(href: string, base: string): string {
  try {
    return new URL(href, base || undefined).href;
  } catch {
    return href;
  }
}

/** The entry of a list element: its longest title-like link, with the date it shows. */
function entryOf(el: Element, base: string): ListItem | null {
  const text = oneLine(el.textContent ?? '');
  if (text.length > ITEM_TEXT_MAX) return null;
  let best: Element | null = null;
  let bestLen = 0;
  const links = el.tagName.toUpperCase() === 'A' ? [el] : Array.from(el.querySelectorAll('a[href]'));
  for (const a of links) {
    const t = oneLine(a.getAttribute('title') || a.textContent || '');
    if (t.length >= ITEM_TITLE_MIN && t.length <= ITEM_TITLE_MAX && t.length > bestLen) {
      best = a;
      bestLen = t.length;
    }
  }
  const href = best?.getAttribute('href') ?? '';
  if (!best || !href || /^(javascript:|#)/i.test(href)) return null;
  return { title: oneLine(best.getAttribute('title') || best.textContent || ''), url: resolveUrl(href, base), date: itemDate(text) };
}

/**
 * Whether a page is a list or index of documents (a 通知公告 column, search results) rather than a
 * document: a group of sibling elements each holding one title link (most with a date), little
 * prose outside links, often pagination. Returns the entries, or null for a document. Pure: reads
 * the DOM, changes nothing.
 */
export function detectListPage(root: Element | null, url = ''): ListPage | null {
  if (!root) return null;
  // The richest group of sibling entries.
  let items: ListItem[] = [];
  for (const box of Array.from(root.querySelectorAll('ul, ol, tbody, table, dl, div, section'))) {
    if (box.children.length < LIST_MIN_ITEMS_PAGINATED) continue;
    const found: ListItem[] = [];
    for (let c = box.firstElementChild; c; c = c.nextElementSibling) {
      const e = entryOf(c, url);
      if (e) found.push(e);
    }
    if (found.length > items.length) items = found;
  }
  const text = htmlToText(root);
  const paginated = PAGINATION.test(text);
  if (items.length < (paginated ? LIST_MIN_ITEMS_PAGINATED : LIST_MIN_ITEMS)) return null;
  const titles = new Set(items.map((i) => squeeze(i.title)));
  let prose = 0;
  for (const line of text.split('\n')) {
    if (line.length < PROSE_LINE_MIN) continue;
    const sq = squeeze(line);
    if ([...titles].some((t) => sq.includes(t))) continue;
    prose += sq.length;
  }
  if (prose >= LIST_MAX_PROSE) return null;
  return { isList: true, items, paginated };
}

/** Capture a page: main content, whole text, <meta>, open-government table; `doc` is left as it was. */
export function extractPage(page: Document, url: string, now: Date = new Date()): PageCapture {
  // A hostile page nested thousands deep is read from a flattened copy.
  const doc = domDepth(page.documentElement, MAX_DOM_DEPTH + 1) > MAX_DOM_DEPTH ? flattenDeep(page) : page;
  // linkedom, given markup without <html>, makes the first element the document element and adds
  // an empty <body>: read from whichever holds the page.
  const body = doc.body && (doc.body.textContent ?? '').trim() ? doc.body : doc.documentElement ?? doc.body;
  const pageTitle = pageTitleOf(doc);
  const tags = collectTags(doc);
  const govInfo = extractGovInfo(body);
  const lang = doc.documentElement?.getAttribute('lang') || undefined;
  const byline = findByline(body);
  const published = markedText(body, PUBLISHED_SELECTOR);
  const publisher = markedText(body, PUBLISHER_SELECTOR);
  const meta: PageMeta = {
    tags,
    govInfo,
    ...(lang ? { lang } : {}),
    ...(byline ? { byline } : {}),
    ...(published ? { published } : {}),
    ...(publisher ? { publisher } : {}),
  };
  const pageText = body ? htmlToText(body) : '';

  let article = readArticle(doc);
  if (!article && body) {
    const dense = densestBlock(body);
    const el = dense ?? body;
    article = { html: el.outerHTML, text: htmlToText(el), title: '' };
  }
  let articleText = article?.text ?? '';
  const articleHtml = article?.html ?? '';

  // Our rule on top of Readability: keep the document's heading at the top of the article text.
  const heading = findTitleHeading(doc, [tags['articletitle'] ?? '', tags['og:title'] ?? '', article?.title ?? '', pageTitle]);
  if (heading && !squeeze(articleText.split('\n').slice(0, 6).join('')).includes(squeeze(heading))) {
    articleText = `${heading}\n${articleText}`;
  }

  const listPage = detectListPage(body, url);
  return { url, pageTitle, articleHtml, articleText, pageText, meta, capturedAt: now.toISOString(), ...(listPage ? { listPage } : {}) };
}
