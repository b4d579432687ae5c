// Regenerates public/sample/sample-corpus.json, the bundled sample corpus the dashboard offers on an
// empty library: four seed documents and a slice of the national 政府工作报告 across decades.
// The file keeps each document's RAW text (it becomes the stored source); the dashboard cleans it
// with the same cleaner as a clipped page when loading, so re-cleaning works on samples too.
// Run: npx tsx scripts/make-sample.ts [/path/to/shared]   (default ../shared). Commit the output:
// a fresh clone has no shared folder.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SampleCorpus, SampleDocument } from '../utils/sample';

const here = dirname(fileURLToPath(import.meta.url));
const shared = resolve(process.argv[2] ?? join(here, '..', '..', 'shared'));
const out = join(here, '..', 'public', 'sample', 'sample-corpus.json');

/** Seeds included (file-name prefixes). 004 stays out: the capture tests use it as an unseen page. */
const SEED_PREFIXES = ['000_', '001_', '002_', '003_'];

/**
 * Report years, spread over the decades so Trends has a long axis (1955's report is a 57k-character
 * five-year-plan report; 1956 keeps the file small). 2018/2019 and 2022 bracket the facts the
 * corpus README lists (两个维护 from 2019, 两个确立 from 2022).
 */
const REPORT_YEARS = [1956, 1964, 1975, 1978, 1985, 1995, 2005, 2012, 2016, 2018, 2019, 2022, 2024, 2025];

/** The file must stay small enough to ship in the extension (bytes). */
const MAX_BYTES = 1_500_000;

const PUBLIC_DOMAIN_NOTE =
  'Official document of the PRC, excluded from copyright (PRC Copyright Law, Art. 5); text from zh.wikisource.';

function seeds(): SampleDocument[] {
  const dir = join(shared, 'seeds');
  const files = readdirSync(dir)
    .filter((f) => SEED_PREFIXES.some((p) => f.startsWith(p)))
    .sort();
  if (files.length !== SEED_PREFIXES.length) throw new Error(`expected ${SEED_PREFIXES.length} seeds in ${dir}, found ${files.length}`);
  return files.map((f) => ({
    key: `seed-${f.slice(0, 3)}`,
    url: `sample:${f.replace(/\.txt$/, '')}`,
    raw: readFileSync(join(dir, f), 'utf8'),
    known: {},
    licence: 'Official Party/government document (PRC Copyright Law, Art. 5); project seed.',
  }));
}

interface ReportLine {
  title: string;
  url: string;
  content: string;
  year?: string | number | null;
}

function reports(): SampleDocument[] {
  const lines = readFileSync(join(shared, 'corpus', 'national', 'government_work_reports.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as ReportLine);
  const byYear = new Map<number, ReportLine>();
  for (const r of lines) {
    const year = Number(r.year);
    // Lines without a year are the NPC resolutions on the reports, not reports.
    if (Number.isInteger(year) && year > 0 && !byYear.has(year)) byYear.set(year, r);
  }
  return REPORT_YEARS.map((year) => {
    const r = byYear.get(year);
    if (!r) throw new Error(`no report for ${year}`);
    return {
      key: `gwr-${year}`,
      url: r.url,
      raw: r.content,
      known: { title: r.title, orgs: ['国务院'], year, docType: '政府工作报告' },
      licence: PUBLIC_DOMAIN_NOTE,
    };
  });
}

const corpus: SampleCorpus = {
  format: 'tifa-lens-sample',
  version: 1,
  note: 'Bundled sample for the Tifa Lens dashboard. Regenerate with scripts/make-sample.ts.',
  documents: [...seeds(), ...reports()],
};
const json = JSON.stringify(corpus);
const bytes = Buffer.byteLength(json);
if (bytes > MAX_BYTES) throw new Error(`sample is ${bytes} bytes, over ${MAX_BYTES}`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, json + '\n');
console.log(`wrote ${out}: ${corpus.documents.length} documents, ${bytes} bytes`);
