// National 政府工作报告 (raw wikisource text, see tests/fixtures/corpus/README.md): facts anyone can
// check with a substring search, found through the whole pipeline from raw text.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../analysis/analyze';
import type { DocAnalysis } from '../../analysis/types';
import { createTestContext } from '../helpers/segmenter';

interface Report {
  title: string;
  year: number;
  content: string;
}

const reports: Report[] = readFileSync(join(__dirname, '../fixtures/corpus/national-reports.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Report);

const count = (a: DocAnalysis, t: string) => a.formulations.find((h) => h.text === t)?.count ?? 0;

let byYear: Map<number, DocAnalysis>;
beforeAll(() => {
  const ctx = createTestContext();
  byYear = new Map(reports.map((r) => [r.year, analyzeDocument({ docId: String(r.year), text: r.content }, ctx)]));
});

describe('national reports (fixtures)', () => {
  it('has the years the facts need', () => {
    expect([...byYear.keys()].sort()).toEqual([1954, 1957, 1986, 2018, 2019, 2021, 2022, 2023, 2024, 2025]);
  });

  it('两个维护 in 2019 and 2021–2025, not 2018', () => {
    expect(count(byYear.get(2018)!, '两个维护')).toBe(0);
    for (const y of [2019, 2021, 2022, 2023, 2024, 2025]) expect(count(byYear.get(y)!, '两个维护'), String(y)).toBeGreaterThan(0);
  });

  it('两个确立 from 2022 only', () => {
    for (const y of [2018, 2019, 2021]) expect(count(byYear.get(y)!, '两个确立'), String(y)).toBe(0);
    for (const y of [2022, 2023, 2024, 2025]) expect(count(byYear.get(y)!, '两个确立'), String(y)).toBeGreaterThan(0);
  });

  it('新质生产力 in 2024–2025, not before', () => {
    for (const y of [2018, 2019, 2021, 2022, 2023]) expect(count(byYear.get(y)!, '新质生产力'), String(y)).toBe(0);
    for (const y of [2024, 2025]) expect(count(byYear.get(y)!, '新质生产力'), String(y)).toBeGreaterThan(0);
  });

  it('阶级斗争 in exactly the reports of 1954 (traditional 階級鬥爭), 1957 and 1986', () => {
    const years = [...byYear].filter(([, a]) => count(a, '阶级斗争') > 0).map(([y]) => y).sort((a, b) => a - b);
    expect(years).toEqual([1954, 1957, 1986]);
  });

  it('the traditional-character 1954 report yields simplified terms and formulations', () => {
    const raw = reports.find((r) => r.year === 1954)!.content;
    expect(raw).toContain('過渡時期');
    const a = byYear.get(1954)!;
    const terms = new Map(a.terms);
    expect(terms.get('国家')).toBeGreaterThan(10);
    expect(terms.has('國家')).toBe(false);
    expect(count(a, '社会主义改造')).toBeGreaterThan(0);
    expect(count(a, '公私合营')).toBeGreaterThan(0);
    expect(count(a, '抗美援朝')).toBeGreaterThan(0);
    for (const [t] of a.terms) expect(/[國黨學會發經濟過時]/.test(t), t).toBe(false);
  });

  it('number-formula discovery stays precise on whole reports: no ordinals, enumerations or plain quantities', () => {
    const numbered = [...byYear.values()].flatMap((a) => a.formulations.filter((h) => h.kind === 'numbered').map((h) => h.text));
    expect(numbered.length).toBeGreaterThan(10);
    for (const t of numbered) {
      expect(t, t).not.toMatch(/^第/);
      expect(t, t).not.toMatch(/^[一二三四五六七八九十]+[是要]/);
      expect(t, t).not.toMatch(/^(?:一些|一个|一批|一方面|[两三四五六七八九]个(?:月|方面|部门|国家|小时))$/);
    }
    // Real formulas of these years are found by pattern (none of them is in the lexicon).
    const found = new Set(numbered);
    for (const t of ['两不愁三保障', '一老一小', '三区三州']) expect(found.has(t), t).toBe(true);
  });

  it('reads the outline of a modern report (three numbered parts)', () => {
    const top = byYear.get(2024)!.outline.filter((h) => h.level === 1);
    expect(top.map((h) => h.marker)).toEqual(['一、', '二、', '三、']);
    expect(top[0]?.text).toBe('2023年工作回顾');
  });
});

// The full corpus lives outside the repository; this check runs only where it is present.
const SHARED = join(__dirname, '../../../shared/corpus/national/government_work_reports.jsonl');
const hasShared = existsSync(SHARED);
if (!hasShared) console.warn(`[analysis-corpus] ${SHARED} not found: full-corpus check skipped`);

describe.skipIf(!hasShared)('full national corpus (../shared, when present)', () => {
  it('两个维护 2019 and 2021–2025 only; 四个意识 from 2017; 两个确立 from 2022; 阶级斗争 in exactly seven reports 1954–1986', () => {
    const ctx = createTestContext();
    const docs = readFileSync(SHARED, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { title: string; year?: string; content: string })
      .filter((d) => d.year && d.title.endsWith('政府工作报告'));
    const seen = new Map<string, number[]>();
    for (const d of docs) {
      const a = analyzeDocument({ docId: d.year!, text: d.content }, ctx);
      for (const t of ['两个维护', '四个意识', '两个确立', '阶级斗争']) if (count(a, t) > 0) seen.set(t, [...(seen.get(t) ?? []), Number(d.year)]);
    }
    const years = (t: string) => (seen.get(t) ?? []).sort((a, b) => a - b);
    expect(years('两个维护')).toEqual([2019, 2021, 2022, 2023, 2024, 2025]);
    expect(Math.min(...years('四个意识'))).toBe(2017);
    expect(years('两个确立')).toEqual([2022, 2023, 2024, 2025]);
    // 1954 is written in traditional characters (階級鬥爭): found through normalisation.
    expect(years('阶级斗争')).toEqual([1954, 1955, 1957, 1975, 1978, 1979, 1986]);
  });
});
