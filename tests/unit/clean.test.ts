import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanText, isBlockLine, isHeadingLine } from '../../analysis/clean';

const SEEDS = join(__dirname, '../fixtures/seeds');
function seed(prefix: string): string {
  const file = readdirSync(SEEDS).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`seed ${prefix} missing`);
  return readFileSync(join(SEEDS, file), 'utf8');
}
const lines = (t: string) => t.split('\n');

describe('cleanText on the seeds', () => {
  it('000: joins the PDF break 「引\\n\\n导」, drops (此页无正文), keeps headings on their own lines', () => {
    const { text, removed } = cleanText(seed('000'));
    expect(text).toContain('摆在首位，引导党员干部全面掌握');
    expect(text).not.toMatch(/引\s+导党员/);
    expect(text).toContain('加强各类阵地建设'); // a second break, mid-word
    expect(text).not.toContain('此页无正文');
    expect(removed).toContainEqual({ text: '(此页无正文)', rule: 'no-body-marker' });
    for (const h of ['一、强化政治引领，筑牢理想信念的思想根基', '二、强化实干担当，锻造活力迸发的干部队伍', '三、强化功能提升，建设坚如磐石的战斗堡垒']) {
      expect(lines(text)).toContain(h);
    }
    // Header and sign-off lines stay separate lines.
    expect(lines(text)).toContain('常经社委〔2024〕4号');
    expect(lines(text)).toContain('2024年3月22日');
  });

  it('000: numbered items start new lines (never glued to the item before)', () => {
    const { text } = cleanText(seed('000'));
    const items = lines(text).filter((l) => /^\d\. /.test(l));
    expect(items.length).toBe(11);
  });

  it('001: joins paragraphs broken without punctuation, keeps 。-ended lines apart, normalises 2024 年 spacing', () => {
    const { text } = cleanText(seed('001'));
    expect(text).toContain('会议精神及各项决策部署在仪征教育系统落地落细');
    expect(text).toContain('深入学习贯彻习近平总书记有关全面从严治党重要论述');
    expect(lines(text)).toContain('2024年4月7日');
    expect(lines(text)).toContain('市委教育工委 市教育局党委');
    expect(lines(text)).toContain('附件：');
  });

  it('002: ad slots, byline counter, comment and captcha boxes, 推荐文章 all go; body paragraphs stay', () => {
    const raw = seed('002');
    const { text, removed } = cleanText(raw);
    for (const bad of ['广告位', '自定义文字', '浏览量', 'admin', '留言与评论', '验证码', '推荐文章']) expect(text).not.toContain(bad);
    const rules = new Set(removed.map((r) => r.rule));
    for (const r of ['ad', 'byline', 'comment', 'related']) expect(rules.has(r)).toBe(true);
    // Every body paragraph survives (they start with a numbered marker or are long).
    const body = raw.split('\n').map((l) => l.trim()).filter((l) => l.length > 60 || /^[一二三四五]、|^\(/.test(l));
    for (const p of body) expect(text).toContain(p);
    // Long lines that mention 分享 and 公众号 are content.
    expect(text).toContain('分享党建工作的好经验');
    expect(text).toContain('微信公众号、宣传栏等宣传平台');
  });

  it('003: a block of items duplicated by scraping at the end is dropped (the document keeps one copy)', () => {
    const raw = seed('003');
    // Items 9–14 as they stand in the document, with the heading between 10 and 11.
    const all = raw.split('\n');
    const block = all.slice(all.findIndex((l) => l.startsWith('9.')), all.findIndex((l) => l.startsWith('15.')) - 1);
    expect(block.filter((l) => /^\d+\./.test(l))).toHaveLength(6);
    expect(block.some((l) => l.startsWith('四、'))).toBe(true);
    const scraped = `${raw.trimEnd()}\n${block.join('\n')}\n`;
    const { text, removed } = cleanText(scraped);
    for (const line of block) expect(text.split(line).length - 1).toBe(1);
    expect(removed.filter((r) => r.rule === 'duplicate')).toHaveLength(block.length);
    expect(cleanText(raw).text).toBe(text);
    // A short line repeated on its own (a refrain, a heading used twice) is not a scraping duplicate.
    expect(cleanText('同志们：\n第一段内容。\n同志们：\n第二段内容。').text).toBe('同志们：\n第一段内容。\n同志们：\n第二段内容。');
  });

  it('004: the paid-site promotion block goes, with the short lines caught inside it', () => {
    const { text, removed } = cleanText(seed('004'));
    for (const bad of ['仅供学习', '禁止外传', '会员', '举报倒卖', '订阅', '酷乐文行', 'QQ群', '不断迭代']) expect(text).not.toContain(bad);
    expect(lines(text)[0]).toBe('在市X局党的建设工作会议上讲话');
    expect(lines(text)[1]).toBe('同志们：');
    expect(removed.some((r) => r.rule === 'boilerplate-block')).toBe(true);
  });
});

describe('cleanText repairs', () => {
  it('removes zero-width characters and converts full-width digits and letters (keeps Chinese punctuation)', () => {
    const { text } = cleanText('２０２４年全市\u200b教育\u200d工作要点（ＡＢＣ）：');
    expect(text).toBe('2024年全市教育工作要点（ABC）：');
  });

  it('removes inline pinyin from anti-copy scripts, but not a bracketed word after a character', () => {
    expect(cleanText('加强教(jiao)育(yu)系统党的建(jian)设(she)工作，推进改革。').text).toBe('加强教育系统党的建设工作，推进改革。');
    // Once is not a pattern; and 「模式(mode)」 is not pinyin.
    expect(cleanText('采用新模式(mode)推进工作。').text).toBe('采用新模式(mode)推进工作。');
  });

  it('collapses spaced-out characters and 李\u3000强-style names, keeps spaces between multi-character names', () => {
    expect(cleanText('政 府 工 作 报 告').text).toBe('政府工作报告');
    expect(cleanText('国务院总理　李\u3000强').text).toBe('国务院总理　李强');
    expect(cleanText('市委教育工委 市教育局党委').text).toBe('市委教育工委 市教育局党委');
  });

  it('removes wiki footnote markers, also when broken over lines', () => {
    const { text, removed } = cleanText('鄧同志\n[\n4\n]\n在唐山和科烏[5]礦工罷工時犯了嚴重錯誤。');
    expect(text).toBe('鄧同志在唐山和科烏礦工罷工時犯了嚴重錯誤。');
    expect(removed.filter((r) => r.rule === 'footnote-marker').map((r) => r.text)).toEqual(['[4]', '[5]']);
  });

  it('cuts the Wikisource licence footer (broken by wiki links) at the end', () => {
    const body = '各位代表！信心凝聚力量，实干谱写华章。';
    const footer =
      '\n\n\n\n本作品是中华人民共和国的\n法律\n、\n法规\n，国家机关的决议、决定、命令和其他具有立法、行政、司法性质的文件，及其官方正式译文。根据《\n中华人民共和国著作权法\n》第五条第一项，本作品不适用于该法，在\n中国大陆\n，也可能在其他管辖区，属于\n公有领域\n。\n\n\nPublic domain\nPublic domain\nfalse\nfalse';
    const { text, removed } = cleanText(body + footer);
    expect(text).toBe(body);
    expect(removed.some((r) => r.rule === 'wikisource-licence')).toBe(true);
    // The same words early in a document are not a footer.
    const early = '本作品是一部关于著作权法的讲稿，共三章。\n' + '正文内容。'.repeat(1000);
    expect(cleanText(early).text.startsWith('本作品是一部关于著作权法的讲稿')).toBe(true);
  });

  it('joins words broken across a page number and a repeated running header; removes both', () => {
    const raw = [
      '云溪市人民政府公报',
      '政府工作报告',
      '一、过去一年的工作',
      '全市上下坚持稳中求进工作总基调，深入推',
      '— 2 —',
      '云溪市人民政府公报',
      '进高质量发展，经济运行持续回升向好。',
      '— 3 —',
      '云溪市人民政府公报',
      '二、今年的工作安排',
      '-4-',
    ].join('\n');
    const { text, removed } = cleanText(raw);
    expect(text).toContain('深入推进高质量发展');
    expect(text).not.toContain('公报');
    expect(text).not.toMatch(/—\s*\d\s*—|-4-/);
    expect(lines(text)).toEqual(['政府工作报告', '一、过去一年的工作', '全市上下坚持稳中求进工作总基调，深入推进高质量发展，经济运行持续回升向好。', '二、今年的工作安排']);
    expect(removed.filter((r) => r.rule === 'page-number')).toHaveLength(3);
    expect(removed.filter((r) => r.rule === 'running-header')).toHaveLength(3);
  });

  it('never merges a heading into the next line, nor a line ending in 。！？；：”', () => {
    // The quoted line has a comma, so only its closing ” (not its shortness) keeps it whole.
    const raw = '一、总体要求\n坚持稳中求进\n（一）加强领导\n全面加强党的领导；\n各单位要落实责任：\n总书记强调，“要把党的政治建设摆在首位”\n“两个维护”\n是最高政治原则。';
    // Every line stays as it is: the whole array, so a merge anywhere (「“两个维护”是…」) fails.
    expect(lines(cleanText(raw).text)).toEqual([
      '一、总体要求',
      '坚持稳中求进',
      '（一）加强领导',
      '全面加强党的领导；',
      '各单位要落实责任：',
      '总书记强调，“要把党的政治建设摆在首位”',
      '“两个维护”',
      '是最高政治原则。',
    ]);
  });

  it('headings of equal length between free-length paragraphs are not a fixed-width wrap: more text never glues them', () => {
    // Four 15-character headings; the paragraphs are longer and all of different lengths, as in an
    // HTML page. Read as line widths, the headings are the most common length.
    const headings = ['一、强化政治引领，筑牢思想根基', '二、夯实基层基础，建强战斗堡垒', '三、突出政治标准，锻造干部队伍', '四、持续正风肃纪，深化作风建设'];
    expect(new Set(headings.map((h) => h.length))).toEqual(new Set([15]));
    const paras = [
      '各级党组织要把政治建设摆在首位，坚持用党的创新理论武装头脑，推动学习贯彻往深里走、往心里走、往实里走。',
      '坚持大抓基层的鲜明导向，推进支部标准化规范化建设，整顿软弱涣散基层党组织。',
      '突出政治标准选人用人，完善干部考核评价机制，激励干部担当作为，在重大任务一线考察识别干部，树立重实干重实绩的用人导向。',
      '锲而不舍落实中央八项规定精神，纠治形式主义官僚主义，为基层减负。',
    ];
    const body = headings.flatMap((h, i) => [h, paras[i]]);
    const raw = ['关于印发2024年党建工作要点的通知', '各党支部：', ...body, '内容中部广告位（手机）', '中共某某委员会', '2024年3月22日'].join('\n');
    const out = lines(cleanText(raw).text);
    for (const l of body) expect(out, l).toContain(l);
    expect(out.slice(-2)).toEqual(['中共某某委员会', '2024年3月22日']);
    // The first half alone cleans to the same lines: the decision does not depend on how much text follows.
    const half = lines(cleanText(body.slice(0, 4).join('\n')).text);
    expect(half).toEqual(body.slice(0, 4));
  });

  it('a heading line is never glued to the next line, whatever its length or the text around it', () => {
    for (const h of ['一、提高认识', '（二）压实责任，狠抓落实', '3. 加强值班值守', '4、做好应急处置', '（5）畅通信息渠道', '第六条 工作要求', '第二章 组织领导']) {
      const raw = [h, '各单位要坚持人民至上、生命至上，把安全工作摆在突出位置，确保各项措施落实到位。'].join('\n');
      expect(lines(cleanText(raw).text), h).toEqual(raw.split('\n'));
    }
  });

  it('a bare marker left alone by a wiki link (二是, 一要, 一、, （二）) starts the line after it', () => {
    const raw = '工作要点如下。\n一是\n加强党的建设，推进改革。\n二要\n为产业升级提供支持。\n三、\n总体要求\n坚持稳中求进。\n（二）\n保持经济持续增长。\n四、\n2024年3月22日';
    expect(lines(cleanText(raw).text)).toEqual([
      '工作要点如下。',
      '一是加强党的建设，推进改革。',
      '二要为产业升级提供支持。',
      '三、总体要求',
      '坚持稳中求进。',
      '（二）保持经济持续增长。',
      '四、',
      '2024年3月22日',
    ]);
    // As words at the start of a line, 是/要 after a numeral are not markers.
    expect(cleanText('一要素齐全\n才能开工。').text).toBe('一要素齐全\n才能开工。');
  });

  it('wiki-link breaks mid-sentence are closed: an open quote or comma, a dangling 的, a dash list item', () => {
    // A line left open runs on, even into an organisation-like word or 「一、两年」 (one or two years).
    expect(cleanText('卫生部也应改名“\n城市老爷卫生部\n”。').text).toBe('卫生部也应改名“城市老爷卫生部”。');
    expect(cleanText('百花齐放都没有了。“\n一、两年之内逐步活跃起来”。').text).toBe('百花齐放都没有了。“一、两年之内逐步活跃起来”。');
    expect(cleanText('主要原因，\n一是企业管理体制不适应。').text).toBe('主要原因，一是企业管理体制不适应。');
    // No title ends in 的.
    expect(cleanText('会议听取和审议了国务院总理所作的\n政府工作报告。会议充分肯定。').text).toBe('会议听取和审议了国务院总理所作的政府工作报告。会议充分肯定。');
    // A dash line holding a full stop is a list item broken by a link; a dash subtitle stays a block.
    expect(cleanText('——改革开放持续深化。推动\n区域全面经济伙伴关系协定\n（RCEP）生效实施。').text).toBe('——改革开放持续深化。推动区域全面经济伙伴关系协定（RCEP）生效实施。');
    expect(lines(cleanText('政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理\n各位代表：').text)).toEqual([
      '政府工作报告',
      '——2024年3月5日在第十四届全国人民代表大会第二次会议上',
      '国务院总理',
      '各位代表：',
    ]);
    // Titles that end in a noun stay blocks: 「…的目的」, 「欢乐祥和」.
    expect(cleanText('研究目的\n本文讨论三个问题。').text).toBe('研究目的\n本文讨论三个问题。');
  });

  it('a text wrapped at a fixed width is rejoined into paragraphs', () => {
    const para = '全市上下坚持稳中求进工作总基调完整准确全面贯彻新发展理念加快构建新发展格局经济运行持续回升向好全年地区生产总值增长六点二个百分点一般公共预算收入增长五点八个百分点城乡居民人均可支配收入稳步增长。';
    const wrapped: string[] = [];
    for (let i = 0; i < para.length; i += 24) wrapped.push(para.slice(i, i + 24));
    const raw = ['一、工作回顾', ...wrapped, '二、今年安排', ...wrapped.map((l) => l.replace('全市', '全县'))].join('\n');
    const out = lines(cleanText(raw).text);
    expect(out).toEqual(['一、工作回顾', para, '二、今年安排', para.replace('全市', '全县')]);
  });
});

describe('isBlockLine / isHeadingLine: the lines the cleaner never glues to the next one', () => {
  const prose = '各地各校要坚持人民至上、生命至上，把安全工作摆在突出位置，确保各项措施落实到位。';
  const blocks = [
    '一、提高思想认识，压实安全责任',
    '（二）压实责任',
    '3. 加强值班值守',
    '第六条 工作要求',
    '结束语',
    '政府工作报告',
    '——2024年3月5日在第十四届全国人民代表大会第二次会议上',
    '临川市教育局',
    '2024年6月18日',
    '临教发〔2024〕15号',
    '签发人：周明',
  ];
  const notBlocks = ['二是', '一、', '（二）', '会议听取和审议了国务院总理所作的', '卫生部也应改名“', '推进高质量发展，', '全市上下坚持稳中求进工作总基调，深入推', '', '__proto__，constructor'];

  it.each(blocks)('%s is a block and stays whole before a paragraph', (line) => {
    expect(isBlockLine(line)).toBe(true);
    expect(lines(cleanText(`${line}\n${prose}`).text)).toEqual([line, prose]);
  });

  it.each(notBlocks)('%j is not a block', (line) => {
    expect(isBlockLine(line)).toBe(false);
  });

  it('isHeadingLine: a marker with a title after it, not a numbered paragraph', () => {
    expect(isHeadingLine('一、总体要求')).toBe(true);
    expect(isHeadingLine('（一）加强领导，狠抓落实')).toBe(true);
    expect(isHeadingLine('一、')).toBe(false);
    expect(isHeadingLine('二是')).toBe(false);
    expect(isHeadingLine('（一）加强领导。坚持党对一切工作的领导，推动落实。')).toBe(false);
    expect(isHeadingLine('总体要求')).toBe(false);
  });
});

describe('cleanText boilerplate rules are structural, not word lists', () => {
  it('a long body sentence mentioning 广告, 分享, 订阅, 打印 survives', () => {
    const body =
      '加强校园周边环境治理，严禁在校园内设置商业广告位，严禁借分享会名义推销教辅资料，严禁要求家长订阅报刊或统一打印复习资料，切实减轻家庭负担。';
    const { text, removed } = cleanText(`${body}\n分享到：微信 微博\n广告位招租`);
    expect(text).toBe(body);
    expect(removed.map((r) => r.rule)).toEqual(['share', 'ad']);
  });

  it('a short sentence that mentions a counter or a QR code is content', () => {
    const raw = '全年网站点击量达到120万次，同比增长一成。\n推广政务服务二维码，方便群众办事。';
    expect(cleanText(raw).text).toBe(raw);
  });

  it('a text that is only boilerplate cleans to nothing', () => {
    const raw = '当前位置：首页 > 新闻中心\n【字体：大 中 小】【打印】【关闭】\n浏览次数：123\n分享到：\n扫一扫在手机打开当前页\n上一篇：无\n下一篇：无\n主办单位：某某市人民政府办公室\n网站标识码：1234567890\n苏ICP备12345678号\n苏公网安备 32010202000001号';
    const { text, removed } = cleanText(raw);
    expect(text).toBe('');
    expect(new Set(removed.map((r) => r.rule))).toEqual(new Set(['nav', 'controls', 'counter', 'share', 'prev-next', 'footer']));
  });

  it('controls inside a byline are removed as fragments', () => {
    const { text, removed } = cleanText('发布时间：2024-03-22 来源：市教育局 【字体：大 中 小】【打印】【关闭】\n正文第一段，内容如下。');
    expect(text).toBe('正文第一段，内容如下。');
    expect(removed.filter((r) => r.rule === 'controls')).toHaveLength(3);
    expect(removed.some((r) => r.rule === 'byline' && r.text.includes('2024-03-22'))).toBe(true);
  });

  it('keeps a sign-off date written 2024年3月22日 (it is the document, not a byline)', () => {
    expect(cleanText('中共某某委员会\n2024年3月22日').text).toBe('中共某某委员会\n2024年3月22日');
  });

  it('a sign-off of the central organisations stays on its own lines, even after a paragraph left open', () => {
    // The last paragraph lacks its full stop (a scrape); 中共中央 ends like an organisation, so it is a sign-off line.
    const raw = '各地区各部门要结合实际认真贯彻落实，确保各项任务落到实处\n中共中央\n国务院\n2031年1月4日';
    expect(lines(cleanText(raw).text)).toEqual(['各地区各部门要结合实际认真贯彻落实，确保各项任务落到实处', '中共中央', '国务院', '2031年1月4日']);
    expect(lines(cleanText('中共中央 国务院\n关于某项工作的意见').text)).toEqual(['中共中央 国务院', '关于某项工作的意见']);
  });

  it('a long site-footer line goes when it has two footer marks; the 「党政机关」 badge goes; a sentence naming a hotline stays', () => {
    const raw = [
      '各项工作要落到实处，确保取得实效。',
      '主办单位：某某县人民政府办公室咨询热线：0000-12345网站管理：0000-7654321（仅受理网站技术问题）',
      '党政机关',
      '网站维护：某某县大数据中心　备案号：某ICP备00000000号',
    ].join('\n');
    const { text, removed } = cleanText(raw);
    expect(text).toBe('各项工作要落到实处，确保取得实效。');
    expect(removed.filter((r) => r.rule === 'footer').map((r) => r.text.slice(0, 4))).toEqual(['主办单位', '党政机关', '网站维护']);
    // One mark in a long sentence is body text.
    const body = '县政府开通了咨询热线：12345，专门受理群众反映的就业、医疗、教育和住房等方面的问题，做到件件有回音。';
    expect(cleanText(body).text).toBe(body);
    expect(cleanText('加强党政机关作风建设').text).toBe('加强党政机关作风建设');
  });

  it('the list under 推荐文章 goes with its header', () => {
    const raw = '正文最后一段，内容到此结束。\n推荐文章\n街道党工委2025年党建工作要点\n2025年机关党建工作计划';
    expect(cleanText(raw).text).toBe('正文最后一段，内容到此结束。');
  });

  it('traditional-character boilerplate is recognised too, and the text keeps its script', () => {
    const raw = '當前位置：首頁 > 政務公開\n發布時間：2024-01-24 瀏覽次數：523 【字體：大 中 小】【打印】【關閉】\n各縣（市、區）人民政府：\n掃一掃在手機打開當前頁';
    expect(cleanText(raw).text).toBe('各縣（市、區）人民政府：');
  });
});

describe('cleanText on layouts not in the fixtures', () => {
  it('a WeChat repost: author line, 「点击蓝字 关注我们」, editor credits, 往期推荐 and the reaction bar go', () => {
    const body = '3月21日，市委常委会召开会议，传达学习全国两会精神，研究部署我市贯彻落实工作。';
    const raw = ['原创 云溪发布 2024-03-22 08:00 发表于浙江', '点击蓝字 关注我们', body, '来源：云溪日报', '编辑：张三', '审核：李四', '往期推荐', '市政府召开常务会议', '分享', '收藏', '点赞', '在看'].join('\n');
    expect(cleanText(raw).text).toBe(body);
  });

  it('pdftotext -layout output: centred header lines, indented paragraph starts, wrapped lines, a page number', () => {
    const raw = [
      '                    云溪市教育局文件',
      '                  云教发〔2024〕5号',
      '        关于做好2024年暑期学生安全工作的通知',
      '各中小学校：',
      '    暑期将至，为切实做好学生暑期安全工作，现就有关事项通知如',
      '下：',
      '    一、加强安全教育',
      '    各校要在放假前开展一次专题安全教育，重点讲清防溺水、交通',
      '安全、食品安全等内容，并通过家长会等形式告知',
      '家长。',
      '',
      '                                        - 2 -',
      '    二、做好值班值守',
      '                                        云溪市教育局',
      '                                      2024年6月28日',
    ].join('\n');
    expect(lines(cleanText(raw).text)).toEqual([
      '云溪市教育局文件',
      '云教发〔2024〕5号',
      '关于做好2024年暑期学生安全工作的通知',
      '各中小学校：',
      '暑期将至，为切实做好学生暑期安全工作，现就有关事项通知如下：',
      '一、加强安全教育',
      '各校要在放假前开展一次专题安全教育，重点讲清防溺水、交通安全、食品安全等内容，并通过家长会等形式告知家长。',
      '二、做好值班值守',
      '云溪市教育局',
      '2024年6月28日',
    ]);
  });

  it('a newspaper reprint: the 《人民日报》(…第01版) source line and 【责任编辑】 go, the subtitle stays', () => {
    const raw = '《 人民日报 》（ 2024年03月06日 第 01 版）\n政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n各位代表：\n【纠错】 【责任编辑：王某】';
    expect(cleanText(raw).text).toBe('政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n各位代表：');
  });
});

describe('cleanText edge inputs', () => {
  it.each([
    ['empty', ''],
    ['whitespace', ' \n\t\u3000\n  '],
    ['zero-width only', '\u200b\u200b\ufeff'],
  ])('%s → empty text, nothing removed', (_name, raw) => {
    expect(cleanText(raw)).toEqual({ text: '', removed: [] });
  });

  it('odd words such as __proto__ and constructor pass through', () => {
    const raw = '__proto__\nconstructor：toString，hasOwnProperty。';
    expect(cleanText(raw).text).toBe('__proto__\nconstructor：toString，hasOwnProperty。');
  });

  it('full-width punctuation is kept as written', () => {
    expect(cleanText('一、总体要求：坚持稳中求进（试行）！').text).toBe('一、总体要求：坚持稳中求进（试行）！');
  });
});
