// Tables for analysis/metadata: what a 文号, a date, a document type, an organisation look like.

/**
 * A 文号: agency code, year in any bracket style, number, 号. Brackets seen in the wild:
 * 〔〕 (the standard), 【】, [], ［］, （）, (), ﹝﹞, and 〈〉.
 */
export const DOC_NUMBER =
  /([\u4e00-\u9fa5A-Za-z]{1,16}?)\s*[〔【[［（(﹝〈]\s*((?:19|20)\d{2})\s*[〕】\]］）)﹞〉]\s*(?:第\s*)?([0-9A-Za-z-]{1,8})\s*([号號])/;

/**
 * Organisation-name endings, used to split and recognise header / sign-off lines (「中共中央 国务院」,
 * 「中共中央办公厅 国务院办公厅」, 「中共××市委 ××市人民政府」). Each part of such a line must end in one.
 * The central leadership is named by its seat (中共中央, 党中央), not by a suffix of a kind, hence 中央.
 */
export const ORG_NAME_SUFFIXES = [
  '中央', '委员会', '委員會', '人民政府', '(?:^|[市县縣区區州省旗盟镇鎮乡鄉])政府', '国务院', '國務院',
  '办公室', '辦公室', '办公厅', '辦公廳', '党委', '黨委', '党组', '黨組', '工委', '纪委', '紀委', '监委', '監委',
  '总工会', '總工會', '联合会', '聯合會', '协会', '協會', '学会', '學會', '研究会', '研究會',
  '人民代表大会', '人民代表大會', '常委会', '常委會', '人大', '政协', '政協', '法院', '检察院', '檢察院',
  '领导小组', '領導小組', '银行', '銀行', '委', '局', '厅', '廳', '部', '院', '署', '办', '辦', '中心', '公司',
  '集团', '集團', '大学', '大學', '学院', '學院', '学校', '學校', '支部', '总支', '總支', '团委', '團委', '妇联', '婦聯',
] as const;
export const ORG_NAME_END = new RegExp(`(?:${ORG_NAME_SUFFIXES.join('|')})$`);

/** Labels of open-government tables, by meaning (keys as they appear after removing spaces). */
export const GOV_LABELS = {
  org: ['发布机构', '发文机关', '发文单位', '发布单位', '制发机关', '成文机关', '公开主体'],
  docNumber: ['文号', '发文字号', '发文文号', '文件编号', '字号'],
  writtenDate: ['成文日期', '成文时间', '印发日期', '签发日期'],
  publishedDate: ['发布日期', '发布时间', '公开日期', '生成日期', '发文日期', '公开时间'],
  title: ['标题', '名称', '文件名称', '信息名称'],
} as const;

/** <meta> keys that carry a title / a publication date (keys lower-cased). */
export const META_TITLE_KEYS = ['articletitle', 'og:title', 'twitter:title', 'title', 'dc.title', 'headline'];
export const META_DATE_KEYS = [
  'pubdate',
  'publishdate',
  'firstpublishedtime',
  'article:published_time',
  'og:article:published_time',
  'datepublished',
  'dc.date',
  'dc.date.issued',
  'date',
  'publish_date',
];
export const META_ORG_KEYS = ['contentsource', 'source', 'author'];
/**
 * Common Chinese surnames (the single ones that cover nearly all of the population, and the usual
 * compound ones). An author named only by the page (<meta>, a byline element), not in the text,
 * must start with one: 「人民网」, 「编辑部」 or 「admin」 are no authors.
 */
export const COMMON_SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝习';
export const COMPOUND_SURNAMES = /^(?:欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|令狐|夏侯|长孙|宇文|司徒|端木|申屠|万俟|闻人|独孤|南宫)/;

/** <meta> keys that may name the author(s); only values that read as personal names are taken. */
export const META_AUTHOR_KEYS = ['author', 'article:author', 'og:article:author', 'byl', 'dc.creator', 'creator', 'sailthru.author', 'parsely-author'];

/** Separators between an article title and the site name in a page <title>. */
export const TITLE_SEPARATORS = /\s*(?:[_|｜]|--|—|–|-\s|\s-|·|::)\s*/;

/**
 * Document types read from the end of a title, most specific first. `re` is tested against the
 * title with trailing punctuation removed; the first match wins.
 */
