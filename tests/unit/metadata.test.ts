import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectScript, extractMetadata, parseChineseDate, parseDocNumber } from '../../analysis/metadata';
import { buildDocumentFromText } from '../../analysis/document';
import type { PageMeta } from '../../analysis/types';

const SEEDS = join(__dirname, '../fixtures/seeds');
function seedDoc(prefix: string) {
  const file = readdirSync(SEEDS).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`seed ${prefix} missing`);
  return buildDocumentFromText(readFileSync(join(SEEDS, file), 'utf8'));
}
const meta = (m: Partial<PageMeta>): PageMeta => ({ tags: {}, govInfo: {}, ...m });

describe('metadata of the seeds', () => {
  it('000: org, 文号 with its parts, date, year, type, title without the stray space', () => {
    const { metadata } = seedDoc('000');
    expect(metadata.orgs).toEqual(['中共江苏常州经济开发区社会事业局委员会']);
    expect(metadata.docNumber).toEqual({ text: '常经社委〔2024〕4号', agency: '常经社委', year: 2024, number: '4' });
    expect(metadata.date).toBe('2024-03-22');
    expect(metadata.year).toBe(2024);
    expect(metadata.docType).toBe('工作要点');
    expect(metadata.title).toBe('2024年常州经济开发区社会事业局党建工作要点');
    expect(metadata.script).toBe('simplified');
  });

  it('001: two issuing organisations, 【】 文号 normalised, spaced date, the notice title', () => {
    const { metadata } = seedDoc('001');
    expect(metadata.orgs).toEqual(['中共仪征市委教育工作委员会', '中共仪征市教育局委员会']);
    expect(metadata.docNumber?.text).toBe('仪教委〔2024〕8号');
    expect(metadata.docNumber?.agency).toBe('仪教委');
    expect(metadata.date).toBe('2024-04-07');
    expect(metadata.year).toBe(2024);
    expect(metadata.title).toBe('关于印发《仪征市教育系统2024年党建统群工作要点》的通知');
    // A transmittal notice is filed under the type of what it transmits.
    expect(metadata.docType).toBe('工作要点');
  });

  it('002: the byline date (removed from the text) dates the document; year from the title', () => {
    const { metadata, text } = seedDoc('002');
    expect(text).not.toContain('2025-02-21');
    expect(metadata.date).toBe('2025-02-21');
    expect(metadata.year).toBe(2025);
    expect(metadata.title).toBe('市工业园区党工委2025年党建工作要点');
    expect(metadata.docType).toBe('工作要点');
  });

  it('003: year 2020, type 工作要点, unknown fields stay empty', () => {
    const { metadata } = seedDoc('003');
    expect(metadata.year).toBe(2020);
    expect(metadata.docType).toBe('工作要点');
    expect(metadata.title).toBe('2020年机关党的建设工作要点');
    expect(metadata.orgs).toEqual([]);
    expect(metadata.docNumber).toBeNull();
    expect(metadata.date).toBe('');
  });

  it('004: a speech, its year from its content, its title below the removed promotion block', () => {
    const { metadata } = seedDoc('004');
    expect(metadata.docType).toBe('讲话');
    expect(metadata.year).toBe(2020);
    expect(metadata.title).toBe('在市X局党的建设工作会议上讲话');
    expect(metadata.date).toBe('');
    expect(metadata.orgs).toEqual([]);
  });
});

