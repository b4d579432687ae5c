// Benchmark of the analysis core over the real corpus (../shared/corpus when present, else the test
// fixtures): per-document analysis throughput, corpus aggregates over all stored results, peak RSS.
// Run: npm run bench
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  findRecurring,
  firstAppearance,
  formulationSummary,
  orgFormulationMatrix,
  tfidf,
  topTerms,
  yearTermMatrix,
} from '../analysis/aggregate';
import { analysisVersion, analyzeDocument, type AnalysisContext } from '../analysis/analyze';
import { cleanText } from '../analysis/clean';
import { keyness } from '../analysis/keyness';
import { kwic } from '../analysis/kwic';
import { DEFAULT_LEXICON } from '../analysis/lexicon';
import { normalizeForAnalysis } from '../analysis/normalize';
import { orgAliasMap } from '../analysis/orgs';
import { createSegmenter, type JiebaLike } from '../analysis/segment';
import { DEFAULT_STOPWORDS } from '../analysis/stopwords';
import type { DocAnalysis, DocFacet } from '../analysis/types';

const here = fileURLToPath(new URL('.', import.meta.url));
const SHARED = join(here, '../../shared/corpus');
const FIXTURES = join(here, '../tests/fixtures');

interface Doc {
  facet: DocFacet;
  text: string;
}

/** Congress number → year of the congress (for the CPC congress reports, which carry no year). */
const CONGRESS_YEAR = new Map<number, number>([
  [1, 1921], [2, 1922], [3, 1923], [4, 1925], [5, 1927], [6, 1928], [7, 1945], [8, 1956], [9, 1969], [10, 1973],
  [11, 1977], [12, 1982], [13, 1987], [14, 1992], [15, 1997], [16, 2002], [17, 2007], [18, 2012], [19, 2017], [20, 2022],
]);

