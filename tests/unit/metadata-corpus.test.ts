// Metadata accuracy on real documents the rules were not written from.
// 1. Fixtures (tests/fixtures/corpus-meta: excerpts of real reports, always present): exact year,
//    type and organisation for each.
// 2. The whole corpus in ../shared/corpus (231 documents, MANIFEST.tsv gives year, org, type), only
//    where it is present: agreement per field, printed as a table, held above measured thresholds.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDocumentFromText } from '../../analysis/document';
import { extractMetadata } from '../../analysis/metadata';
import { DOC_TYPES } from '../../analysis/metadata-rules';
import type { DocMetadata } from '../../analysis/types';
import { buildRawDocument, fileNameTitle } from '../../cli/documents';

const FIXTURES = join(__dirname, '../fixtures/corpus-meta');
const CORPUS = process.env.TIFA_CORPUS ?? join(__dirname, '../../../shared/corpus');
const present = existsSync(join(CORPUS, 'MANIFEST.tsv'));

/** The CLI's path for a .txt: extraction, then the file name as title when the text has none. */
function txtDoc(source: string, text: string) {
  return buildRawDocument({ source, format: 'txt', text });
}

/** The CLI's path for a jsonl line, without the given-field overlay: what extraction itself reads. */
function jsonlMeta(record: { title?: string; content: string }): DocMetadata {
  return buildDocumentFromText(record.content, undefined, record.title).metadata;
}