export const DOC_TYPES: { type: string; re: RegExp }[] = [
  { type: '政府工作报告', re: /政府工作(报告|報告)$/ },
  { type: '工作要点', re: /(工作)?要点$|(工作)?要點$/ },
  {
    type: '讲话',
    re: /(讲话|講話|讲话稿|講話稿|致辞|致辭|发言|發言|讲话提纲|主题党课|党课讲稿)$|^在.+(会议|會議|会|會|仪式|儀式|论坛|論壇|座谈会|座談會|大会|大會|典礼|典禮)上的?(讲话|講話|致辞|致辭|发言|發言)$/,
  },
  { type: '决议', re: /(决议|決議)$/ },
  { type: '决定', re: /(决定|決定)$/ },
  { type: '意见', re: /(意见|意見)$/ },
  { type: '方案', re: /方案$/ },
  { type: '规划', re: /(规划|規劃)(纲要|綱要)?$/ },
  { type: '计划', re: /(计划|計劃)$/ },
  { type: '总结', re: /(总结|總結)$/ },
  { type: '报告', re: /(报告|報告)$/ },
  { type: '办法', re: /(办法|辦法)(（试行）|\(试行\)|（試行）)?$/ },
  { type: '条例', re: /(条例|條例)(（试行）|\(试行\)|（試行）)?$/ },
  { type: '规定', re: /(规定|規定)(（试行）|\(试行\)|（試行）)?$/ },
  { type: '细则', re: /(细则|細則)(（试行）|\(试行\)|（試行）)?$/ },
  { type: '批复', re: /(批复|批覆|批復)$/ },
  { type: '通报', re: /(通报|通報)$/ },
  { type: '通告', re: /通告$/ },
  { type: '公告', re: /公告$/ },
  { type: '公报', re: /(公报|公報)$/ },
  { type: '纪要', re: /(纪要|紀要)$/ },
  { type: '请示', re: /(请示|請示)$/ },
  { type: '命令', re: /命令$/ },
  { type: '函', re: /[^公]函$/ },
  { type: '通知', re: /通知$/ },
];

/**
 * Transmittal notices (关于印发《X》的通知) carry another document: its type is the type of X,
 * the attached document being the substance a researcher files it under.
 */
export const TRANSMITTAL = /^(?:.*?(?:关于|關於))?(?:印发|印發|转发|轉發|下发|下發|发布|發布|公布)《(.+?)》的(?:通知|函)$/;

/** The last line of a title broken over two lines: 「的通知」. */
export const TITLE_TAIL = /^的?(通知|意见|意見|决定|決定|报告|報告|批复|批復|函|办法|辦法|方案|规定|規定|通报|通報|公告|决议|決議|请示|請示|纪要|紀要|实施意见|工作要点)$/;