describe('a red-header document converted to text', () => {
  const raw = [
    '特急',
    '云溪市人民政府文件',
    '云政发〔2024〕12号                签发人：周明',
    '云溪市人民政府关于进一步加强全市中小学校党的建设',
    '工作的实施意见',
    '各县（市、区）人民政府，市政府各部门：',
    '为深入贯彻落实党中央关于加强中小学校党的建设的决策部署，结合我市实际，提出如下实施意见。',
    '一、总体要求',
    '到2025年，全市中小学校党组织领导的校长负责制全面落实。',
    '云溪市人民政府',
    '2024年3月22日',
    '（此件公开发布）',
    '抄送：市委各部门，市人大常委会办公室，市政协办公室。',
    '云溪市人民政府办公室　　　　　2024年3月23日印发',
  ].join('\n');

  it('keeps header fields apart and reads every field', () => {
    const { text, metadata } = buildDocumentFromText(raw);
    // The 文号/签发人 line is never glued to the title below it.
    expect(text.split('\n')).toContain('云政发〔2024〕12号 签发人：周明'.replace(' ', '                '));
    expect(metadata).toEqual({
      title: '云溪市人民政府关于进一步加强全市中小学校党的建设工作的实施意见',
      orgs: ['云溪市人民政府'],
      docNumber: { text: '云政发〔2024〕12号', agency: '云政发', year: 2024, number: '12' },
      date: '2024-03-22',
      year: 2024,
      yearSource: 'date', // the title names no year: its sign-off date does
      docType: '意见',
      script: 'simplified',
      author: '',
      publication: '',
    });
  });
});

describe('parseDocNumber', () => {
  it.each([
    ['常经社委〔2024〕4号', '常经社委〔2024〕4号', '常经社委', 2024, '4'],
    ['仪教委【2024】8号', '仪教委〔2024〕8号', '仪教委', 2024, '8'],
    ['国办发[2023]12号', '国办发〔2023〕12号', '国办发', 2023, '12'],
    ['苏政发［2022］ 101号', '苏政发〔2022〕101号', '苏政发', 2022, '101'],
    ['京教发（2021）3号', '京教发〔2021〕3号', '京教发', 2021, '3'],
    ['粤府函(2020)05号', '粤府函〔2020〕05号', '粤府函', 2020, '05'],
    ['浙委办﹝2024﹞第7号', '浙委办〔2024〕7号', '浙委办', 2024, '7'],
    ['文号：云教发〔２０２４〕５号', '云教发〔2024〕5号', '云教发', 2024, '5'],
    ['雲府辦〔2024〕3號', '雲府辦〔2024〕3號', '雲府辦', 2024, '3'],
  ])('%s', (input, text, agency, year, number) => {
    expect(parseDocNumber(input)).toEqual({ text, agency, year, number });
  });

  it.each([[''], ['2024年工作要点'], ['第3号'], ['〔2024〕']])('no 文号 in %j', (s) => {
    expect(parseDocNumber(s)).toBeNull();
  });
});

describe('parseChineseDate', () => {
  it.each([
    ['2024年3月22日', '2024-03-22'],
    ['2024 年 4 月 7 日', '2024-04-07'],
    ['二〇二四年三月二十二日', '2024-03-22'],
    ['二○二○年十月一日', '2020-10-01'],
    ['2025-02-21 18:03:01', '2025-02-21'],
    ['2024/3/22', '2024-03-22'],
    ['2024.03.22', '2024-03-22'],
    ['发布日期：2024-02-28 09:30', '2024-02-28'],
    ['（2020年7月1日）', '2020-07-01'],
    ['成文于2024年12月31日，印发于2025年1月2日', '2024-12-31'],
  ])('%s → %s', (s, iso) => {
    expect(parseChineseDate(s)).toBe(iso);
  });

  it.each([[''], ['2024年'], ['2024年13月1日'], ['2023年2月30日'], ['3月22日'], ['12.5%'], ['__proto__']])('no date in %j', (s) => {
    expect(parseChineseDate(s)).toBe('');
  });
});

describe('detectScript', () => {
  it('counts characters that exist only in one script', () => {
    expect(detectScript('關於做好節日期間安全生產工作的通知')).toBe('traditional');
    expect(detectScript('关于做好节日期间安全生产工作的通知')).toBe('simplified');
    // A few traditional characters in a simplified text (a quoted name) do not flip it.
    expect(detectScript('学习贯彻《鄧小平文選》的体会，进一步提高认识，发挥作用。')).toBe('simplified');
    expect(detectScript('')).toBe('simplified');
  });
});

