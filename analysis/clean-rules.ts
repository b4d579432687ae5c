// Pattern tables for analysis/clean. Data, not code: each entry says what it catches and why.
// Boilerplate rules apply to SHORT lines (or lines whose structure is boilerplate), never to any
// line that merely contains a word: a body paragraph that mentions 广告 or 分享 must survive.

/**
 * A line-level boilerplate rule: a line matching `pattern` and not longer than `maxLen` goes. A line
 * longer than SHORT_LINE needs LONG_LINE_MIN_HITS different matches (a footer packs several items
 * on one line; a sentence that happens to say 订阅 or 联系我们 once is content) unless the rule
 * is `anchored`: its pattern describes the line's whole structure (「当前位置：…」, 「上一篇：…」).
 */
export interface LineRule {
  name: string;
  pattern: RegExp;
  /** Longest line (in characters, after trimming) the rule may remove. */
  maxLen: number;
  anchored?: boolean;
}

/** Distinct matches a line longer than SHORT_LINE needs for a word rule to remove it. */
export const LONG_LINE_MIN_HITS = 2;

/** Lines this short are "short": boilerplate words only count on lines like these. */
export const SHORT_LINE = 40;

/** A paragraph at least this long, repeated verbatim, is a scraping duplicate (the second copy goes). */
export const DUPLICATE_MIN_LEN = 50;

/**
 * A short line repeated this many times (digits ignored) is a running header/footer of a converted
 * PDF: every occurrence goes, the first one too (it is the gazette's or the file's name, not the title).
 */
export const RUNNING_HEADER_MIN_REPEATS = 3;
export const RUNNING_HEADER_MAX_LEN = 40;
/** A running header is a name: at least this many Han characters, starting and ending with a letter or digit (not 《 or ”“ left by wiki links). */
export const RUNNING_HEADER_MIN_HAN = 3;
export const RUNNING_HEADER_SHAPE = /^[\u3400-\u9FFFA-Za-z0-9].*[\u3400-\u9FFFA-Za-z0-9]$/;

/** Up to this many unmatched short lines squeezed between two boilerplate lines go with them. */
export const SANDWICH_MAX_LINES = 3;
export const SANDWICH_MAX_LEN = 40;

/**
 * Navigation menus flattened to text: above the first paragraph of at least MENU_BEFORE_LEN
 * characters, a run of at least MENU_MIN_RUN lines each at most MENU_ITEM_MAX_LEN long.
 */
export const MENU_ITEM_MAX_LEN = 8;
export const MENU_MIN_RUN = 3;
export const MENU_BEFORE_LEN = 50;

/** After a "related/recommended" list header, short lines (link titles) up to this length are list items. */
export const RELATED_ITEM_MAX_LEN = 60;

