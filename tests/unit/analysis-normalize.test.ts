import { describe, expect, it } from 'vitest';
import { normalizeForAnalysis } from '../../analysis/normalize';

describe('normalizeForAnalysis', () => {
  it.each([
    ['empty', '', ''],
    ['word broken by a line break (wiki link)', '政府工作报\n告', '政府工作报告'],
    ['spaced characters from Word conversion', '政 府 工 作 报 告', '政府工作报告'],
    ['ideographic spaces inside a name', '李\u3000强', '李强'],
    ['full-width digits and letters', '２０２４年ＰＭ２．５', '2024年PM2．5'],
    ['zero-width characters', '两个\u200B维护', '两个维护'],
    ['traditional to simplified', '堅持黨的領導', '坚持党的领导'],
    ['footnote marker broken over lines', '人民代表大会[\n1\n]制度', '人民代表大会制度'],
    ['link text on its own line inside a sentence', '落实《\n中共中央关于加快农业发展若干问题的决定\n》精神。', '落实《中共中央关于加快农业发展若干问题的决定》精神。'],
    ['short fragment line', '二是\n加强企业基础工作。', '二是加强企业基础工作。'],
    ['blank lines inside a running paragraph', '坚持把党的政治建设摆在首位，引\n\n导党员干部全面掌握。', '坚持把党的政治建设摆在首位，引导党员干部全面掌握。'],
    ['__proto__ passes through', '__proto__ constructor', '__proto__ constructor'],
  ])('%s', (_name, input, expected) => {
    expect(normalizeForAnalysis(input)).toBe(expected);
  });

  it('keeps real paragraph and heading breaks', () => {
    const text = '一、强化政治引领，筑牢理想信念的思想根基\n\n1. 突出抓好政治建设。坚持把党的政治建设摆在首位。\n\n2. 巩固主题教育成果。\n二、工作要求\n严格落实。';
    expect(normalizeForAnalysis(text).split('\n')).toEqual([
      '一、强化政治引领，筑牢理想信念的思想根基',
      '1.突出抓好政治建设。坚持把党的政治建设摆在首位。',
      '2.巩固主题教育成果。',
      '二、工作要求',
      '严格落实。',
    ]);
  });

  it('keeps a title line apart from the paragraph after it', () => {
    expect(normalizeForAnalysis('2024年社会事业局党建工作要点\n\n2024年社会事业局党建工作的总体要求是：坚持。').split('\n')).toHaveLength(2);
  });

  it('keeps a closing heading or speaker apart from the salutation after it, and a title from its dash subtitle', () => {
    expect(normalizeForAnalysis('结束语\n各位代表！\n让我们更加紧密地团结起来。').split('\n')).toEqual([
      '结束语',
      '各位代表！',
      '让我们更加紧密地团结起来。',
    ]);
    expect(normalizeForAnalysis('李强\n各位代表：\n现在，我代表国务院，向大会报告政府工作。').split('\n')[0]).toBe('李强');
    expect(normalizeForAnalysis('政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上').split('\n')).toEqual([
      '政府工作报告',
      '——2024年3月5日在第十四届全国人民代表大会第二次会议上',
    ]);
    // A long salutation-like line, or a dash inside running prose, is not a salutation or subtitle.
    expect(normalizeForAnalysis('二是\n加强各位代表联系群众工作，听取意见！')).toBe('二是加强各位代表联系群众工作，听取意见！');
  });

  it('keeps a short title standing after a sentence end apart from the paragraph under it, and still joins fragments', () => {
    // A title line between two paragraphs is its own line; a name left alone inside a sentence by a
    // wiki link, a fragment ending in 是, and a short line after text that does not end a sentence join.
    expect(normalizeForAnalysis('推动全县机关党建工作再上新台阶。\n结束语\n机关党建工作任重道远，我们将继续努力。').split('\n')).toEqual([
      '推动全县机关党建工作再上新台阶。',
      '结束语',
      '机关党建工作任重道远，我们将继续努力。',
    ]);
    expect(normalizeForAnalysis('已经取得了成效。\n不总是\n具有这样的条件。').split('\n')).toEqual(['已经取得了成效。', '不总是具有这样的条件。']);
    // A closing quote does not end a sentence: the short line after it is no title.
    expect(normalizeForAnalysis('坚持“和平共处”\n五项原则\n早已载入我国宪法。').split('\n')).toEqual(['坚持“和平共处”', '五项原则早已载入我国宪法。']);
    expect(normalizeForAnalysis('国务院总理\n李克强\n各位代表：').split('\n')).toEqual(['国务院总理李克强', '各位代表：']);
    // Under the title a heading or a short line is not a paragraph: the old joining stands.
    expect(normalizeForAnalysis('工作取得了成效。\n正式明确\n核心地位').split('\n')).toEqual(['工作取得了成效。', '正式明确核心地位']);
  });

  it('is idempotent', () => {
    const raw = '各位代表：\n\n\u3000\u3000现在，我代表国务院，向大会报\n告政府工作。\n\n一、２０２４年工作回顾\n過去一年';
    const once = normalizeForAnalysis(raw);
    expect(normalizeForAnalysis(once)).toBe(once);
  });
});
