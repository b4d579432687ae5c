// Cleaning and metadata over real documents. The same checks run on two sets:
// - tests/fixtures/clean-corpus: six corpus documents chosen for their noise (README there), always;
// - ../shared/corpus (231 documents, 3.8 M characters), only where it is present: it is not part of
//   the repository, and its absence is said out loud, never skipped silently.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../analysis/clean';
import { buildDocumentFromText } from '../../analysis/document';
import type { CleanResult } from '../../analysis/types';
import { at } from '../helpers/at';

const CORPUS = join(__dirname, '../../../shared/corpus');
const FIXTURE = join(__dirname, '../fixtures/clean-corpus');
const present = existsSync(join(CORPUS, 'MANIFEST.tsv'));
if (!present) {
  console.warn(`clean-corpus: ${CORPUS} not found — the full-corpus checks are skipped; the copies in tests/fixtures/clean-corpus still run.`);
}

interface Doc {
  id: string;
  title: string;
  text: string;
  year: number | null;
  type: string;
  /** Length of the original document (MANIFEST `chars`): a fixture copy may be cut shorter. */
  chars: number;
  flags: string;
}

function load(root: string): Doc[] {
  const rows = readFileSync(join(root, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  const jsonl = new Map<string, { title: string; content: string }[]>();
  return rows.map(([file, doc, year, , type, chars, flags]) => {
    if (file === undefined || doc === undefined || type === undefined) throw new Error(`${root}/MANIFEST.tsv: a row with fewer than five columns`);
    let text: string;
    let title = '';
    if (file.endsWith('.jsonl')) {
      if (!jsonl.has(file)) jsonl.set(file, readFileSync(join(root, file), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)));
      const d = jsonl.get(file)![Number(/^#(\d+)/.exec(doc)![1])];
      if (!d) throw new Error(`${root}/MANIFEST.tsv: ${file} has no record ${doc}`);
      text = d.content;
      title = d.title;
    } else text = readFileSync(join(root, file), 'utf8');
    return { id: `${file}${doc}`, title, text, year: year ? Number(year) : null, type, chars: Number(chars), flags: flags ?? '' };
  });
}

/** The type a document of the manifest should get. */
const wantedType = (d: Doc) => (d.type.startsWith('NPC决议') ? '决议' : d.type.startsWith('党代会报告') ? '报告' : '政府工作报告');

/** What any real document must come out like: the checks both sets share. */
function sharedChecks(docs: () => Doc[], cleaned: () => Map<string, CleanResult>) {
  it('removes every Wikisource licence footer, once', () => {
    for (const d of docs().filter((x) => x.flags.includes('wikisource_license_footer'))) {
      const { text, removed } = cleaned().get(d.id)!;
      expect(removed.filter((r) => r.rule === 'wikisource-licence'), d.id).toHaveLength(1);
      expect(text, d.id).not.toMatch(/Public domain|公有领域|公有領域|维基文库|維基文庫/);
    }
  });

  it('leaves no full-width digits, zero-width characters, footnote markers or 政府工作报\\n告 breaks', () => {
    for (const d of docs()) {
      const { text } = cleaned().get(d.id)!;
      expect(text, d.id).not.toMatch(/[\uFF10-\uFF19\u200B-\u200D\uFEFF]/);
      expect(text, d.id).not.toMatch(/\[\s*(CPC\s*)?\d{1,3}\s*\]/);
      expect(text, d.id).not.toContain('政府工作报\n告');
    }
  });

  it('takes out boilerplate, never body text: apart from licences and page furniture, under 0.5% of any document', () => {
    for (const d of docs()) {
      const { removed } = cleaned().get(d.id)!;
      const furniture = new Set(['wikisource-licence', 'page-number', 'running-header', 'footnote-marker']);
      // A document known to end with a web footer (益阳) loses that footer too: what follows its last
      // sentence (。) is the footer, and does not count; the rest must stay under the share.
      const footer = d.flags.includes('web_footer') ? d.text.slice(d.text.lastIndexOf('。') + 1) : '';
      const inFooter = (t: string) => footer !== '' && footer.includes(t);
      const chars = removed.filter((r) => !furniture.has(r.rule) && !inFooter(r.text)).reduce((n, r) => n + r.text.length, 0);
      if (footer) expect(removed.filter((r) => inFooter(r.text)).length, d.id).toBeGreaterThanOrEqual(5);
      // The share is of the original document (a fixture copy cut short keeps its footer, loses body text).
      expect(chars, d.id).toBeLessThan(Math.max(50, d.chars * 0.005));
      for (const r of removed) if (r.rule !== 'wikisource-licence') expect(r.text.length, `${d.id} ${r.rule}`).toBeLessThanOrEqual(80);
    }
  });

  it('removes the web footer of 益阳 (ICP, site id, sponsor, share and QR prompts), not its last paragraph', () => {
    const d = docs().find((x) => x.id.endsWith('益阳.txt'))!;
    const { text } = cleaned().get(d.id)!;
    for (const s of ['ICP备', '网站标识码', '公网安备', '扫一扫', '分享到', '主办单位', '咨询热线', '责任编辑']) expect(text).not.toContain(s);
    expect(text.split('\n').at(-1)).toMatch(/^三坚决两确保两争先：.*激励奖项。$/);
  });

  it('detects the documents written in traditional characters', () => {
    for (const d of docs().filter((x) => x.flags.includes('traditional_chars'))) {
      expect(buildDocumentFromText(d.text).metadata.script, d.id).toBe('traditional');
    }
  });
}

describe('corpus documents copied into tests/fixtures/clean-corpus', () => {
  const docs = load(FIXTURE);
  const cleaned = new Map(docs.map((d) => [d.id, cleanText(d.text)]));
  const byId = (end: string) => docs.find((d) => d.id.endsWith(end))!;

  it('holds the six documents of its manifest, and each carries the noise it was chosen for', () => {
    expect(docs.map((d) => d.id.replace(/:.*/, ''))).toEqual([
      'national/government_work_reports.jsonl#0',
      'national/government_work_reports.jsonl#1',
      'national/government_work_reports.jsonl#2',
      'national/cpc_congress_reports.jsonl#0',
      'cities2024/黔东南.txt',
      'cities2024/益阳.txt',
    ]);
    expect(readdirSync(join(FIXTURE, 'cities2024')).sort()).toEqual(['LICENSE', '益阳.txt', '黔东南.txt']);
    // If a copy lost its noise, the checks above would pass without testing anything.
    const raw = (end: string) => docs.find((d) => d.id.includes(end))!.text;
    expect(docs.filter((d) => d.flags.includes('wikisource_license_footer'))).toHaveLength(3);
    for (const d of docs.filter((x) => x.flags.includes('wikisource_license_footer'))) expect(d.text, d.id).toMatch(/Public domain/);
    expect(raw('#2:1957').match(/[\uFF10-\uFF19]/g)?.length).toBe(5);
    expect(raw('#2:1957').match(/[\u200B-\u200D\uFEFF]/g)?.length).toBe(37);
    expect(raw('#0:2021')).toContain('政府工作报\n告');
    expect(raw('cpc_congress_reports.jsonl#0').match(/\[\n\d\n\]/g)).toHaveLength(5);
    expect(raw('黔东南.txt').split('\n')[0]).toBe('政 府 工 作 报 告');
    expect(raw('益阳.txt')).toContain('名 词 解 释');
    expect(raw('益阳.txt')).toMatch(/ICP备[\s\S]*网站标识码[\s\S]*公网安备/);
  });

  sharedChecks(() => docs, () => cleaned);

  it('joins the spaced characters of a Word conversion: 「政 府 工 作 报 告」 is the title again', () => {
    const d = byId('黔东南.txt');
    expect(cleaned.get(d.id)!.text.split('\n')[0]).toBe('政府工作报告');
    expect(cleaned.get(byId('益阳.txt').id)!.text.split('\n')).toContain('名词解释');
    const m = buildDocumentFromText(d.text).metadata;
    expect(m.title).toBe('政府工作报告');
    expect(m.docType).toBe('政府工作报告');
    expect(m.year).toBe(2024);
    expect(m.date).toBe('2024-01-31');
  });

  it('joins the broken word and keeps the facts of the 2021 report', () => {
    const { text } = cleaned.get(at(docs, 0).id)!;
    expect(text).toContain('政府工作报告');
    expect(text).toContain('两个维护');
    expect(text).not.toContain('两个确立'); // first in the 2022 report
  });

  it('reads type and year of every whole copy (the cut 益阳 copy lost the year its report plans)', () => {
    for (const d of docs) {
      const m = buildDocumentFromText(d.text, undefined, d.title || undefined).metadata;
      expect(m.docType, d.id).toBe(wantedType(d));
      if (d.year !== null && !d.flags.includes('trimmed')) expect(m.year, d.id).toBe(d.year);
    }
  });
});

describe.skipIf(!present)('the real corpus (../shared/corpus)', () => {
  const docs = present ? load(CORPUS) : [];
  const cleaned = new Map(docs.map((d) => [d.id, cleanText(d.text)]));

  it('loads every document of the manifest', () => {
    expect(docs.length).toBe(231);
    expect(readdirSync(join(CORPUS, 'cities2024')).filter((f) => f.endsWith('.txt')).length).toBe(143);
    expect(docs.filter((d) => d.flags.includes('wikisource_license_footer')).length).toBe(79);
    // The manifest's lengths are the documents' lengths (the fixture relies on the column).
    for (const d of docs) expect(d.text.length, d.id).toBe(d.chars);
  });

  sharedChecks(() => docs, () => cleaned);

  it('keeps the facts the README lists (after joining broken lines)', () => {
    const report = (y: number) => cleaned.get(docs.find((d) => d.type === '政府工作报告' && d.year === y)!.id)!.text;
    expect(report(2024)).toContain('新质生产力');
    expect(report(2025)).toContain('新质生产力');
    expect(report(2019)).toContain('两个维护');
    expect(report(2018)).not.toContain('两个维护');
    expect(report(2022)).toContain('两个确立');
  });

  it('reads document type and year well enough (measured: type 214/231, year 195/215)', () => {
    let typeOk = 0;
    let yearN = 0;
    let yearOk = 0;
    for (const d of docs) {
      const m = buildDocumentFromText(d.text, undefined, d.title || undefined).metadata;
      const want = wantedType(d);
      if (m.docType === want || (want === '报告' && m.docType === '讲话')) typeOk++;
      if (d.year !== null) {
        yearN++;
        if (m.year === d.year) yearOk++;
      }
    }
    expect(typeOk / docs.length).toBeGreaterThanOrEqual(0.95);
    expect(yearOk / yearN).toBeGreaterThanOrEqual(0.88);
  });

  it('flags no more than one simplified document as traditional', () => {
    const flippedSimplified = docs.filter((d) => !d.flags.includes('traditional_chars') && buildDocumentFromText(d.text).metadata.script === 'traditional');
    expect(flippedSimplified.length).toBeLessThanOrEqual(1);
  });
});