/** A subtitle under a speech or report title: 「——2024年1月18日在…会议上」, 「（2024年1月18日）」. */
export const SUBTITLE_DATE = /^(——|—|--|[(（])/;

/** Types read from the opening lines when the title says nothing (checked before SPEECH_OPENING). */
export const CONTENT_TYPES: { type: string; re: RegExp }[] = [
  // 「现在，我代表市人民政府，向大会报告工作」: a government work report, delivered as a speech.
  { type: '政府工作报告', re: /我代表.{0,16}(人民政府|国务院|政府|行署|行政公署)[，,\s]{0,2}(向大会)?[，,\s]{0,2}(报告(政府)?工作|作(政府)?工作报告)/ },
  // 「我代表第十九届中央委员会向大会作报告」, 「我代表中央委員會作…報告」: a congress report, not a speech.
  { type: '报告', re: /我(?:谨|謹)?(?:代表|受).{0,12}(委员会|委員會|党委|黨委|省委|市委|县委|縣委|区委|區委).{0,24}(作|做).{0,20}(报告|報告)/ },
];

/** A subtitle that says what the document is: 「——在中国共产党第十九次全国代表大会上的报告」. */
export const SUBTITLE_OCCASION = /^(?:——|—|--)?\s*(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*)?(在.{2,40}上的?.{0,6})$/;

/**
 * What an issuing organisation's name ends with, for names read from running text or a title
 * (「我代表××人民政府」, 「××局关于…」). Stricter than ORG_NAME_END: a book or essay title such as
 * 「论联合政府」 ends in 政府 but names no government, so a bare 政府 needs an administrative level
 * before it (市政府, 县政府).
 */
export const ISSUER_SUFFIXES = [
  '委员会', '委員會', '人民政府', '[市县縣区區州省旗盟镇鎮乡鄉]政府', '国务院', '國務院', '中央', '党中央', '黨中央',
  '办公室', '辦公室', '办公厅', '辦公廳', '党委', '黨委', '党工委', '黨工委', '党组', '黨組', '工委', '纪委', '紀委',
  '监委', '監委', '[省市县縣区區州旗盟]委', '局', '厅', '廳', '部', '署', '行署', '行政公署', '总工会', '總工會',
  '联合会', '聯合會', '人民代表大会', '人民代表大會', '代表大会', '代表大會', '常委会', '常委會', '政协', '政協',
  '法院', '检察院', '檢察院', '团委', '團委', '妇联', '婦聯', '支部', '总支', '總支',
] as const;
export const ISSUER_END = new RegExp(`(?:${ISSUER_SUFFIXES.join('|')})$`);

/**
 * 「我代表××向大会报告工作」, 「现在，我代表第十八届中央委员会向大会作报告」, 「我受十二届中央委员会委托，
 * 向大会作报告」: who delivers the report. Only the opening words are a pattern; the organisations after
 * them are read by metadata.ts in a bounded window (REPRESENTING_WINDOW), because a pattern with a
 * repeated group of organisation names backtracks exponentially on 「我代表局和局和…」.
 */
export const REPRESENTING_HEAD = /(?:我们|我們|我)(?:谨|謹)?(?:代表|受)/g;
/** How many characters after 「我代表」 may hold the organisations and 「向大会」. */
export const REPRESENTING_WINDOW = 60;
/** Separators between several organisations represented at once (「代表市委、市政府」). */
export const REPRESENTED_SEPARATOR = /^[、和与與及]/;
/** What follows the organisations: 「委托」, a comma, then 「向大会」 / 「作报告」. */
export const REPRESENTING_TAIL = /^(?:委托|委託)?[，,、 \u3000]{0,3}(?:向|作|做|报告|報告)/;

/** Posts a report's speaker signs with, after the organisation: 「××市人民政府市长 张三」. */
export const SPEAKER_POSTS = ['市长', '州长', '区长', '县长', '省长', '盟长', '旗长', '主席', '总理', '专员', '书记', '主任'] as const;
/** 「××市人民政府市长　张三」, 「国务院总理李强」: the speaker's line names the organisation (group 1). */
export const SPEAKER_LINE = new RegExp(
  `^([\\u4e00-\\u9fff]{0,22}?(?:${ISSUER_SUFFIXES.join('|')}))(?:代理|代)?(?:${SPEAKER_POSTS.join('|')})[\\s\\u3000]*[\\u4e00-\\u9fff·]{2,4}`,
);

/** A line that is only a speaker's post and name (「市长　马军」, 「××市人民政府市长　张三」): never a title. */
export const SPEAKER_ONLY = new RegExp(
  `^[\\u4e00-\\u9fff]{0,24}?(?:${SPEAKER_POSTS.join('|')})[\\s\\u3000]*[\\u4e00-\\u9fff·][\\s\\u3000]*[\\u4e00-\\u9fff·]{1,3}$`,
);

/**
 * 「（2024年1月29日在××市第十四届人民代表大会第四次会议上）」: the place (group 1) and level (group 2)
 * of the people's congress that hears the report. It names the government that reports to it when
 * the report says only 「我代表市人民政府」 (same level).
 */
export const OCCASION_CONGRESS =
  /在([\u4e00-\u9fff]{2,12}?)([省市州区區县縣盟旗])第[一二三四五六七八九十百\d]+[届屆]人民代表大[会會]/;

/**
 * An organisation named without its place (「我代表市人民政府」, 「我代表局党组」): a level or unit and a
 * kind only. The text does not say which one; nothing is made up, the organisation stays unknown.
 */
export const UNNAMED_ISSUER =
  /^(?:[省市县縣区區州旗盟镇鎮乡鄉局厅廳部院校]|自治[区區州县縣旗])(?:人民政府|政府|委员会|委員會|委|党委|黨委|党组|黨組|政协|政協|人大常委会|人大常委會)$|^(?:行署|行政公署)$/;

/**
 * The central committee of the Party (「代表第十九届中央委员会」 in a Party document, 「代表中国共产党第十一届
 * 中央委员会」): filed under its usual short name.
 */
export const CENTRAL_COMMITTEE = /^(中国共产党|中國共產黨|中共)?(?:中央委员会|中央委員會)$/;
export const CENTRAL_COMMITTEE_NAME = '中共中央';
/** The text is a Party document when it names the Party. */
export const PARTY_CONTEXT = /中国共产党|中國共產黨|中共|党的|黨的/;

/**
 * 「在中国共产党第十次全国代表大会上的报告」, 「——在中国共产党××市第十三次代表大会上的报告」: the report to a
 * Party congress is its committee's (the central committee for the national congress, else the
 * committee of the place, group 2). Speeches (讲话, 致辞) at a congress are not: guests give them.
 */
export const PARTY_CONGRESS_REPORT =
  /在(?:中国共产党|中國共產黨|中共)([\u4e00-\u9fff]{0,16}?)第[一二三四五六七八九十百\d]+次(全国|全國)?代表大[会會]上的?(?:政治|工作)?(?:报告|報告)/;

/** The 「第N届」 of a body (「第十八届中央委员会」, 「中国共产党第十一届中央委员会」): not part of its name. */
export const TERM_PREFIX = /第?[一二三四五六七八九十百\d]+[届屆]/;

/**
 * A session of a body as the issuer in a title: 「第十四届全国人民代表大会第二次会议关于…的决议」.
 * Group 1 is the body (「全国人民代表大会」).
 */
export const SESSION_ISSUER =
  /^(?:第[一二三四五六七八九十百\d]+[届屆])?(.{2,24}?(?:人民代表大会|人民代表大會|代表大会|代表大會|委员会|委員會|常务委员会|常務委員會))(?:第[一二三四五六七八九十百\d]+次(?:全体|全體)?(?:会议|會議))?(?:关于|關於)/;

/**
 * An organisation at the head of a title, before what it issues: 「××局关于…」,
 * 「2024年中华人民共和国国务院政府工作报告」, 「××党工委2025年党建工作要点」. Group 1 is the name.
 */
export const TITLE_ISSUER =
  /^(?:(?:19|20)\d{2}\s*年度?)?(.{2,30}?)(?=关于|關於|(?:19|20)\d{2}\s*年|政府工作报告|政府工作報告|工作报告|工作報告|工作要点|工作要點)/;

/**
 * An annotation after a title, in brackets: 「（摘要）」, 「(节选)」, 「(十二大)」. Left out when the
 * type is read from the title's end.
 */
export const TITLE_ANNOTATION = /\s*[(（][^()（）]{1,10}[)）]?$/;

/**
 * The year a report reviews: 「2023年工作回顾」, 「过去的2023年」, 「刚刚过去的2023年」. A report that
 * reviews year N and then plans (PLAN_HEAD), or speaks of N as 「过去一年」 (PAST_YEAR), is about N+1.
 */
export const REVIEW_YEAR =
  /((?:19|20)\d{2})\s*年(?:(?:政府)?工作|主要工作)?(?:回顾|回顧)|(?:过去的|過去的|刚刚过去的|剛剛過去的)\s*((?:19|20)\d{2})\s*年/;

/**
 * A paragraph opening on the year just ended (「2023年是全面贯彻…的开局之年」): a review only when the
 * plan of the next year follows (a plan may open the same way: 「2024年是…关键之年」).
 */
export const REVIEW_OPENING = /(?:^|\n)[ \t\u3000]*((?:19|20)\d{2})[ \u3000]*年[，,]?[ \u3000]*是/;

/** 「过去一年」, 「过去的2023年」: the speaker stands in the year after the one reviewed. */
export const PAST_YEAR = /(?:过去|過去|刚刚过去|剛剛過去)的?\s*(?:一年|(?:19|20)\d{2}\s*年)/;

/**
 * The plan part of a report: 「2024年工作安排」, 「今年的主要预期目标」, 「2024年政府工作的总体要求」.
 * Group 1 is the year when written, else the plan is for 「今年」.
 */
export const PLAN_HEAD =
  /(?:今年|(?<![到至\d])((?:19|20)\d{2})\s*年)(?:的)?(?:全[市州区區县縣省盟旗]|我[市州区區县縣省盟旗])?(?:政府工作|工作|经济社会发展|高质量发展)?(?:的)?(?:工作安排|重点工作|重点任务|主要任务|工作任务|目标任务|总体要求|总体思路|主要预期目标|主要目标|预期目标|工作目标|奋斗目标)|今年(?:是|政府工作)/g;

/**
 * What only a government's report on its own work says (「今年政府工作的总体要求」, 「加强政府自身建设」):
 * with a review of one year and the plan of the next, it makes the text a 政府工作报告 even when its
 * opening (「我代表…向大会报告工作」) is missing.
 */
export const GOV_REPORT_BODY = /政府工作的?(?:总体要求|主要任务|重点任务)|政府自身建设|政府自身建設/;

/** A section heading of a report (「2023年工作回顾」, 「2024年工作安排」): never its title. */
export const REPORT_SECTION_HEADING = /^(?:(?:19|20)\d{2}\s*年|今年)(?:(?:政府)?工作|主要工作)?(?:回顾|回顧|安排|总体要求)$/;

/** A year the text sets tasks for: 「2024年是…之年」, 「2024年工作安排」, 「2024年主要预期目标」. */
export const PLAN_YEAR =
  /(?<![\d到至])((?:19|20)\d{2})\s*年\s*(?:是|工作安排|的?主要(?:预期)?目标|的?重点工作|的?重点任务|的?工作任务|的?目标任务|的?总体要求|的?主要任务|政府工作)/g;

/** Openings that mark a speech even when its title is missing. */
export const SPEECH_OPENING = /^(同志们|同志們|各位代表|各位委员|各位委員|同志们、朋友们|女士们、先生们)[：:，,！!]/;

/** Lines that can never be a title (headers, labels, salutations, the occasion 「…会议上」 cut from a subtitle). */
export const NOT_TITLE = /((?:会议|會議|大会|大會)上[)）]?$|文件$|^签发人|^簽發人|^主送|^抄送|^附件|^附[:：]|^(同志们|同志們|各位)|^密级|^密級|^紧急程度|^(特急|加急|急件|平急|特提|机密|秘密|绝密)|[:：]$)/;