export const LINE_RULES: LineRule[] = [
  // Explicit "this page has no text" marker printed on the last page of official documents.
  { name: 'no-body-marker', pattern: /^[(（]?\s*此页无正文\s*[)）]?$/, maxLen: 12, anchored: true },
  // Ad slots and ad copy: CMS slot labels (内容头部广告位), classified-ad offers (招租).
  { name: 'ad', pattern: /广告位|广告招租|广告合作|广告投放|招租|赞助商|^广告$|^AD$|^Advertisement$/i, maxLen: SHORT_LINE },
  // Default texts of CMS widgets that nobody filled in.
  { name: 'ad', pattern: /^(自定义文字|自定义内容|自定义HTML|此处为广告|广告内容|请输入内容|默认文字)$/i, maxLen: 12 },
  // Breadcrumbs and "you are here" bars.
  { name: 'nav', pattern: /^(当前位置|您的位置|你的位置|您现在的位置|你现在的位置|所在位置|位置)\s*[:：]/, maxLen: 80, anchored: true },
  { name: 'nav', pattern: /^(网站)?首页\s*([>»›→/|｜＞]|$)/, maxLen: 80, anchored: true },
  // A menu bar of links on one line: 「首页 政务公开 办事服务 互动交流」.
  { name: 'nav', pattern: /^(网站)?首页([ \u3000]+[^\s，。；：]{2,8}){2,}$/, maxLen: 80, anchored: true },
  { name: 'nav', pattern: /^(返回首页|返回列表|返回上一页|返回顶部|回到顶部|网站地图|无障碍|English|繁體|繁体版|简体版|登录|注册)$/i, maxLen: 12 },
  // Link bars flattened to one line: 「无障碍 | 长者模式 | 繁體」, 「网站地图 | 联系我们」.
  { name: 'nav', pattern: /^[^|｜丨]{1,8}(\s*[|｜丨]\s*[^|｜丨]{1,8}){2,}$/, maxLen: 80, anchored: true },
  // Rows of an open-government info table (the values are kept in meta.govInfo, not in the text).
  {
    name: 'gov-info',
    anchored: true,
    pattern: /^(索\s*引\s*号|主题分类|体裁分类|组配分类|服务对象|发布机构|发文机关|成文日期|发布日期|公开方式|公开范围|公开时限|有\s*效\s*性|名\s*称|标\s*题|文\s*号|发文字号)\s*[:：]/,
    maxLen: 160,
  },
  // Counters: views, clicks, reads.
  {
    name: 'counter',
    pattern: /浏览量|浏览次数|阅读量|阅读次数|点击数|点击量|点击率|访问量|访问次数|(浏览|阅读|点击|访问)\s*[:：]\s*\d*|阅读\s*\d+\s*次|\d+\s*次(浏览|阅读|点击)|\d+\s*人(阅读|浏览|看过)|人气\s*[:：]/,
    maxLen: 80,
  },
  // Comment and captcha boxes.
  {
    name: 'comment',
    pattern: /^(留言与评论|发表评论|网友评论|我要评论|我要留言|评论区|全部评论|最新评论|热门评论|提交评论|发表留言|评论\s*[(（（]|验证码|看不清|换一张|请输入验证码|请先登录|登录后(才能)?(评论|发表)|共有\s*\d+\s*条评论|已有\s*\d+\s*条评论|暂无评论|\d+\s*条评论)/,
    maxLen: SHORT_LINE,
  },
  // Previous/next links under an article.
  { name: 'prev-next', pattern: /^(上一篇|下一篇|上一条|下一条|上一页|下一页|前一篇|后一篇|上篇|下篇)\s*[:：]?/, maxLen: 80, anchored: true },
  // Share widgets and QR-code prompts.
  {
    name: 'share',
    pattern: /分享到|分享至|一键分享|转发到|扫一扫|扫描二维码|扫码|二维码|微信扫|手机扫|用手机看|手机阅读|手机浏览|在手机上(打开|阅读|浏览)|^分享$|^(微信|微博|QQ空间|QQ好友|朋友圈)$/,
    maxLen: SHORT_LINE,
  },
  // Print / font size / close / favourite controls.
  {
    name: 'controls',
    pattern: /(字体|字号)\s*[:：]?\s*[【[]?\s*大\s*[】\]]?\s*[【[]?\s*中\s*[】\]]?\s*[【[]?\s*小|^[【[]?(打印|打印本页|打印此页|关闭|关闭窗口|关闭本页|收藏|加入收藏|收藏本页|设为首页|保存|纠错|我要纠错|返回)[】\]]?$/,
    maxLen: 60,
  },
  // Site footers: sponsor, site id, ICP licence, public-security registration, copyright, the site's
  // help lines (a long footer line needs two of these), and the 「党政机关」 badge of government sites.
  {
    name: 'footer',
    pattern: /主办单位|承办单位|主办\s*[:：]|承办\s*[:：]|协办\s*[:：]|网站标识码|ICP\s*备|ICP\s*证|公网安备|版权所有|Copyright|©|技术支持\s*[:：]|联系我们|建议使用.{0,20}浏览器|最佳(浏览|显示)|分辨率|网站管理\s*[:：]|网站维护\s*[:：]|咨询热线\s*[:：]|备案号\s*[:：]|^党政机关(网站)?(标识)?$/i,
    maxLen: 80,
  },
  // End marks of posts and wire stories: 「—— END ——」, 「-END-」, 「（完）」, 「【全文完】」.
  {
    name: 'end-mark',
    pattern: /^(?:[-—–─━=_*·•\s]*(?:END|THE\s*END)[-—–─━=_*·•\s]*|(?:[-—–─━=_*·•\s]+|[（(【[])\s*(?:完|全文完)\s*(?:[-—–─━=_*·•\s]+|[）)】\]]))$/i,
    maxLen: 20,
    anchored: true,
  },
  // Horizontal rules typed as text (「————————」, 「- - - - -」, 「＿＿＿＿」, 「*****」): no words at all.
  { name: 'rule-line', pattern: /^[-—–─━═=_＿*＊~～·•.。…﹏\s]{3,}$/, maxLen: 200, anchored: true },
  // Image captions written as text: 「图为…」, 「（图片来源：…）」, 「▲ 活动现场」, a photographer's credit
  // 「（记者 张三 摄）」 or 「XX供图」 closing a short line. The DOM reader drops <figcaption> and short
  // lines right under an image before this; these catch captions that lost their image.
  {
    name: 'caption',
    pattern: /^[(（]?\s*(图为|图片来源|图片由|图源|图\s*[:：]|题图|配图|[▲△↑]\s*\S)|(摄影|摄|供图|图片|配图)\s*[)）]?\s*$|^[(（][^()（）]{0,30}(摄|供图)[)）]$/,
    maxLen: 80,
    anchored: true,
  },
  // Document-sharing sites stamp their pages with download and visit-the-site promotion
  // (「海量文档免费下载」, 「更多精品文档请访问…」, 「本文档由…上传」): pattern classes, not site names.
  {
    name: 'doc-sharing',
    pattern: /(海量|免费|精品|优质|原创|热门|最新)[^，。]{0,6}(文档|资料|范文|文库|模板)[^，。]{0,8}(下载|分享|尽在|请访问|欢迎访问)|(更多|其他|全部)[^，。]{0,6}(文档|资料|范文|内容|精品)[^，。]{0,8}(请访问|请登录|请关注|请搜索|尽在|下载)|(请|欢迎)(访问|登录|收藏)[^，。]{0,16}(网|站|平台|www\.|\.com|\.cn|\.net)|本(文档|文|资料)[^，。]{0,10}(由|来自)[^，。]{0,16}(上传|提供|分享)|(文档|资料)(下载|分享)(网|平台|站)|下载[^，。]{0,4}(积分|币|券)|word\s*(版|格式)?\s*(可编辑|下载)/i,
    maxLen: SHORT_LINE,
  },
  // WeChat calls to action under a post: 「喜欢就点个“在看”吧」, 「长按识别二维码关注」, 「关注我们」,
  // 「点赞、转发、在看」, 「设为星标」; quotes and separators between the words vary.
  {
    name: 'wechat-cta',
    pattern: /点[个一下]?\s*[“"「『]?\s*(在看|赞|分享|收藏)|喜欢(就|请|的话)|(分享|转发)[给到]?(更多|朋友|身边|你的)|长按[^，。]{0,6}(识别|关注|二维码|扫码)|关注[^，。]{0,6}(公众号|我们|本号)|设为星标|星标[^，。]{0,4}(我们|公众号)|(在看|点赞|转发)[、，,\s]+(在看|点赞|转发|分享)/,
    maxLen: SHORT_LINE,
  },
  // Paid-site promotion and watermarks.
  {
    name: 'promotion',
    pattern: /仅供(个人)?(学习|参考|交流)|禁止外传|请勿外传|严禁外传|禁止转载|VIP|会员群|会员资料|会员材料|会员专享|开通会员|成为会员|充值|关注(微信)?公众号|公众号\s*[:：]|扫码关注|举报倒卖|打击倒卖|倒卖|QQ群|微信群\s*[:：]|订阅|立享|付费|下载(本文|全文|word|文档)|点击下载|文档(可|能)编辑|word版|资料来源于网络|如有侵权|侵权.{0,6}删除|本文由.{0,20}(整理|提供)|原创.{0,10}转载|加微信|私信|关注我们|点击(上方)?蓝字|长按(识别)?二维码|点(个)?在看|设为星标|阅读原文/i,
    maxLen: 80,
  },
];

/**
 * Emoji and pictographs (📌, 🔥, ✅) carry nothing a count or a title needs: removed from the text.
 * ©, ® and ™ stay (footer rules read them); the joiners and variation selectors of emoji go with them.
 */
export const EMOJI = /(?:(?![©®™])\p{Extended_Pictographic}[\uFE0F\u200D\u20E3]*|[\uFE0F\u20E3])+/gu;

/**
 * A dash subtitle wrapped over two lines (「——在…第一次会」 / 「议上的工作报告」) ends, on its
 * second line, like a subtitle: the occasion 「…上」, the kind of text, or a closing bracket.
 */
export const SUBTITLE_END = /(上|讲话|报告|发言|致辞|说明|演讲|讲稿|[)）])$/;
/** The second line of a wrapped subtitle is at most this long. */
export const SUBTITLE_TAIL_MAX = 30;

/**
 * Line-start markers of headings and numbered items. A line starting with one of these begins a
 * new block: nothing is ever glued onto the end of the line before it.
 */
export const HEADING_MARKERS: RegExp[] = [
  /^[一二三四五六七八九十百]+[、.．]/, // 一、
  /^[（(][一二三四五六七八九十百]+[）)]/, // （一）
  /^\d{1,2}[.．、](?!\d)/, // 1. 1、 (not 3.5)
  /^[（(]\d{1,2}[）)]/, // （1）
  /^[①-⑳]/, // ①
  /^第[一二三四五六七八九十百零〇\d]+[章节条部分篇编款]/, // 第一章
  /^[一二三四五六七八九十]是[，,、]?/, // 一是… (run-in enumeration in speeches)
  /^(附件|附表|附录)\s*\d*\s*[:：]?|^附\s*[:：]/, // 附件： 附：
];

/**
 * Run-in enumerators that only count as a marker when they stand alone on a line (「二要」, 「三来」):
 * a wiki link right after them broke the line. At the start of a longer line they are ordinary words.
 */
export const BARE_ENUMERATOR = /^[一二三四五六七八九十]+[是要来][，,、：:]?$/;

/**
 * A title at the top of a text: its first line, up to this long, with no sentence end in it, above a
 * paragraph that ends a sentence and is longer than it. WeChat and news titles carry commas, colons
 * and bars (「凝心聚力抓党建，实干担当促发展｜…」), so punctuation inside does not make them prose.
 */
export const TOP_TITLE_MAX_LEN = 80;
/** No sentence ends inside a title (a line with one is the text's first paragraph). */
export const TOP_TITLE_NOT = /[。！？!?；;]/;

/**
 * A report delivered as one line (a scraped page without paragraphs, a PDF flattened to one line) is
 * cut into paragraphs by the cleaner before anything else reads it, and by the outline parser for
 * texts stored before that. Only texts with at most this many lines, one of them this long, are cut:
 * in a text with paragraphs a marker inside a paragraph is an inline enumeration.
 */
export const RUN_ON_MAX_LINES = 3;
export const RUN_ON_MIN_LINE = 2000;
const RUN_ON_NUM = '一二三四五六七八九十百零〇';
/** Markers a section or item of a run-on report opens with: 第一章 第一部分 一、 （一） 1、 ①. */
const RUN_ON_MARKER = `(?:第[${RUN_ON_NUM}]{1,4}[章节编]|第[${RUN_ON_NUM}]{1,4}部分|[${RUN_ON_NUM}]{1,3}[、．]|[（(][${RUN_ON_NUM}]{1,3}[）)]|\\d{1,2}[、．]|[①-⑳])`;
/** A sentence end (or a page number) with a marker right after it: the paragraph ends there. */
export const RUN_ON_SPLIT = new RegExp(`(?:[。！？；：]|[—-]\\d{1,4}[—-])(?=\\s{0,4}${RUN_ON_MARKER})`, 'g');
/** A sentence end followed by a space: a line break flattened into a space. */
export const RUN_ON_SPACE_BREAK = /([。！？!?][”’」』）)]?)[ \u3000]+/g;
/** A page number inside a run-on line (「…一 — 1 — 般…」), spaced off: put on a line of its own, where it is removed. */
export const RUN_ON_PAGE_NUMBER = /[ \u3000]+([—–－-][ \u3000]*\d{1,4}[ \u3000]*[—–－-])(?=[ \u3000]|$)/g;
/**
 * A short heading followed by a space (「一、2023年工作回顾 过去的一年…」): its title ends at the space.
 * Only where spaces mark line breaks (most follow a sentence end), not where they mark a PDF's wraps.
 */
export const RUN_ON_HEADING_SPACE = new RegExp(`(^|\\n)(${RUN_ON_MARKER}[^，。；：！？,;:!?\\s]{1,30})[ \u3000]+`, 'g');

/** A marker line this long or shorter without a full stop inside is a heading (never glued to the next line). */
export const HEADING_MAX_LEN = 80;

/** A header line carrying a 文号 (「云政发〔2024〕12号　签发人：周明」): a block of its own, never continued. */
export const DOC_NUMBER_LINE = /[〔【[［（(﹝]\s*(19|20)\d{2}\s*[〕】\]］）)﹞]\s*第?\s*\d+\s*[号號]/;
/** A field line 「签发人：周明」, 「主送：…」: a short label, a colon, a value without sentence punctuation. */
export const FIELD_LINE = /^[\u4e00-\u9fa5]{2,6}\s*[:：][^，。；,;]{1,30}$/;
export const HEADER_LINE_MAX_LEN = 60;

/** Sentence punctuation inside a line: a line without any is title/label-like, not prose. */
export const SENTENCE_PUNCT = /[，。；：、！？,;!?]/;

/** A line ending in one of these is complete: never merged with what follows. */
export const TERMINAL_END = /[。！？；：!?;:…”’"』」】]$/;

/** A line starting with one of these continues the previous line (wiki links and PDF wraps leave them alone). */
export const CONTINUATION_START = /^[，。、；：！？）》」』”’,.;:!?)\]】]/;