describe('extractMetadata', () => {
  it('prefers the written date (成文日期, sign-off) over the publication date', () => {
    const text = '关于开展调研的通知\n各单位：\n现将有关事项通知如下。\n某某局\n2024年3月1日';
    expect(extractMetadata(text, meta({ tags: { pubdate: '2024-03-05' } })).date).toBe('2024-03-01');
    expect(extractMetadata(text, meta({ govInfo: { 成文日期: '2024-02-28', 发布日期: '2024-03-05' } })).date).toBe('2024-02-28');
    const noSignOff = '关于开展调研的通知\n各单位：\n现将有关事项通知如下。';
    expect(extractMetadata(noSignOff, meta({ govInfo: { 发布日期: '2024-03-05' } })).date).toBe('2024-03-05');
    expect(extractMetadata(noSignOff, meta({ tags: { pubdate: '2024-03-06 10:00' } })).date).toBe('2024-03-06');
  });

  it('orgs from the 「…文件」 header, else the open-government table, else the sign-off, else the title', () => {
    expect(extractMetadata('中共某某市委 某某市人民政府文件\n某委发〔2024〕1号\n关于做好春节工作的通知\n正文。').orgs).toEqual(['中共某某市委', '某某市人民政府']);
    expect(extractMetadata('关于做好春节工作的通知\n正文。', meta({ govInfo: { 发布机构: '某某市教育局' } })).orgs).toEqual(['某某市教育局']);
    expect(extractMetadata('关于做好春节工作的通知\n各单位：\n正文。\n某某市教育局\n2024年1月5日').orgs).toEqual(['某某市教育局']);
    expect(extractMetadata('某某市教育局关于做好春节工作的通知\n正文。').orgs).toEqual(['某某市教育局']);
    // Organisation and date on one sign-off line.
    const oneLine = extractMetadata('关于做好春节工作的通知\n各单位：\n正文。\n某某市教育局　2024年1月5日');
    expect(oneLine.orgs).toEqual(['某某市教育局']);
    expect(oneLine.date).toBe('2024-01-05');
  });

  it('the title comes from the text when the page <title> carries a site suffix', () => {
    const m = extractMetadata('某某局2024年工作要点\n2024年，全局上下……', meta({}), '某某局2024年工作要点_某某市人民政府');
    expect(m.title).toBe('某某局2024年工作要点');
    // No title line in the text: the page title without its suffix.
    expect(extractMetadata('正文第一段。', meta({}), '某某局2024年工作要点_某某市人民政府').title).toBe('某某局2024年工作要点');
  });

  it('joins a title broken over two lines', () => {
    expect(extractMetadata('关于印发《某某市2024年党建工作要点》\n的通知\n各单位：').title).toBe('关于印发《某某市2024年党建工作要点》的通知');
  });

  it.each([
    ['某某市2024年政府工作报告', '政府工作报告', 2024],
    ['在全市2023年经济工作会议上的讲话', '讲话', 2023],
    ['关于加强基层党建工作的意见', '意见', null],
    ['某某县“十四五”规划纲要', '规划', null],
    ['2021—2025年全市干部教育培训规划', '规划', 2021],
    ['关于同意设立某某开发区的批复', '批复', null],
    ['某某市第十五届人民代表大会第三次会议关于政府工作报告的决议', '决议', null],
    ['关于印发《某某市2024年纪检监察工作要点》的通知', '工作要点', 2024],
    ['关于召开年度总结大会的通知', '通知', null],
  ])('type and year of %s', (title, type, year) => {
    const m = extractMetadata(`${title}\n正文。`);
    expect(m.docType).toBe(type);
    expect(m.year).toBe(year);
  });

  it('a speech is recognised from 同志们： even without a title', () => {
    expect(extractMetadata('同志们：\n今天我们召开这次会议，主要任务是总结2023年工作。').docType).toBe('讲话');
  });

  it('a speech year: the year most talked about, not targets (到2035年) nor years after its date', () => {
    const text = '同志们：\n2023年是关键之年。2023年上半年……2022年我们……到2035年基本实现现代化。2035年远景目标。\n2023年6月1日';
    expect(extractMetadata(text).year).toBe(2023);
  });

  it('unknown fields are empty, never guessed', () => {
    expect(extractMetadata('')).toEqual({ title: '', orgs: [], docNumber: null, date: '', year: null, yearSource: '', docType: '', script: 'simplified', author: '', publication: '' });
    const m = extractMetadata('一段没有标题、没有日期、也没有发文机关的文字，只是一段普通的正文内容，用来检验不会凭空猜测任何元数据字段的取值。');
    expect(m).toMatchObject({ orgs: [], docNumber: null, date: '', year: null, docType: '' });
  });

  it('odd keys in page metadata are harmless', () => {
    const tags = JSON.parse('{"__proto__": "x", "constructor": "y", "pubdate": "2024-01-02"}') as Record<string, string>;
    const govInfo = JSON.parse('{"__proto__": "z", "toString": "w"}') as Record<string, string>;
    expect(extractMetadata('正文。', { tags, govInfo }).date).toBe('2024-01-02');
  });
});