/**
 * Lines that say where a text comes from or who issued it: 「来源：青川县委组织部」, 「发布机构：××局」,
 * 「文章来源：人民日报」. Group 1 is the label, group 2 the value (read up to a space or the next label).
 * Anchored and bounded: only short lines are tried (SOURCE_LINE_MAX).
 */
export const SOURCE_LINE =
  /^[【[]?(来源|來源|信息来源|信息來源|文章来源|文章來源|稿件来源|稿源|转载自|轉載自|发布机构|發布機構|发布单位|發布單位|发文机关|發文機關|发文单位|發文單位)[】\]]?[:：]?[ \u3000]*([^ \u3000|｜丨]{2,40})/;
export const SOURCE_LINE_MAX = 160;

/** A source that is a publication, not an issuer: newspapers, agencies, sites, 公众号, journals. */
export const PUBLICATION_NAME =
  /(?:日报|日報|晚报|晚報|时报|時報|商报|商報|早报|早報|青年报|青年報|[^委局厅部院]报|[^委局厅部院]報|新闻|新聞|新华社|新華社|中新社|通讯社|通訊社|网|網|杂志|雜誌|月刊|半月刊|周刊|週刊|学刊|學刊|学报|學報|论坛|論壇|客户端|公众号|公眾號|微信|微博|频道|頻道|电视台|電視台|广播|廣播|求是|出版社|头条|頭條|在线|在線|之声|之聲|观察|觀察)$/;

