// Shared data shapes of the pure core. Everything here is plain data (structured-clone safe), so
// it crosses extension messages, Web Worker boundaries, IndexedDB and JSON files unchanged.

/** Everything taken from a page at capture time; kept so cleaning can be redone without the web. */
export interface PageCapture {
  url: string;
  /** The page's own <title>, with whatever site suffix it carries. */
  pageTitle: string;
  /** HTML of the main content as found in the page. Source only: never rendered as live HTML. */
  articleHtml: string;
  /** Text of the main content, one block element a line, before cleaning. */
  articleText: string;
  /** Visible text of the whole page, one block element a line. */
  pageText: string;
  meta: PageMeta;
  /** ISO 8601 timestamp. */
  capturedAt: string;
  /** Set when the page looks like a list or index of documents rather than a document (extract.ts detectListPage). */
  listPage?: ListPage;
}

/** A list/index page (通知公告 column, search results): its entries, for batch capture. */
export interface ListPage {
  isList: true;
  items: ListItem[];
  /** The page says how many entries or pages there are (「共298条记录 当前第1/15页」). */
  paginated: boolean;
}

export interface ListItem {
  title: string;
  /** As written in the page's href, resolved against the page URL when possible. */
  url: string;
  /** ISO YYYY-MM-DD when the entry shows a date, else ''. */
  date: string;
}

export interface PageMeta {
  /** <meta name|property|itemprop=… content=…>, keys lower-cased (articletitle, pubdate, sitename, og:title…). */
  tags: Record<string, string>;
  /** Label → value pairs from an open-government information table (索引号, 发布机构, 文号, 成文日期, 发布日期…). */
  govInfo: Record<string, string>;
  /** <html lang>, when present. */
  lang?: string;
  /** Text of the element the page marks as its byline (rel/itemprop author, class or id author/byline), when short. */
  byline?: string;
  /** Text (or datetime) of the element the page marks as its publication time (#publish_time, itemprop datePublished, <time>). */
  published?: string;
  /** Name of the account or outlet the page marks as its publisher (a WeChat post's 公众号, itemprop publisher). */
  publisher?: string;
}

/** A 文号 normalised to 〔year〕 brackets, with its parts. */
export interface DocNumber {
  /** e.g. 常经社委〔2024〕4号 */
  text: string;
  /** e.g. 常经社委 */
  agency: string;
  year: number;
  /** e.g. "4" (kept as text: some numbers carry letters or leading zeros) */
  number: string;
}

export type Script = 'simplified' | 'traditional';

/**
 * Where a document's year was read, so a researcher can audit it: its title (or the page's title
 * describing it), its own date (or, failing that, the page's), its text (an occasion, a session or
 * congress, an anniversary, the year a report plans), or given next to the text (a jsonl field, an
 * edit). '' when the year is unknown.
 */
export type YearSource = 'title' | 'date' | 'text' | 'given' | '';

export interface DocMetadata {
  /** The document's own title line; '' when none is found. */
  title: string;
  /** Issuing organisation(s), in the order the document names them; [] when unknown. */
  orgs: string[];
  docNumber: DocNumber | null;
  /** ISO YYYY-MM-DD of the document's own date (成文日期 / sign-off), else the page's publication date; '' when unknown. */
  date: string;
  /** The year the document is about (「2024年…工作要点」→ 2024), separate from its date; null when unknown. */
  year: number | null;
  // The three fields below are always set by extractMetadata; optional because records stored before
  // they existed (and metadata typed by hand elsewhere) lack them: read a missing one as ''.
  /** Where `year` was read. */
  yearSource?: YearSource;
  /** Who wrote or delivered it: a byline (作者, 记者, 文/), or the speaker of a speech or report; '' when not given. */
  author?: string;
  /** Where it was published: a newspaper and its page (人民日报 09版), a 公众号, a journal, a wire service; '' when not given. */
  publication?: string;
  /** 工作要点, 讲话, 通知, 意见, 方案, 报告, 决议, 政府工作报告…; '' when unknown. */
  docType: string;
  /** Script the document is written in; the stored text keeps it as written. */
  script: Script;
}

/** The result of cleaning a text: what stays, and what was taken out (for display and for tests). */
export interface CleanResult {
  text: string;
  /** Lines or fragments removed, each with the rule that removed it. */
  removed: { text: string; rule: string }[];
}

/** A captured page turned into a document: cleaned text plus the metadata read from it. */
export interface BuiltDocument {
  text: string;
  metadata: DocMetadata;
  removed: CleanResult['removed'];
  /** Passed on from the capture: the page is a list of documents, not one (the popup says so). */
  listPage?: ListPage;
}

// ---- Analysis (issue: analyse the collection) ----

export type FormulationKind = 'lexicon' | 'quoted' | 'numbered' | 'recurring';

export interface FormulationHit {
  /** Canonical form, simplified Chinese (an alias is reported under its lexicon entry). */
  text: string;
  kind: FormulationKind;
  /**
   * Occurrences of the phrase (analysis/counting.ts); for `quoted`, the occurrences written inside
   * quote marks.
   */
  count: number;
  /** `quoted` only: all occurrences, quoted or not (≥ count). */
  occurrences?: number;
  /** Lexicon category (theory, meeting, institution, slogan, campaign…) for `lexicon` hits. */
  category?: string;
}

export interface Heading {
  /** 1 = top level. */
  level: number;
  /** The marker as written: 一、 （一） 1. 1、 （1） 第一章 … */
  marker: string;
  /** Heading text without its marker. */
  text: string;
  /** Character offset of the heading line in the normalised text. */
  offset: number;
}

export interface BodyStats {
  chars: number;
  paragraphs: number;
  sentences: number;
  meanSentenceLength: number;
}

/** Per-document analysis, computed once and stored; corpus aggregates are built from these. */
export interface DocAnalysis {
  docId: string;
  /** Bumped when the analysis code, lexicon, user dictionary or stopwords change; stale results are recomputed. */
  version: string;
  /** Characters of the normalised text (the denominator of every per-10k rate). */
  chars: number;
  /** Term counts after segmentation and stopword removal, most frequent first. */
  terms: [term: string, count: number][];
  formulations: FormulationHit[];
  outline: Heading[];
  stats: BodyStats;
}

/**
 * A document's term counts as the aggregates read them: [term, count] pairs in the stored order.
 * A stored analysis holds an array; the aggregation worker holds them packed (analysis/packed-terms).
 */
export interface TermCounts extends Iterable<readonly [term: string, count: number]> {
  readonly length: number;
}

/** An analysis as the corpus sums read it: any form of its term counts. */
export type HeldAnalysis = Omit<DocAnalysis, 'terms'> & { terms: TermCounts };

/** What the aggregates need to know of a document besides its analysis. */
export interface DocFacet {
  docId: string;
  title: string;
  org: string;
  year: number | null;
  docType: string;
  date: string;
}