function readJsonl(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function loadCorpus(): { source: string; docs: Doc[] } {
  const docs: Doc[] = [];
  const facet = (docId: string, title: string, org: string, year: number | null): DocFacet => ({ docId, title, org, year, docType: '', date: '' });
  if (existsSync(SHARED)) {
    readJsonl(join(SHARED, 'national/government_work_reports.jsonl')).forEach((d, i) => {
      const title = String(d.title ?? '');
      const org = title.includes('决议') ? '全国人大' : '国务院';
      const year = d.year ? Number(d.year) : null;
      docs.push({ facet: facet(`gwr#${i}`, title, org, year), text: String(d.content ?? '') });
    });
    readJsonl(join(SHARED, 'national/cpc_congress_reports.jsonl')).forEach((d, i) => {
      docs.push({ facet: facet(`cpc#${i}`, String(d.title ?? ''), '中共中央', CONGRESS_YEAR.get(Number(d.congress)) ?? null), text: String(d.content ?? '') });
    });
    const cities = join(SHARED, 'cities2024');
    for (const f of readdirSync(cities).filter((n) => n.endsWith('.txt')).sort()) {
      docs.push({ facet: facet(`city:${f}`, `${basename(f, '.txt')}2024年政府工作报告`, basename(f, '.txt'), 2024), text: readFileSync(join(cities, f), 'utf8') });
    }
    return { source: SHARED, docs };
  }
  readJsonl(join(FIXTURES, 'corpus/national-reports.jsonl')).forEach((d, i) => {
    docs.push({ facet: facet(`fx#${i}`, String(d.title), String(d.org ?? '国务院'), Number(d.year)), text: String(d.content) });
  });
  const seeds = join(FIXTURES, 'seeds');
  for (const f of readdirSync(seeds).filter((n) => n.endsWith('.txt')).sort()) {
    docs.push({ facet: facet(`seed:${f}`, f, f.slice(0, 3), 2024), text: readFileSync(join(seeds, f), 'utf8') });
  }
  return { source: FIXTURES, docs };
}

/** CPU milliseconds (user + system) of this process since `from`: steadier than wall time on a shared machine. */
function cpuMs(from: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(from);
  return (c.user + c.system) / 1000;
}

function time<T>(label: string, fn: () => T, rows: [string, number, number][]): T {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const out = fn();
  rows.push([label, performance.now() - t0, cpuMs(c0)]);
  return out;
}

function main() {
  const { source, docs: rawDocs } = loadCorpus();
  const rawChars = rawDocs.reduce((s, d) => s + d.text.length, 0);
  console.log(`corpus: ${source}\ndocuments: ${rawDocs.length}, raw characters: ${rawChars.toLocaleString('en')}`);

  // The product analyses cleaned text (a clip, a CLI input): clean first, as they do, and time it.
  const tC = performance.now();
  const cC = process.cpuUsage();
  const docs = rawDocs.map((d) => ({ facet: d.facet, text: cleanText(d.text).text }));
  const cleanMs = performance.now() - tC;
  const cleanCpu = cpuMs(cC);
  const totalChars = docs.reduce((s, d) => s + d.text.length, 0);
  console.log(
    `cleanText, ${docs.length} docs: wall ${cleanMs.toFixed(0)} ms, CPU ${cleanCpu.toFixed(0)} ms → ${Math.round(rawChars / (cleanMs / 1000)).toLocaleString('en')} raw chars/s; cleaned characters: ${totalChars.toLocaleString('en')}`,
  );

  const t0 = performance.now();
  const jieba = createRequire(import.meta.url)('jieba-wasm') as JiebaLike;
  const segmenter = createSegmenter(jieba, { lexicon: DEFAULT_LEXICON });
  const ctx: AnalysisContext = { segmenter, lexicon: DEFAULT_LEXICON, stopwords: new Set(DEFAULT_STOPWORDS), version: analysisVersion(DEFAULT_LEXICON, [], DEFAULT_STOPWORDS) };
  // Warm up: first call converts (opencc tables) and compiles.
  analyzeDocument({ docId: 'warm', text: '坚持两个维护。堅持黨的領導。' }, ctx);
  const setupMs = performance.now() - t0;

  // Per-document analysis, with its stages timed separately on the same documents.
  const analyses: DocAnalysis[] = [];
  const tA = performance.now();
  const cA = process.cpuUsage();
  for (const d of docs) analyses.push(analyzeDocument({ docId: d.facet.docId, text: d.text }, ctx));
  const analyzeMs = performance.now() - tA;
  const analyzeCpu = cpuMs(cA);
  const cN = process.cpuUsage();
  const normalized = docs.map((d) => ({ docId: d.facet.docId, text: normalizeForAnalysis(d.text) }));
  const normalizeMs = cpuMs(cN);
  const cS = process.cpuUsage();
  let tokens = 0;
  for (const d of normalized) for (const line of d.text.split('\n')) tokens += segmenter.cut(line).length;
  const segmentMs = cpuMs(cS);

  console.log(`\nsetup (jieba load + lexicon words + warm-up): ${setupMs.toFixed(0)} ms`);
  const rate = (ms: number) => `${((docs.length * 1000) / ms).toFixed(1)} docs/s, ${Math.round((totalChars * 1000) / ms).toLocaleString('en')} chars/s`;
  console.log(`analyzeDocument, ${docs.length} docs: wall ${analyzeMs.toFixed(0)} ms → ${rate(analyzeMs)}`);
  console.log(`                        CPU  ${analyzeCpu.toFixed(0)} ms → ${rate(analyzeCpu)}`);
  console.log(`  CPU by stage: normalise ≈ ${normalizeMs.toFixed(0)} ms, jieba cut ≈ ${segmentMs.toFixed(0)} ms (${tokens.toLocaleString('en')} tokens), rest (terms, formulations, outline) ≈ ${(analyzeCpu - normalizeMs - segmentMs).toFixed(0)} ms`);
  console.log(`  machine load average at start: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores (wall times suffer when others run)`);

  const facets = docs.map((d) => d.facet);
  const rssBeforeAggregates = process.memoryUsage().rss;
  const peakBeforeAggregates = process.resourceUsage().maxRSS * 1024;
  const aliases = orgAliasMap();
  const rows: [string, number, number][] = [];
  const lexTerms = DEFAULT_LEXICON.map((e) => e.term);
  const top = time('topTerms(500)', () => topTerms(analyses, 500), rows);
  const trends = time(`yearTermMatrix(${lexTerms.length} lexicon + 500 top terms)`, () => yearTermMatrix(facets, analyses, [...lexTerms, ...top.map((t) => t.term)]), rows);
  const summary = time('formulationSummary', () => formulationSummary(facets, analyses, { aliases }), rows);
  time('orgFormulationMatrix(top 30)', () => orgFormulationMatrix(facets, analyses, { aliases, top: 30 }), rows);
  time('firstAppearance', () => firstAppearance(facets, analyses), rows);
  time('tfidf(20/doc)', () => tfidf(analyses), rows);
  const byYear = (lo: number, hi: number) => analyses.filter((_, i) => (facets[i].year ?? 0) >= lo && (facets[i].year ?? 0) <= hi);
  const key = time('keyness(≤2012 vs ≥2013)', () => keyness(byYear(1900, 2012), byYear(2013, 2100)), rows);
  const lines = time('kwic(两个维护, 20) on normalised texts', () => kwic(normalized, '两个维护', 20, { normalize: false }), rows);
  const lexForms = DEFAULT_LEXICON.flatMap((e) => [e.term, ...e.aliases]);
  const recurring = time('findRecurring (normalised texts)', () => findRecurring(facets, normalized, { normalized: true, aliases, exclude: lexForms, analyses }), rows);
  const aggMs = rows.reduce((s, [, ms]) => s + ms, 0);
  const aggCpu = rows.reduce((s, [, , c]) => s + c, 0);

  console.log(`\naggregates over all ${analyses.length} stored analyses (wall / CPU):`);
  for (const [label, ms, c] of rows) console.log(`  ${label.padEnd(52)} ${ms.toFixed(1).padStart(8)} ms ${c.toFixed(1).padStart(8)} ms`);
  console.log(`  ${'total'.padEnd(52)} ${aggMs.toFixed(1).padStart(8)} ms ${aggCpu.toFixed(1).padStart(8)} ms`);
  console.log(`\nsizes: trends rows ${trends.length}, formulations ${summary.length}, keyness rows ${key.length}, kwic lines ${lines.length}, recurring ${recurring.length}`);
  console.log(`stored analyses as JSON: ${(JSON.stringify(analyses).length / 1e6).toFixed(1)} MB`);
  console.log(`recurring (top 15): ${recurring.slice(0, 15).map((r) => `${r.text}(${r.docs}/${r.orgs})`).join(' ')}`);
  console.log(`keyness ≥2013 (top 10): ${key.filter((r) => r.direction === 'b').slice(0, 10).map((r) => r.term).join(' ')}`);
  const ru = process.resourceUsage();
  console.log(`\npeak RSS: ${(ru.maxRSS / 1024).toFixed(0)} MB (node ${process.version}, ${process.arch}); after analysing all documents: RSS ${(rssBeforeAggregates / 2 ** 20).toFixed(0)} MB, peak so far ${(peakBeforeAggregates / 2 ** 20).toFixed(0)} MB`);
}

main();