/**
 * A wire-service dateline opening a text: 「新华社南昌7月16日电」, 「本报北京3月5日讯」, 「人民网北京1月3日电（记者 王某）」.
 * Groups: agency, place, month, day. The dateline names who transmitted the text and where, not who
 * issued it; its date is the document's own (the day of the speech or event).
 */
export const DATELINE =
  /^[（(]?(新华社|新華社|中新社|人民网|人民網|央视网|央視網|中新网|中新網|本报|本報|本台|本网|本網|[\u4e00-\u9fff]{2,8}(?:日报|日報|报|報|网|網|社)讯?)[ \u3000]*([\u4e00-\u9fff]{2,6})[ \u3000]*(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日[ \u3000]*(?:电|電|讯|訊|消息)/;

/**
 * A byline: 「作者：徐明远」, 「文/徐明远」, 「文｜徐明远」, 「记者 王某 李某」, 「本报记者 王某」, 「新华社记者 张三」,
 * 「□ 本报记者 周平」, 「徐明远 文」, 「作者：王某（中共中央党校教授）」. Group 1 or 2 is the name(s), the
 * affiliation in brackets left out. Tried only on short lines (BYLINE_MAX), and on the part of a line
 * from a byline label on (「来源：人民日报 作者：徐明远」).
 */
export const BYLINE =
  /^[□■●◆◇▲△○◎\s]*(?:[（(【]?(?:作者|作　者|撰文|撰稿|执笔|執筆|文|文字|(?:[\u4e00-\u9fff]{1,8}?(?:社|报|報|网|網|台))?(?:特约|特約|见习|見習)?(?:記者|记者)|本报记者|本報記者|通讯员|通訊員|特约评论员|特約評論員)[)）】]?[:：/／|｜ \u3000]+([\u4e00-\u9fff·][\u4e00-\u9fff· \u3000、，,]{1,30}?)|([\u4e00-\u9fff·]{2,4})[ \u3000]+(?:文|撰文|撰))[ \u3000]*(?:[)）】（(]|$|[|｜丨]|来源|來源|编辑|編輯|责任编辑|責任編輯|\d)/;
/** Where a byline label starts inside a longer line (after a space or a bar): the line is tried from there too. */
export const BYLINE_LABEL_INSIDE = /(?<=[ \u3000|｜丨])(?:作者|撰文|撰稿|执笔|執筆|记者|記者|本报记者|本報記者)(?=[:：/／|｜ \u3000])/g;
/** Roles listed between the names of a byline (「记者 王某 通讯员 李某」): not names. */
export const BYLINE_ROLES = /^(?:记者|記者|通讯员|通訊員|实习生|實習生|见习记者|見習記者|特约记者|特約記者|摄影|攝影|作者|编辑|編輯)$/;
export const BYLINE_MAX = 80;

/**
 * A newspaper's page reference: 「《 人民日报 》（ 2024年07月19日 09 版）」, 「《光明日报》（2024年03月08日 11版）」.
 * Groups: paper, date, page. Its date is the article's own (the day it was printed).
 */
export const PRINT_EDITION =
  /《[ \u3000]*([\u4e00-\u9fff]{2,12}?)[ \u3000]*》[ \u3000]*[（(][ \u3000]*((?:19|20)\d{2}[ \u3000]*年[ \u3000]*\d{1,2}[ \u3000]*月[ \u3000]*\d{1,2}[ \u3000]*日)[ \u3000]*(?:第[ \u3000]*)?(\d{1,3}|[一二三四五六七八九十]{1,3})[ \u3000]*版[ \u3000]*[)）]/;

/** A 公众号 named in a line: 「来源：微信公众号“青川组工”」, 「公众号：青川组工」, 「本文来自微信公众号：××」. */
export const WECHAT_ACCOUNT = /(?:微信)?(?:公众号|公眾號)[:：]?[ \u3000]*[“"「『]?([\u4e00-\u9fffA-Za-z0-9]{2,20})[”"」』]?/;

/** How far down the cleaned text the header (title, 文号, header orgs) may be. */
export const HEADER_LINES = 12;

/** A body paragraph: from here on we are past the header. */
export const BODY_MIN_LEN = 80;

/**
 * Common characters that exist only in traditional writing, and their simplified counterparts
 * (checked against OpenCC, cn↔tw, round-trip). Script detection counts both sides.
 */
export const TRADITIONAL_ONLY =
  '這個們來會說時國對學發經過還動種現開關為與從當進實體義產黨員長區機應該點頭書間問題條將議報紀檢導監戰設計認識論讓變總統選舉農業環節歲園縣鄉鎮價貿濟構華陽陰東車馬魚鳥龍門見貝頁風飛齊邊遠運適達辦務勞勢級組織結絡給維網線練續紅約紛細終綜綠緊編繼顯響聯聲聽職習藝蘇藥處號術衛補裝視覽覺觀規親訂記許訪證評試話詳誤請諸課調談謂講謝護讀貨質購賣費貴賓資賞賽趕跡蹤躍較載輕輸違遲遺邁鄧鄭醫釋針鋼錢錯鍵閉閣闡陸隊際隨險隱雙雜雞離難電霧靜韓頂項順須預領顏願類顧養館驗鬧黃齒師權優歷層沒樣幫帶滿眾興';
export const SIMPLIFIED_ONLY =
  '这个们来会说时国对学发经过还动种现开关为与从当进实体义产党员长区机应该点头书间问题条将议报纪检导监战设计认识论让变总统选举农业环节岁园县乡镇价贸济构华阳阴东车马鱼鸟龙门见贝页风飞齐边远运适达办务劳势级组织结络给维网线练续红约纷细终综绿紧编继显响联声听职习艺苏药处号术卫补装视览觉观规亲订记许访证评试话详误请诸课调谈谓讲谢护读货质购卖费贵宾资赏赛赶迹踪跃较载轻输违迟遗迈邓郑医释针钢钱错键闭阁阐陆队际随险隐双杂鸡离难电雾静韩顶项顺须预领颜愿类顾养馆验闹黄齿师权优历层没样帮带满众兴';