describe('reports read from their structure (made-up texts)', () => {
  const report = (opening: string, extra = '') =>
    `各位代表：\n${opening}\n一、2030年工作回顾\n过去一年，我们坚持稳中求进，全区生产总值增长百分之五，各项事业取得新进展。\n二、2031年工作安排\n今年政府工作的总体要求是：坚持高质量发展。\n${extra}`;

  it('「我代表××人民政府…向大会报告工作」: 政府工作报告, the named government, the planned year', () => {
    const m = extractMetadata(report('现在，我代表甲乙区人民政府，向大会报告工作，请予审议。'));
    expect(m.docType).toBe('政府工作报告');
    expect(m.orgs).toEqual(['甲乙区人民政府']);
    expect(m.year).toBe(2031);
  });

  it('an organisation named by its level only stays unknown; a speaker line below the title names it', () => {
    expect(extractMetadata(report('现在，我代表区人民政府向大会报告工作，请予审议。')).orgs).toEqual([]);
    expect(extractMetadata('同志们：\n我代表市委、市政府向大家致以新春的祝福！').orgs).toEqual([]);
    expect(extractMetadata('同志们：\n我代表局党组向大家拜年！').orgs).toEqual([]);
    expect(extractMetadata('同志们：\n我代表庚辛市委、市政府向大家致以新春的祝福！').orgs).toEqual(['庚辛市委']);
    const signed = extractMetadata(`丙丁县人民政府县长　王某某\n${report('现在，我代表县人民政府向大会报告工作，请予审议。')}`);
    expect(signed.orgs).toEqual(['丙丁县人民政府']);
    expect(signed.title).toBe(''); // the speaker line is not a title
  });

  it('the congress that hears the report names the place of an unnamed government, and dates it', () => {
    const m = extractMetadata(`（2031年1月9日在戊己市第九届人民代表大会第三次会议上）\n${report('现在，我代表市人民政府向大会报告工作，请予审议。')}`);
    expect(m.orgs).toEqual(['戊己市人民政府']);
    expect(m.date).toBe('2031-01-09');
    expect(m.year).toBe(2031);
    // A congress of another level names no 市 government.
    const other = extractMetadata(`（2031年1月9日在戊己县第九届人民代表大会第三次会议上）\n${report('现在，我代表市人民政府向大会报告工作，请予审议。')}`);
    expect(other.orgs).toEqual([]);
  });

  it('a review of N without a plan is about N only when 「过去一年」 places the speaker after it', () => {
    expect(extractMetadata('2030年工作回顾\n过去一年，全区经济平稳运行，民生持续改善，各项工作取得新的成效。').year).toBe(2031);
    // A plan that opens on its own year (「2031年是…」) and looks back is about that year.
    expect(extractMetadata('2031年是关键之年。\n过去一年，我们打下了基础。\n到2035年基本实现目标。').year).toBe(2031);
    expect(extractMetadata('2031年是关键之年。\n过去一年，我们打下了基础。\n今年政府工作的总体要求是：稳中求进。').year).toBe(2031);
    // A paragraph opening on the year just ended, then the next year's plan written out.
    expect(extractMetadata('2030年，是极不平凡的一年。\n我们完成了各项任务。\n2031年经济社会发展的主要预期目标是：增长百分之五。').year).toBe(2031);
  });

  it('congress reports (代表 / 受…委托 the central committee) are 报告 of 中共中央, not 讲话', () => {
    const a = extractMetadata('同志们：\n现在，我代表第九十届中央委员会向大会作报告。\n中国共产党的事业不断前进。');
    expect(a.docType).toBe('报告');
    expect(a.orgs).toEqual(['中共中央']);
    const b = extractMetadata('同志们：\n我受九十届中央委员会委托，向大会作报告。\n党的建设取得新成效。');
    expect(b.docType).toBe('报告');
    expect(b.orgs).toEqual(['中共中央']);
    // Without any sign of the Party, a bare 中央委员会 is not assumed to be its central committee.
    expect(extractMetadata('同志们：\n我代表中央委员会向大会作报告。\n协会的工作取得进展。').orgs).toEqual([]);
  });

  it('a report to a Party congress is its committee\'s; a speech at one is not', () => {
    expect(extractMetadata('同志们！\n大会开幕了。', undefined, '在中国共产党第九十次全国代表大会上的报告').orgs).toEqual(['中共中央']);
    const local = extractMetadata('奋力谱写新篇章\n——在中国共产党壬癸市第十三次代表大会上的报告\n同志们：\n现在，我代表市委向大会作报告。');
    expect(local.orgs).toEqual(['中共壬癸市委']);
    expect(local.docType).toBe('报告');
    expect(extractMetadata('同志们！\n祝贺大会召开。', undefined, '在中国共产党第九十次全国代表大会上的致辞').orgs).toEqual([]);
  });

  it('the body in session issues a 决议; an annotation after a title does not hide its type', () => {
    const m = extractMetadata('第九届某某省人民代表大会第三次会议关于预算的决议\n会议批准预算。');
    expect(m.orgs).toEqual(['某某省人民代表大会']);
    expect(m.docType).toBe('决议');
    expect(extractMetadata('正文', undefined, '某某年度工作报告（节选）').docType).toBe('报告');
  });

  it('a dated occasion line and a report section head are never titles; a typed heading below 同志们 is not either', () => {
    const m = extractMetadata('（2031年1月5日在某市第九届人民代表大会第四次会议上）\n各位代表：\n现在，我代表市人民政府向大会报告工作。\n2030年工作回顾\n过去一年，我们做了很多工作，取得了明显的成效，群众满意度提高。');
    expect(m.title).toBe('');
    const speech = extractMetadata('同志们！\n今天我们召开这次会议。\n关于作风建设\n作风建设是永恒课题。', undefined, '在某会议上的讲话');
    expect(speech.title).toBe('在某会议上的讲话');
  });

  it('a book or essay title ending in 政府 is no organisation', () => {
    expect(extractMetadata('论有限政府\n正文第一段讲的是一个理论问题，与任何机关无关。').orgs).toEqual([]);
    expect(extractMetadata('市政府\n关于开展检查的通知\n各单位：现将有关事项通知如下。').orgs).toEqual(['市政府']);
  });
});