/**
 * Words no title, heading or sentence ends with: a line ending in one was cut mid-sentence (a wiki
 * link, a wrap) and continues. Kept to words that are never the last word of a noun phrase
 * (「目的」 is one, hence the look-behind; 和/与/及/在/对/为 end words like 祥和, 参与, 普及, 所在, 应对, 作为).
 */
export const DANGLING_END = /((?<!目)的|关于|按照|根据|对于|由于|随着|为了|以及|并且|而且|但是|因为|所以)$/;

/** A line ending with an opening bracket/quote or a comma is unfinished. */
export const OPEN_END = /[《「『“‘（([【，、,]$/;

/** Stand-alone dates (a sign-off date line) are never glued to anything. */
export const DATE_LINE =
  /^[(（]?\s*((19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九]{4}\s*年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日|(19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2})\s*[)）]?\s*(印发|发布|通过)?$/;

/** Organisation-name endings (sign-off lines like 「中共××委员会」), simplified and traditional. */
export const ORG_SUFFIX =
  /(中央|委员会|委員會|人民政府|政府|办公室|辦公室|办公厅|辦公廳|党委|黨委|党组|黨組|工委|纪委|紀委|监委|監委|总工会|總工會|联合会|聯合會|协会|協會|学会|學會|研究会|研究會|委|局|厅|廳|部|院|署|办|辦|处|處|科|所|中心|公司|集团|集團|大学|大學|学院|學院|学校|學校|支部|总支|總支|团委|團委|妇联|婦聯|人大|政协|政協|法院|检察院|檢察院)$/;

/**
 * Text wrapped at a fixed width (a PDF converted line by line): when this share of lines has
 * (nearly) the same length, a line that long is a wrapped line and continues on the next one.
 * Only lines that look cut (ending mid-sentence, not starting with a heading marker) vote for
 * the width: headings of equal length (「一、…」「二、…」 of 15 characters each) are not a wrap.
 */
export const WRAP_MIN_SHARE = 0.3;
export const WRAP_MIN_LINES = 8;
export const WRAP_MIN_WIDTH = 15;
/** Half-width digits and letters fit more characters on a line; much longer lines are not wrapped text (a title, a subtitle). */
export const WRAP_MAX_OVERRUN = 1.3;
/**
 * In wrapped text the width is the upper edge of the line lengths: paragraphs end in shorter
 * lines, almost none run longer. When more than this share of the lines is longer than the width
 * (× WRAP_MAX_OVERRUN), the lines are free-length paragraphs (an HTML page) and nothing is a wrap.
 */
export const WRAP_MAX_LONGER_SHARE = 0.1;

/** Page numbers left by PDF conversion: — 3 —, -3-, 第3页, 3/12, a bare number. */
export const PAGE_NUMBER: RegExp[] = [
  /^[—–\-－─~～]+\s*\d{1,4}\s*[—–\-－─~～]+$/,
  /^第\s*\d{1,4}\s*页(\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?$/,
  /^(共\s*\d{1,4}\s*页\s*)?第\s*\d{1,4}\s*页$/,
  /^\d{1,4}\s*[/／]\s*\d{1,4}$/,
  /^(Page|P\.?)\s*\d{1,4}(\s*of\s*\d{1,4})?$/i,
];

/**
 * A bare number on its own line is a page number only when the text has several of them counting
 * up; otherwise it is more likely a piece of a sentence broken by a wiki link (「增长\n2\n倍」).
 */
export const BARE_NUMBER = /^\d{1,3}$/;
export const BARE_NUMBER_MIN_RUN = 3;

/** Author/date bylines: short lines made only of a date, labels like 来源：/作者：, a name and a counter. */
export const BYLINE_DATE = /(19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(\s*\d{1,2}:\d{2}(:\d{2})?)?/g;
/** Byline labels (matched longest first). */
export const BYLINE_LABELS = [
  '发布时间', '发布日期', '发布者', '发布人', '发布', '发表时间', '发表', '更新时间', '更新', '录入', '上传', '撰稿', '编辑', '责编',
  '责任编辑', '审核', '校对', '作者', '来源', '信息来源', '文章来源', '稿源', '出处', '供稿', '时间', '日期', '字号', '浏览量',
  '浏览次数', '浏览', '阅读量', '阅读次数', '阅读', '点击量', '点击数', '点击', '访问量', '次数', '人次', '次', '分享',
  '记者', '通讯员', '摄影', '版', '第', '原创', '发表于',
  'admin', 'administrator', 'editor', '管理员', '小编', '网站编辑',
];
/** Control widgets that sit inside bylines and title bars: 【字体：大 中 小】【打印】【关闭】. Removed as fragments. */
export const CONTROL_FRAGMENT =
  /[【[]\s*(字体|字号)\s*[:：]?\s*[【[]?\s*大\s*[】\]]?\s*[【[]?\s*中\s*[】\]]?\s*[【[]?\s*小\s*[】\]]?\s*[】\]]|(字体|字号)\s*[:：]\s*[【[]?大[】\]]?\s*[【[]?中[】\]]?\s*[【[]?小[】\]]?|[【[]\s*(打印|打印本页|打印此页|关闭|关闭窗口|关闭本页|收藏|加入收藏|返回顶部|纠错|保存)\s*[】\]]/g;
/** After removing byline parts, at most this many characters may be left (an author's name, a source). */
export const BYLINE_MAX_REST = 24;
/**
 * What makes a line a byline: a numeric date (2025-02-21, 2024/3/22, 2024.03.22) or a byline label
 * with a colon. A date written 2024年3月22日 alone is a sign-off line and stays.
 */
export const BYLINE_SIGNAL =
  /(19|20)\d{2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}|(作者|来源|发布时间|发布日期|发布者|责任编辑|编辑|责编|审核|校对|记者|通讯员|摄影|信息来源|文章来源|稿源|时间|日期)\s*[:：]|第\s*\d{1,3}\s*版/;

/** Headers of related/recommended lists: the header goes, and the short link lines after it. */
export const RELATED_HEADER =
  /^((相关|推荐|热门|热点|精彩|最新|更多|其他|延伸|同类|往期)(文章|阅读|推荐|新闻|链接|信息|文件|范文|文档|资料|内容|专题|发布)|猜你喜欢|你可能(还)?喜欢|您可能(还)?感兴趣|大家都在看|看了本文的人还看了|为您推荐)\s*[:：]?\s*(更多|>>|》》|more)?$/i;

/** Inline footnote markers from wiki exports: [1], [ 12 ], [CPC 1], [注1]; possibly broken over lines. */
export const FOOTNOTE_MARKER = /\[\s*(?:[A-Za-z]{1,6}\s*|注\s*)?\d{1,3}\s*\]/g;

/** Wiki back-reference arrows left as a line of their own. */
export const WIKI_ARROW_LINE = /^[↑^]$/;

/**
 * Wikisource licence footer: a block at the end opening with 「本作品…」/「这部作品…」 that talks
 * about copyright status, usually ending with "Public domain … false".
 */
export const WIKISOURCE_FOOTER_START = /(^|\n)\s*(本作品|这部作品|這部作品|此作品)[^\n]{0,80}/g;
export const WIKISOURCE_FOOTER_SIGNAL = /公有领域|公有領域|Public domain|著作权法|著作權法|版权|版權/;
/** The footer must begin within this many characters of the end. */
export const WIKISOURCE_FOOTER_MAX = 4000;

/**
 * Inline pinyin inserted by anti-copy scripts after each character: 教(jiao)育(yu). Only a valid
 * syllable (initial + final, optional tone digit or marks) inside brackets right after a Han
 * character counts, and only when it happens several times in the text.
 */
export const PINYIN_SYLLABLE =
  /^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(iang|iong|uang|ueng|ang|eng|ing|ong|uai|uan|ian|iao|van|üan|ai|ei|ao|ou|an|en|in|un|ün|vn|ia|ie|iu|ua|uo|ue|üe|ve|ui|er|a|o|e|i|u|ü|v|ng|n|m)[1-5]?$/;
export const INLINE_PINYIN = /([\u3400-\u9FFF])\s?[(（]\s*([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,6}[1-5]?)\s*[)）]/g;
export const INLINE_PINYIN_MIN_COUNT = 3;

/** Tone marks to plain vowels, so a marked syllable can be checked against PINYIN_SYLLABLE. */
export const TONE_MARKS: [RegExp, string][] = [
  [/[āáǎà]/g, 'a'],
  [/[ēéěè]/g, 'e'],
  [/[īíǐì]/g, 'i'],
  [/[ōóǒò]/g, 'o'],
  [/[ūúǔù]/g, 'u'],
  [/[ǖǘǚǜ]/g, 'ü'],
  [/[ńňǹ]/g, 'n'],
  [/ḿ/g, 'm'],
];

/**
 * Traditional → simplified for the characters the patterns above use (generated with OpenCC, tw/hk,
 * round-trip checked). Lines are folded for MATCHING only; the text keeps the script it was written in.
 */
export const FOLD_TRADITIONAL = '廣頁無內頭贊義處為請輸認當現網頂圖礙體簡錄冊長聯們號題類組務對發機構關開範圍時稱標瀏覽數閱閲讀點擊訪問過氣與評論區熱門驗證碼換張後條暫鍵轉掃維間閉設糾錯辦單協識備權術議顯僅個學習參傳嚴載會員羣資專眾舉報賣訂費檔編輯來於絡刪創節廳黨紀監總團婦檢責審薦聞鏈歡還興這領';
export const FOLD_SIMPLIFIED = '广页无内头赞义处为请输认当现网顶图碍体简录册长联们号题类组务对发机构关开范围时称标浏览数阅阅读点击访问过气与评论区热门验证码换张后条暂键转扫维间闭设纠错办单协识备权术议显仅个学习参传严载会员群资专众举报卖订费档编辑来于络删创节厅党纪监总团妇检责审荐闻链欢还兴这领';
