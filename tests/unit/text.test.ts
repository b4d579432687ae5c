// analysis/text: the character helpers and the one way several organisations are written as text.
import { describe, expect, it } from 'vitest';
import { draftOf, changesFromDraft } from '../../utils/library';
import { isHan, joinOrgs, ORG_SEPARATOR, splitOrgs, stripZeroWidth, toHalfWidthAlnum } from '../../analysis/text';
import type { DocumentRecord } from '../../utils/db';

describe('character helpers', () => {
  it('turns full-width digits and letters into ASCII and keeps Chinese punctuation', () => {
    expect(toHalfWidthAlnum('２０２４年ＡＢｃ，（一）')).toBe('2024年ABc，（一）');
  });
  it('strips zero-width characters only', () => {
    expect(stripZeroWidth('两\u200B个\uFEFF维\u00AD护 ')).toBe('两个维护 ');
  });
  it('knows a Han character', () => {
    expect([isHan('党'), isHan('a'), isHan('，')]).toEqual([true, false, false]);
  });
});

describe('organisations as text', () => {
  it('joins with the shared separator and splits back to the same list', () => {
    const orgs = ['中共仪征市委教育工作委员会', '中共仪征市教育局委员会'];
    expect(joinOrgs(orgs)).toBe(`中共仪征市委教育工作委员会${ORG_SEPARATOR}中共仪征市教育局委员会`);
    expect(splitOrgs(joinOrgs(orgs))).toEqual(orgs);
  });
  it('accepts what people type: semicolons, commas, line breaks; never splits on 、', () => {
    expect(splitOrgs(' 甲局; 乙委员会，丙办\n丁厅 ,, ')).toEqual(['甲局', '乙委员会', '丙办', '丁厅']);
    expect(splitOrgs('中共中央、国务院')).toEqual(['中共中央、国务院']);
    expect(splitOrgs('')).toEqual([]);
    expect(splitOrgs('__proto__')).toEqual(['__proto__']);
  });
  it('an untouched library edit form changes no organisation, even one whose name holds 、', () => {
    const record = {
      id: 1, url: 'https://example.org/a', title: '题', orgs: ['甲、乙联合工作组', '丙局'], org: '', docNumber: '',
      date: '', year: null, docType: '', script: 'simplified', text: '正文。', chars: 3, contentHash: 'h',
      capturedAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z', tags: [], edited: [],
    } as unknown as DocumentRecord;
    const draft = draftOf(record);
    expect(draft.orgs).toBe(`甲、乙联合工作组${ORG_SEPARATOR}丙局`);
    expect(changesFromDraft(record, draft).orgs).toBeUndefined();
    expect(changesFromDraft(record, { ...draft, orgs: '丙局；丁局' }).orgs).toEqual(['丙局', '丁局']);
  });
});
