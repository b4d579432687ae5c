// The outline against an independent gold: for sixteen documents of varied kinds (national and city
// reports, a Party congress report, an NPC resolution, 党建工作要点, notices, one-line reports, a made-up
// report with 结束语 and 附件), the expected outline was written by reading each text, never from the
// parser's output (tests/fixtures/outlines-read/README.md says what counts as a heading). The excerpts
// are committed, so a fresh clone tests them; with ../shared present the full documents are read too.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractOutline } from '../../analysis/structure';
import type { Heading } from '../../analysis/types';
import { SOURCES } from '../fixtures/outlines-read/sources';
import { excerptOf, sourceText } from '../fixtures/outlines-read/make';

const DIR = join(__dirname, '../fixtures/outlines-read');
const FIXTURES = join(__dirname, '../fixtures');
const SHARED = process.env.TIFA_SHARED ?? join(__dirname, '../../../shared');
const sharedPresent = existsSync(join(SHARED, 'corpus', 'MANIFEST.tsv')) && existsSync(join(SHARED, 'seeds'));

type Gold = [level: number, prefix: string][];

/** A heading's marker and text compared without spaces, brackets in one width. */
const key = (s: string) => s.replace(/[\s\u3000]/g, '').replace(/（/g, '(').replace(/）/g, ')');

interface Scored {
  gold: number;
  predicted: number;
  found: number;
  rightLevel: number;
  missed: string[];
  invented: string[];
  wrongLevel: string[];
}

/** Gold headings matched in order to predicted ones whose marker and text start with the gold prefix. */
export function scoreRead(predicted: Heading[], gold: Gold): Scored {
  const keys = predicted.map((h) => key(h.marker + h.text));
  const used = new Set<number>();
  const s: Scored = { gold: gold.length, predicted: predicted.length, found: 0, rightLevel: 0, missed: [], invented: [], wrongLevel: [] };
  let from = 0;
  for (const [level, prefix] of gold) {
    const p = key(prefix);
    let at = -1;
    for (let i = from; i < keys.length; i++) {
      const k = keys[i] ?? '';
      if (k.startsWith(p) || (k.length >= 4 && p.startsWith(k))) {
        at = i;
        break;
      }
    }
    if (at < 0) {
      s.missed.push(prefix);
      continue;
    }
    used.add(at);
    from = at + 1;
    s.found++;
    const h = predicted[at];
    if (h?.level === level) s.rightLevel++;
    else s.wrongLevel.push(`${prefix} (gold ${level}, parser ${h?.level ?? '?'})`);
  }
  predicted.forEach((h, i) => {
    if (!used.has(i)) s.invented.push(`${h.marker}${h.text.slice(0, 16)} (level ${h.level})`);
  });
  return s;
}

const rows = SOURCES.map((src) => {
  const text = readFileSync(join(DIR, `${src.name}.txt`), 'utf8');
  const gold = JSON.parse(readFileSync(join(DIR, `${src.name}.gold.json`), 'utf8')) as Gold;
  return { src, text, gold, score: scoreRead(extractOutline(text), gold) };
});

describe('outline against an independent reading (tests/fixtures/outlines-read)', () => {
  it('has at least fifteen documents of the kinds asked for, each with its gold', () => {
    expect(rows.length).toBeGreaterThanOrEqual(15);
    const about = rows.map((r) => r.src.about).join(' ');
    for (const kind of ['党建工作要点', 'notice', 'one line', '结束语', '附件', 'city report', 'national government work report', 'Party congress report']) expect(about, kind).toContain(kind);
  });

  it('the scorer matches by marker and text in order, and says what disagrees', () => {
    const h = (level: number, marker: string, text: string): Heading => ({ level, marker, text, offset: 0 });
    const s = scoreRead([h(1, '一、', '总体要求'), h(2, '（一）', '加强领导'), h(1, '二、', '另一项')], [[1, '一、总体'], [1, '(一)加强'], [1, '三、']]);
    expect(s).toMatchObject({ gold: 3, predicted: 3, found: 2, rightLevel: 1 });
    expect(s.missed).toEqual(['三、']);
    expect(s.invented).toEqual(['二、另一项 (level 1)']);
    expect(s.wrongLevel).toEqual(['(一)加强 (gold 1, parser 2)']);
  });

  it('prints precision, recall and right level, with every disagreement', () => {
    const sum = (k: 'gold' | 'predicted' | 'found' | 'rightLevel') => rows.reduce((n, r) => n + r.score[k], 0);
    const lines = rows
      .filter((r) => r.score.missed.length || r.score.invented.length || r.score.wrongLevel.length)
      .map((r) => `  ${r.src.name}: missed [${r.score.missed.join('; ')}] invented [${r.score.invented.join('; ')}] wrong level [${r.score.wrongLevel.join('; ')}]`);
    const precision = sum('found') / sum('predicted');
    const recall = sum('found') / sum('gold');
    const level = sum('rightLevel') / sum('gold');
    console.info(
      [
        `[outline-read] ${rows.length} docs, ${sum('gold')} gold headings, ${sum('predicted')} found by the parser: precision ${(precision * 100).toFixed(1)}%, recall ${(recall * 100).toFixed(1)}%, right level ${(level * 100).toFixed(1)}% of gold`,
        ...lines,
      ].join('\n'),
    );
    expect(precision).toBeGreaterThanOrEqual(PRECISION_MIN);
    expect(recall).toBeGreaterThanOrEqual(RECALL_MIN);
    expect(level).toBeGreaterThanOrEqual(LEVEL_MIN);
  });
});

describe.skipIf(!sharedPresent)('the full documents behind the excerpts (../shared)', () => {
  if (!sharedPresent) console.log(`outline-read: ${SHARED} not found, full-document check skipped (the committed excerpts are still tested)`);
  it.each(rows.filter((r) => r.src.kind === 'jsonl' || r.src.kind === 'txt').map((r) => [r.src.name, r] as const))(
    '%s: the excerpt is the document as the analysis reads it, and gives the same outline',
    (_name, r) => {
      const full = sourceText(r.src, SHARED, FIXTURES);
      expect(`${excerptOf(r.src, full)}\n`).toBe(r.text);
      const outline = (t: string) => extractOutline(t).map((h) => [h.level, h.marker]);
      expect(outline(full)).toEqual(outline(r.text));
    },
  );
});

// Measured 2026-12-02, before: 229 gold headings in 16 documents, precision 100.0%, recall 93.9%,
// right level 90.8%. After (run-in 第一、 series with bodies, glued titles in a text that lost its
// breaks, short titles kept apart by analysis/normalize, titles heading parts alike): precision 100.0%,
// recall 99.6%, right level 99.6%. Left: 泸州's 「切实加强政府自身建设」, glued to a paragraph that does
// not repeat it. Thresholds: one heading more missed, invented or misplaced fails.
const PRECISION_MIN = 0.995;
const RECALL_MIN = 0.995;
const LEVEL_MIN = 0.995;
