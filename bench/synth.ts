// Synthetic corpora for the scale benchmarks: documents recombined from the paragraphs of real reports
// (../shared/corpus when present, else the test fixtures), about 10,000 characters each, years
// 2000–2025, about 200 issuing organisations. Deterministic: the same size and seed give the same files.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const SHARED_CORPUS = join(here, '../../shared/corpus');
const FIXTURES = join(here, '../tests/fixtures');

/** Characters a synthetic document aims at (the real city reports average ~16,000, notices far less). */
export const DOC_CHARS = 10_000;
/** Documents a .jsonl file holds: the CLI reads many files, as it would a real collection. */
const DOCS_PER_FILE = 500;
const FIRST_YEAR = 2000;
const LAST_YEAR = 2025;
const ORG_COUNT = 200;
/** Paragraphs shorter than this are headings or debris; they are drawn from a separate pool. */
const MIN_PARAGRAPH = 40;

/** mulberry32: a small, fast, seedable generator (quality is ample for sampling paragraphs). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Pool {
  source: string;
  paragraphs: string[];
  headings: string[];
  places: string[];
}

function jsonlContents(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => String((JSON.parse(l) as { content?: unknown }).content ?? ''));
}

/** Paragraph pools and place names from the corpus (or the fixtures on a fresh clone). */
export function loadPool(): Pool {
  const texts: string[] = [];
  const places: string[] = [];
  let source: string;
  if (existsSync(SHARED_CORPUS)) {
    source = SHARED_CORPUS;
    texts.push(...jsonlContents(join(SHARED_CORPUS, 'national/government_work_reports.jsonl')));
    const cities = join(SHARED_CORPUS, 'cities2024');
    for (const f of readdirSync(cities).filter((n) => n.endsWith('.txt')).sort()) {
      texts.push(readFileSync(join(cities, f), 'utf8'));
      places.push(basename(f, '.txt'));
    }
  } else {
    source = FIXTURES;
    texts.push(...jsonlContents(join(FIXTURES, 'corpus/national-reports.jsonl')));
    const seeds = join(FIXTURES, 'seeds');
    for (const f of readdirSync(seeds).filter((n) => n.endsWith('.txt')).sort()) texts.push(readFileSync(join(seeds, f), 'utf8'));
    places.push('甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸');
  }
  const paragraphs: string[] = [];
  const headings: string[] = [];
  for (const t of texts) {
    for (const line of t.split('\n')) {
      const p = line.trim();
      if (p.length >= MIN_PARAGRAPH) paragraphs.push(p);
      else if (p.length >= 4 && /^[一二三四五六七八九十]+、/.test(p)) headings.push(p);
    }
  }
  return { source, paragraphs, headings, places };
}

/** ~200 organisation names: each place as a government and as a Party committee, repeated with 县/区 forms when few. */
function organisations(places: string[]): string[] {
  const out: string[] = [];
  const forms = ['市人民政府', '市委', '县人民政府', '区人民政府'];
  for (let f = 0; out.length < ORG_COUNT && f < forms.length * 20; f++) {
    for (const p of places) {
      if (out.length >= ORG_COUNT) break;
      const round = Math.floor(f / forms.length);
      out.push(`${p}${round > 0 ? round + 1 : ''}${forms[f % forms.length]}`);
    }
  }
  return out;
}

export interface SynthDoc {
  title: string;
  org: string;
  year: number;
  content: string;
}

/** The documents of a synthetic corpus, one at a time (bounded memory however many are asked for). */
export function* synthDocs(n: number, pool: Pool = loadPool(), seed = 7): Generator<SynthDoc> {
  const rand = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const orgs = organisations(pool.places);
  for (let i = 0; i < n; i++) {
    const org = pick(orgs);
    const year = FIRST_YEAR + Math.floor(rand() * (LAST_YEAR - FIRST_YEAR + 1));
    const title = `${org}${year}年工作报告（第${i + 1}号）`;
    const parts = [title];
    let chars = title.length;
    while (chars < DOC_CHARS) {
      const p = pool.headings.length > 0 && rand() < 0.08 ? pick(pool.headings) : pick(pool.paragraphs);
      parts.push(p);
      chars += p.length + 1;
    }
    yield { title, org, year, content: parts.join('\n') };
  }
}

/**
 * Writes a corpus of n documents as .jsonl files (DOCS_PER_FILE each) under dir; returns the file
 * paths and the characters written.
 */
export function writeSynthCorpus(dir: string, n: number, seed = 7): { files: string[]; chars: number } {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  let chars = 0;
  let lines: string[] = [];
  const flush = () => {
    if (lines.length === 0) return;
    const file = join(dir, `synth-${String(files.length).padStart(3, '0')}.jsonl`);
    writeFileSync(file, lines.join('\n') + '\n');
    files.push(file);
    lines = [];
  };
  for (const d of synthDocs(n, loadPool(), seed)) {
    chars += d.content.length;
    lines.push(JSON.stringify(d));
    if (lines.length >= DOCS_PER_FILE) flush();
  }
  flush();
  return { files, chars };
}

// `tsx bench/synth.ts <n> <dir>` writes a corpus by hand.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const n = Number(process.argv[2] ?? 100);
  const dir = process.argv[3] ?? `/tmp/tifa-synth-${n}`;
  const { files, chars } = writeSynthCorpus(dir, n);
  console.log(`${n} documents, ${chars.toLocaleString('en')} characters, ${files.length} files in ${dir}`);
}