describe('metadata of real report excerpts (fixtures)', () => {
  const city = (name: string) => txtDoc(`cities/${name}.txt`, readFileSync(join(FIXTURES, 'cities', `${name}.txt`), 'utf8'));

  it('a city report naming its government: 政府工作报告 of the year it plans, the government as issuer', () => {
    const { metadata } = city('上海');
    expect(metadata.docType).toBe('政府工作报告');
    expect(metadata.year).toBe(2024); // reviews 2023, sets the tasks of 2024
    expect(metadata.orgs).toEqual(['上海市人民政府']);
    expect(metadata.title).toBe('上海'); // no title line: the file name
  });

  it('「我代表市人民政府」 and a text that names 长沙 throughout: 长沙市人民政府, by counting places', () => {
    const { metadata } = city('长沙');
    expect(metadata.docType).toBe('政府工作报告');
    expect(metadata.year).toBe(2024);
    expect(metadata.yearSource).toBe('text');
    expect(metadata.orgs).toEqual(['长沙市人民政府']);
    expect(metadata.title).toBe('长沙');
  });

  it('a report without its opening is still a 政府工作报告 by its structure; a section head is no title', () => {
    const { metadata } = city('阿坝');
    expect(metadata.docType).toBe('政府工作报告');
    expect(metadata.year).toBe(2024);
    expect(metadata.orgs).toEqual([]);
    expect(metadata.title).toBe('阿坝'); // not 「2023年工作回顾」
  });

  it('the speaker line names the government; a report reviewing 2022 is about 2023', () => {
    const { metadata } = city('池州');
    expect(metadata.docType).toBe('政府工作报告');
    expect(metadata.year).toBe(2023);
    expect(metadata.orgs).toEqual(['池州市人民政府']);
    expect(metadata.title).toBe('池州'); // not the cut subtitle 「人民代表大会第二次会议上」
  });

  const national = readFileSync(join(FIXTURES, 'national.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { title: string; content: string });
  const byTitle = (start: string) => {
    const r = national.find((d) => d.title.startsWith(start));
    if (!r) throw new Error(`fixture ${start} missing`);
    return jsonlMeta(r);
  };

  it('national 政府工作报告: year from the subtitle date or the given title, 国务院 as issuer', () => {
    const m2024 = byTitle('2024年');
    expect(m2024.year).toBe(2024);
    expect(m2024.docType).toBe('政府工作报告');
    expect(m2024.orgs).toEqual(['中华人民共和国国务院']);
    // 1988: the text has no title line; 「过去五年国内工作的基本总结」 below 「各位代表！」 is a heading.
    const m1988 = byTitle('1988年');
    expect(m1988.title).toBe('1988年中华人民共和国国务院政府工作报告');
    expect(m1988.year).toBe(1988);
    expect(m1988.docType).toBe('政府工作报告');
    // 「（摘要）」 after the title does not hide its type.
    const m1964 = byTitle('1964年');
    expect(m1964.docType).toBe('政府工作报告');
    expect(m1964.year).toBe(1964);
  });

  it('an NPC 决议: the body in session is the issuer', () => {
    const m = byTitle('第十四届全国人民代表大会第二次会议');
    expect(m.docType).toBe('决议');
    expect(m.orgs).toEqual(['全国人民代表大会']);
    expect(m.year).toBe(2024);
  });

  it('congress reports are 报告 of the central committee, never 讲话', () => {
    const m19 = byTitle('决胜');
    expect(m19.docType).toBe('报告');
    expect(m19.orgs).toEqual(['中共中央']);
    expect(m19.year).toBe(2017);
    expect(m19.title).toBe('决胜全面建成小康社会 为夺取新时代中国特色社会主义伟大胜利');
    const m13 = byTitle('沿着'); // 「我受十二届中央委员会委托，向大会作报告」
    expect(m13.docType).toBe('报告');
    expect(m13.orgs).toEqual(['中共中央']);
  });

  it('a book title given as the page title is never an organisation', () => {
    const m = byTitle('論聯合政府');
    // Not 「聯合政府」: the title's 「(七大)」 marks the seventh congress's report, the central committee's.
    expect(m.orgs).toEqual(['中共中央']);
    expect(m.year).toBe(1945);
    expect(m.title).toBe('論聯合政府(七大)');
    // The same shape, made up: a title ending in 政府 with no administrative level.
    expect(extractMetadata('论联合政府\n\n这是一篇文章的正文，讲的是一个主张。', undefined, '论联合政府').orgs).toEqual([]);
    expect(extractMetadata('各位代表：\n现在，我代表县人民政府，向大会报告工作，请予审议。', undefined).orgs).toEqual([]);
  });

  it('edge inputs: empty text, full-width punctuation, __proto__ as a page title or file name', () => {
    expect(extractMetadata('', undefined, '__proto__').orgs).toEqual([]);
    expect(extractMetadata('各位代表：\n现在，我代表__proto__人民政府向大会报告工作。').orgs).toEqual([]);
    expect(fileNameTitle('a/b/__proto__.txt')).toBe('__proto__');
    expect(fileNameTitle('some/dir/...txt')).toBe('');
    expect(fileNameTitle('C:\\docs\\长沙.txt')).toBe('长沙');
    expect(txtDoc('x/空.txt', '').metadata.title).toBe('空');
    // A title line in the text wins over the file name.
    expect(txtDoc('x/文件.txt', '关于做好春节工作的通知\n\n各单位：为做好春节期间各项工作，现将有关事项通知如下。').metadata.title).toBe(
      '关于做好春节工作的通知',
    );
  });
});

// ---- the whole corpus

interface Row {
  id: string;
  /** What the researcher named it: the jsonl `title`, the .txt file name. */
  given: string;
  year: number | null;
  /** The place or body the manifest names, as written there (「黄山区(…)」 → 「黄山区」). */
  org: string;
  family: string;
  meta: DocMetadata;
}

/** Manifest types → the type family extraction is checked against. */
function family(type: string): string {
  if (/决议|決議/.test(type)) return '决议';
  if (/政府工作报告/.test(type)) return '政府工作报告';
  if (/党代会报告/.test(type)) return '报告';
  return type;
}

/** The manifest's short names for bodies whose full names extraction reads. */
const ORG_ALIASES = new Map<string, string[]>([
  ['全国人大', ['全国人民代表大会']],
  ['中共中央', ['中国共产党中央委员会']],
]);

function orgAgrees(row: Row): boolean {
  const extracted = row.meta.orgs.join('、');
  if (!extracted) return false;
  const names = [row.org, ...(ORG_ALIASES.get(row.org) ?? [])];
  return names.some((n) => extracted.includes(n) || n.includes(extracted));
}

const squash = (s: string) => s.replace(/[\s\u3000《》“”"'（）()]/g, '');
/**
 * A title agrees when it is (part of) what the researcher named the document, or when the text's
 * own title line was read instead: a line that ends in a document type (「政府工作报告」).
 */
function titleAgrees(row: Row): boolean {
  const t = squash(row.meta.title);
  const g = squash(row.given);
  return !!t && (t.includes(g) || g.includes(t) || DOC_TYPES.some((d) => d.re.test(t)));
}

/**
 * Years of the national Party congresses (the year each opened), to check the congress reports, whose
 * manifest rows carry no year: historical fact, kept here apart from the reader's own table.
 */
const CONGRESS_OPENED: Record<number, number> = {
  1: 1921, 2: 1922, 3: 1923, 4: 1925, 5: 1927, 6: 1928, 7: 1945, 8: 1956, 9: 1969, 10: 1973,
  11: 1977, 12: 1982, 13: 1987, 14: 1992, 15: 1997, 16: 2002, 17: 2007, 18: 2012, 19: 2017, 20: 2022,
};

/**
 * 'cli': the CLI's path (a .txt titled by its file name). 'text': read from the text alone: every
 * city file renamed to a number (no place in its name) and no year field of the jsonl used, so neither
 * a given year nor a file name can help.
 */
type Mode = 'cli' | 'text';

/**
 * Manifest rows whose organisation the check corrects, each with its reason. The manifest files the
 * reports of the local communist groups to the first congress (1921) under 中共中央, which that
 * congress was about to found: their reporters are the groups their titles name.
 */
const MANIFEST_ORG_CORRECTIONS = new Map<string, string>([
  ['national/cpc_congress_reports.jsonl#0', '北京共产主义组织'],
  ['national/cpc_congress_reports.jsonl#1', '廣州共產黨'],
]);

function loadCorpus(mode: Mode): Row[] {
  const lines = readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);
  const jsonl = new Map<string, { title: string; content: string; congress?: number }[]>();
  return lines.map((line, n) => {
    const [file = '', doc = '', year = '', org = '', type = '', , flags = ''] = line.split('\t');
    // Three city files are copies of the national report (flagged): its issuer is what they say.
    const expectedOrg = flags.includes('DUPLICATE_is_national') ? '国务院' : org.replace(/[(（].*$/, '');
    let meta: DocMetadata;
    let given: string;
    if (file.endsWith('.jsonl')) {
      if (!jsonl.has(file)) jsonl.set(file, readFileSync(join(CORPUS, file), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)));
      const record = jsonl.get(file)![Number(/^#(\d+)/.exec(doc)![1])];
      if (!record) throw new Error(`manifest row ${file}${doc}: no such jsonl line`);
      meta = jsonlMeta({ title: record.title, content: record.content });
      given = record.title;
      const expectedYear = year ? Number(year) : record.congress ? CONGRESS_OPENED[record.congress] ?? null : null;
      const corrected = MANIFEST_ORG_CORRECTIONS.get(`${file}${/^#\d+/.exec(doc)?.[0] ?? ''}`);
      return { id: `${file}${doc}`, given, year: expectedYear, org: corrected ?? expectedOrg, family: family(type), meta };
    }
    const source = mode === 'text' ? `renamed/doc-${String(n).padStart(3, '0')}.txt` : file;
    meta = txtDoc(source, readFileSync(join(CORPUS, file), 'utf8')).metadata;
    given = mode === 'text' ? meta.title : fileNameTitle(file);
    return { id: `${file}${doc}`, given, year: year ? Number(year) : null, org: expectedOrg, family: family(type), meta };
  });
}

describe.skipIf(!present)('metadata accuracy on the real corpus (../shared/corpus)', () => {
  if (!present) console.log(`metadata-corpus: ${CORPUS} not found, corpus accuracy skipped (fixture tests still run)`);
  const rows = present ? loadCorpus('cli') : [];
  const textRows = present ? loadCorpus('text') : [];
  const groups: [string, (r: Row) => boolean][] = [
    ['all', () => true],
    ['cities2024', (r) => r.id.startsWith('cities2024/')],
    ['national', (r) => r.id.startsWith('national/')],
  ];
  const score = (pick: (r: Row) => boolean, from: Row[] = rows) => {
    const rs = from.filter(pick);
    const dated = rs.filter((r) => r.year !== null);
    return {
      n: rs.length,
      year: [dated.filter((r) => r.meta.year === r.year).length, dated.length] as const,
      type: [rs.filter((r) => r.meta.docType && family(r.meta.docType) === r.family).length, rs.length] as const,
      org: [rs.filter(orgAgrees).length, rs.length] as const,
      orgWrong: rs.filter((r) => r.meta.orgs.length > 0 && !orgAgrees(r)).length,
      title: [rs.filter(titleAgrees).length, rs.length] as const,
      titleEmpty: rs.filter((r) => !r.meta.title).length,
    };
  };
  const scores = new Map(groups.map(([name, pick]) => [name, score(pick)]));
  const textScores = new Map(groups.map(([name, pick]) => [name, score(pick, textRows)]));

  it('prints the accuracy table', () => {
    const pct = ([a, b]: readonly [number, number]) => `${a}/${b} (${b ? ((100 * a) / b).toFixed(1) : '—'}%)`;
    const table = (sc: typeof scores) =>
      [...sc].map(([name, s]) =>
        [name.padEnd(11), pct(s.year).padEnd(18), pct(s.type).padEnd(18), pct(s.org).padEnd(18), String(s.orgWrong).padEnd(6), pct(s.title).padEnd(18), s.titleEmpty].join(' '),
      );
    const head = 'group       year               type (family)      org                wrong  title              empty titles';
    console.log(['metadata accuracy vs MANIFEST.tsv (CLI path)', head, ...table(scores), '', 'read from the text alone (files renamed, no year field)', head, ...table(textScores)].join('\n'));
    const misses = textRows.filter((r) => !orgAgrees(r) || (r.year !== null && r.meta.year !== r.year));
    console.log(`text alone, not right: ${misses.map((r) => `${r.id} (org ${r.meta.orgs.join('、') || '—'}, year ${r.meta.year ?? '—'})`).join('; ')}`);
    expect(rows.length).toBe(231);
  });

  // Issue 9: organisation and year right for at least 98% of the corpus read from the text alone.
  // Measured 2026-12-02: org 231/231, year 231/231 (the sixteen congress reports included), 0 wrong,
  // with the two first-congress rows corrected as MANIFEST_ORG_CORRECTIONS says (against the manifest
  // as written those two are 中共中央, and the reader's named groups count as wrong). Before: 228/231,
  // the two unknown and 牡丹江, which names itself 14 times against 11 for 合作 (an ordinary word that
  // is also a city's name, never written 合作市 there): a common word no longer counts as a rival.
  it('from the text alone: organisation and year right for at least 98% of the corpus, none wrong', () => {
    const all = textScores.get('all')!;
    // The issue asks 98%; measured 231/231 each, so one document lost fails.
    expect(all.org[0] / all.org[1]).toBeGreaterThanOrEqual(0.995);
    expect(all.year[0] / all.year[1]).toBeGreaterThanOrEqual(0.995);
    expect(all.year[1]).toBe(231);
    expect(all.orgWrong).toBe(0);
    // Every year says where it came from.
    expect(textRows.filter((r) => r.meta.year !== null && !r.meta.yearSource).map((r) => r.id)).toEqual([]);
  });

  // Measured on 2026-11-21 after the rules in analysis/metadata-rules.ts: year 212/215, type 230/231,
  // org 112/231 with 0 wrong (cities 27/143: most say only 「我代表市人民政府」), title 230/231 with
  // 0 empty. Before them: year 195/215, type 214/231, org 0/231 (1 wrong), title 94/231 (132 empty).
  // Thresholds sit a little below what was measured.
  it('reads year, type, organisation and title at least as well as measured', () => {
    const all = scores.get('all')!;
    expect(all.year[0]).toBeGreaterThanOrEqual(226);
    expect(all.type[0]).toBeGreaterThanOrEqual(224);
    expect(all.org[0]).toBeGreaterThanOrEqual(226);
    expect(all.title[0]).toBeGreaterThanOrEqual(225);
    expect(all.titleEmpty).toBe(0);
    // An organisation that is there must be the right one: unknown is allowed, wrong is not.
    expect(all.orgWrong).toBe(0);
  });

  it('city reports: 政府工作报告 of 2024 (2023 for the one 2023 report), never 讲话', () => {
    const cities = rows.filter((r) => r.id.startsWith('cities2024/'));
    expect(cities.filter((r) => r.meta.docType === '讲话')).toEqual([]);
    expect(cities.filter((r) => r.meta.year === r.year).length).toBeGreaterThanOrEqual(140);
    expect(cities.filter((r) => r.meta.docType === '政府工作报告').length).toBeGreaterThanOrEqual(140);
    expect(cities.filter(orgAgrees).length).toBeGreaterThanOrEqual(140);
  });

  it('national documents: every report and 决议 has its issuer; congress reports are 报告', () => {
    const gov = rows.filter((r) => r.id.startsWith('national/government_work_reports'));
    expect(gov.filter((r) => !orgAgrees(r)).map((r) => r.id)).toEqual([]);
    const congress = rows.filter((r) => r.id.startsWith('national/cpc_congress'));
    expect(congress.filter((r) => r.meta.docType === '讲话').map((r) => r.id)).toEqual([]);
    expect(congress.filter((r) => r.meta.docType === '报告').length).toBeGreaterThanOrEqual(13);
  });
});
