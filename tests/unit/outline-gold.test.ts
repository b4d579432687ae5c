import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractOutline } from '../../analysis/structure';
import { scoreOutline, type GoldHeading } from '../helpers/outline-score';

// Gold outlines made by a careful reading of corpus documents (see tests/fixtures/outlines/README.md).
const DIR = join(__dirname, '../fixtures/outlines');
const names = readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => f.slice(0, -4))
  .sort();

describe('outline against gold outlines of corpus documents', () => {
  const rows = names.map((name) => {
    const text = readFileSync(join(DIR, `${name}.txt`), 'utf8');
    const gold = JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as GoldHeading[];
    return { name, text, gold, score: scoreOutline(extractOutline(text), gold) };
  });

  it('has at least ten gold documents, each with its text', () => {
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const r of rows) for (const g of r.gold) expect(r.text.slice(g.offset).includes(g.text.slice(0, 4)), `${r.name}@${g.offset}`).toBe(true);
  });

  it.each(names)('%s: no heading missed or invented beyond the documented misses', (name) => {
    const r = rows.find((x) => x.name === name)!;
    // Per document: at most one miss and one false heading (each documented in the README).
    expect(r.score.gold - r.score.found, 'missed').toBeLessThanOrEqual(1);
    expect(r.score.predicted - r.score.found, 'invented').toBeLessThanOrEqual(1);
  });

  it('overall precision, recall and right-level rate', () => {
    const sum = (k: 'gold' | 'predicted' | 'found' | 'rightLevel') => rows.reduce((n, r) => n + r.score[k], 0);
    const precision = sum('found') / sum('predicted');
    const recall = sum('found') / sum('gold');
    const level = sum('rightLevel') / sum('gold');
    console.info(`[outline-gold] ${rows.length} docs, ${sum('gold')} gold headings: precision ${(precision * 100).toFixed(1)}%, recall ${(recall * 100).toFixed(1)}%, right level ${(level * 100).toFixed(1)}%`);
    expect(precision).toBeGreaterThanOrEqual(0.97);
    expect(recall).toBeGreaterThanOrEqual(0.97);
    expect(level).toBeGreaterThanOrEqual(0.93);
  });
});
