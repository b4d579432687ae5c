// Cleaning and metadata over the real corpus in ../shared/corpus (231 documents, 3.8 M characters).
// The corpus is not part of the repository: these tests run only where it is present.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../analysis/clean';
import { buildDocumentFromText } from '../../analysis/document';

const CORPUS = join(__dirname, '../../../shared/corpus');
const present = existsSync(join(CORPUS, 'MANIFEST.tsv'));

interface Doc {
  id: string;
  title: string;
  text: string;
  year: number | null;
  type: string;
  flags: string;
}

function load(): Doc[] {
  const rows = readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  const jsonl = new Map<string, { title: string; content: string }[]>();
  return rows.map(([file, doc, year, , type, , flags]) => {
    let text: string;
    let title = '';
    if (file.endsWith('.jsonl')) {
      if (!jsonl.has(file)) jsonl.set(file, readFileSync(join(CORPUS, file), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)));
      const d = jsonl.get(file)![Number(/^#(\d+)/.exec(doc)![1])];
      text = d.content;
      title = d.title;
    } else text = readFileSync(join(CORPUS, file), 'utf8');
    return { id: `${file}${doc}`, title, text, year: year ? Number(year) : null, type, flags: flags ?? '' };
  });
}

describe.skipIf(!present)('the real corpus (../shared/corpus)', () => {
  const docs = present ? load() : [];
  const cleaned = new Map(docs.map((d) => [d.id, cleanText(d.text)]));

  it('loads every document of the manifest', () => {
    expect(docs.length).toBe(231);
    expect(readdirSync(join(CORPUS, 'cities2024')).filter((f) => f.endsWith('.txt')).length).toBe(143);
  });

  it('removes every Wikisource licence footer', () => {
    const flagged = docs.filter((d) => d.flags.includes('wikisource_license_footer'));
    expect(flagged.length).toBe(79);
    for (const d of flagged) {
      const { text, removed } = cleaned.get(d.id)!;
      expect(removed.filter((r) => r.rule === 'wikisource-licence'), d.id).toHaveLength(1);
      expect(text, d.id).not.toMatch(/Public domain|公有领域|公有領域|维基文库|維基文庫/);
    }
  });

  it('leaves no full-width digits, zero-width characters, footnote markers or 政府工作报\\n告 breaks', () => {
    for (const d of docs) {
      const { text } = cleaned.get(d.id)!;
      expect(text, d.id).not.toMatch(/[\uFF10-\uFF19\u200B-\u200D\uFEFF]/);
      expect(text, d.id).not.toMatch(/\[\s*(CPC\s*)?\d{1,3}\s*\]/);
      expect(text, d.id).not.toContain('政府工作报\n告');
    }
  });

  it('takes out boilerplate, never body text: apart from licences and page furniture, under 0.5% of any document', () => {
    for (const d of docs) {
      const { removed } = cleaned.get(d.id)!;
      const furniture = new Set(['wikisource-licence', 'page-number', 'running-header', 'footnote-marker']);
      const chars = removed.filter((r) => !furniture.has(r.rule)).reduce((n, r) => n + r.text.length, 0);
      // A document known to end with a web footer (益阳) loses that footer too.
      const share = d.flags.includes('web_footer') ? 0.01 : 0.005;
      expect(chars, d.id).toBeLessThan(Math.max(50, d.text.length * share));
      for (const r of removed) if (r.rule !== 'wikisource-licence') expect(r.text.length, `${d.id} ${r.rule}`).toBeLessThanOrEqual(80);
    }
  });

  it('removes the web footer of 益阳 (ICP, site id, share and QR prompts)', () => {
    const d = docs.find((x) => x.id.endsWith('益阳.txt'))!;
    const { text } = cleaned.get(d.id)!;
    for (const s of ['ICP备', '网站标识码', '公网安备', '扫一扫', '分享到']) expect(text).not.toContain(s);
  });

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
      const want = d.type.startsWith('NPC决议') ? '决议' : d.type.startsWith('党代会报告') ? '报告' : '政府工作报告';
      if (m.docType === want || (want === '报告' && m.docType === '讲话')) typeOk++;
      if (d.year !== null) {
        yearN++;
        if (m.year === d.year) yearOk++;
      }
    }
    expect(typeOk / docs.length).toBeGreaterThanOrEqual(0.95);
    expect(yearOk / yearN).toBeGreaterThanOrEqual(0.88);
  });

  it('detects the documents written in traditional characters', () => {
    for (const d of docs.filter((x) => x.flags.includes('traditional_chars'))) {
      expect(buildDocumentFromText(d.text).metadata.script, d.id).toBe('traditional');
    }
    const flippedSimplified = docs.filter((d) => !d.flags.includes('traditional_chars') && buildDocumentFromText(d.text).metadata.script === 'traditional');
    expect(flippedSimplified.length).toBeLessThanOrEqual(1);
  });
});