describe('joint issuers in the header and the sign-off', () => {
  const BODY =
    '各地区各部门要把思想和行动统一到决策部署上来，切实加强组织领导，细化工作措施，压实工作责任，确保各项任务落到实处、取得实效，以实际行动推动高质量发展不断取得新成效。';

  it('a header line of two central organisations without 「文件」 names both, in order', () => {
    const m = extractMetadata(`中共中央 国务院\n关于全面推进某项工作的意见\n（2031年1月4日）\n${BODY}`);
    expect(m.orgs).toEqual(['中共中央', '国务院']);
    expect(m.title).toBe('关于全面推进某项工作的意见');
    expect(m.docType).toBe('意见');
    expect(m.date).toBe('2031-01-04');
    // Full-width space, 、, and one name a line read the same; the order is the header's.
    expect(extractMetadata(`中共中央\u3000国务院\n关于某项工作的意见\n${BODY}`).orgs).toEqual(['中共中央', '国务院']);
    expect(extractMetadata(`国务院、中共中央\n关于某项工作的意见\n${BODY}`).orgs).toEqual(['国务院', '中共中央']);
    expect(extractMetadata(`中共中央\n国务院\n关于某项工作的意见\n${BODY}`).orgs).toEqual(['中共中央', '国务院']);
    expect(extractMetadata(`党中央\n关于某项工作的决定\n${BODY}`).orgs).toEqual(['党中央']);
  });

  it('general offices and a city\'s Party committee with its government, above the title', () => {
    expect(extractMetadata(`中共中央办公厅 国务院办公厅\n关于某项工作的通知\n${BODY}`).orgs).toEqual(['中共中央办公厅', '国务院办公厅']);
    expect(extractMetadata(`中共壬癸市委 壬癸市人民政府\n关于某项工作的实施意见\n${BODY}`).orgs).toEqual(['中共壬癸市委', '壬癸市人民政府']);
    expect(extractMetadata(`中共壬癸市委\n壬癸市人民政府\n关于某项工作的实施意见\n${BODY}`).orgs).toEqual(['中共壬癸市委', '壬癸市人民政府']);
    expect(extractMetadata(`全国人民代表大会常委会、某某省人民代表大会\n关于某项工作的决定\n${BODY}`).orgs).toEqual([
      '全国人民代表大会常委会',
      '某某省人民代表大会',
    ]);
  });

  it('a header line is organisations only when every part ends like one', () => {
    // One part that is no organisation, a sentence, a name too short: the line names nobody.
    expect(extractMetadata(`中共中央 要求\n关于某项工作的意见\n${BODY}`).orgs).toEqual([]);
    expect(extractMetadata(`坚决维护党中央，国务院\n关于某项工作的意见\n${BODY}`).orgs).toEqual([]);
    expect(extractMetadata(`中央 国务院\n关于某项工作的意见\n${BODY}`).orgs).toEqual([]);
    expect(extractMetadata(`__proto__ constructor\n关于某项工作的意见\n${BODY}`).orgs).toEqual([]);
    expect(extractMetadata('').orgs).toEqual([]);
  });

  it('a sign-off of two organisations on separate lines before the date names both, in order', () => {
    const m = extractMetadata(`关于某项工作的意见\n${BODY}\n中共中央\n国务院\n2031年1月4日`);
    expect(m.orgs).toEqual(['中共中央', '国务院']);
    expect(m.date).toBe('2031-01-04');
    // Through the cleaner (full-width digits, a zero-width space) the sign-off stays three lines.
    const cleaned = buildDocumentFromText(`关于某项工作的意见\n${BODY}\n中共中央办公厅\u200b\n国务院办公厅\n２０３１年１月４日`).metadata;
    expect(cleaned.orgs).toEqual(['中共中央办公厅', '国务院办公厅']);
    expect(cleaned.date).toBe('2031-01-04');
    // A dated subtitle under the title is a date line too: it must not hide the sign-off below.
    const dated = extractMetadata(`关于某项工作的意见\n（2031年1月4日）\n${BODY}\n中共壬癸市委\n壬癸市人民政府\n2031年1月4日`);
    expect(dated.orgs).toEqual(['中共壬癸市委', '壬癸市人民政府']);
    // A date after a paragraph names nobody.
    expect(extractMetadata(`关于某项工作的意见\n${BODY}\n2031年1月4日`).orgs).toEqual([]);
  });
});
