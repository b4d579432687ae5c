// End to end: the CLI's main() in this process (its streams captured; the packed and bundled bin is
// spawned in package.test.ts) over a folder of mixed inputs — UTF-8, GBK and BOM-less UTF-16LE text,
// a saved page, jsonl with metadata and a broken line, a stray image — then every output table is
// read back.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeForAnalysis } from '../../analysis/normalize';
import { main, type MainIo } from '../../cli/main';
import { parseCsv } from '../helpers/csv';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MIXED = 'tests/fixtures/cli/mixed';

/**
 * One CLI run in this process, as `tifa-lens <args>` from the repository root; stdout and stderr
 * captured. An `analyze` run uses one job (this thread, its segmenter loaded once for the file)
 * unless the args say otherwise: that the output does not depend on --jobs is parallel.test.ts's
 * to prove, and the packed bin runs with --jobs 2 in package.test.ts.
 */
async function run(args: string[], io: Partial<MainIo> = {}) {
  let stdout = '';
  let stderr = '';
  if (args[0] === 'analyze' && !args.some((a) => a === '--jobs' || a === '-j')) args = [...args, '--jobs', '1'];
  const code = await main(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    ...io,
  });
  return { code, stdout, stderr };
}

/** Columns of the tables read back (declared, so a row's cell is a string, '' when absent). */
type Column = 'id' | 'title' | 'org' | 'doc_number' | 'date' | 'year' | 'doc_type' | 'chars' | 'source' | 'url' | 'doc_id' | 'term' | 'count' | 'per_10k' | 'docs' | 'tfidf' | 'slogan' | 'kind' | 'category' | 'level' | 'marker' | 'heading' | 'offset' | 'reason';
type Rows = Record<Column, string>[];

describe('tifa-lens analyze on mixed inputs', () => {
  let out: string;
  let result: Awaited<ReturnType<typeof run>>;
  const raw: Record<string, string> = {};
  const tables: Record<string, { header: string[]; rows: Rows }> = {};
  const table = (name: string) => tables[name]!;
  const docBySource = (suffix: string) => table('documents').rows.find((r) => r.source.endsWith(suffix));
  const text = (id: string) => readFileSync(path.join(out, 'texts', `${id}.txt`), 'utf8');

  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'tifa-cli-'));
    result = await run(['analyze', MIXED, '--out', out]);
    for (const name of ['documents', 'terms', 'slogans', 'structure', 'trends']) {
      const file = path.join(out, `${name}.csv`);
      if (!existsSync(file)) continue;
      const content = readFileSync(file, 'utf8');
      raw[name] = content;
      const [header = [], ...rows] = parseCsv(content.replace(/^\uFEFF/, ''));
      tables[name] = { header, rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])) as Record<Column, string>) };
    }
  }, 120_000); // a whole CLI run: hooks default to 10 s, too short on a busy machine
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('exits 0, notes the skipped image and warns file:line for the broken jsonl line', () => {
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/skipped \S*stray\.png/);
    expect(result.stderr).toMatch(/warning: \S*national\.jsonl:2: not valid JSON/);
    expect(result.stderr).toMatch(/analysed 6 documents from 5 files/);
  });

  it.each([
    ['documents', 'id,title,org,doc_number,date,year,doc_type,chars,source'],
    ['terms', 'doc_id,term,count,per_10k,docs,tfidf'],
    ['slogans', 'doc_id,slogan,kind,count'],
    ['structure', 'doc_id,level,marker,heading'],
    ['trends', 'year,term,count,per_10k,docs'],
  ])('%s.csv: BOM, published header, CRLF', (name, header) => {
    expect(raw[name]?.startsWith('\uFEFF' + header)).toBe(true);
    expect(raw[name]?.endsWith('\r\n')).toBe(true);
    expect(table(name).rows.length).toBeGreaterThan(0);
  });

  it('has one document per input document, with filename-safe ids and a text file each', () => {
    const docs = table('documents').rows;
    expect(docs.map((d) => path.basename(d.source)).sort()).toEqual(
      ['000_seed_utf8.txt', '001_gbk.txt', '003_utf16le.txt', 'national.jsonl#1', 'national.jsonl#3', 'page.html'].sort(),
    );
    for (const d of docs) {
      expect(d.id).toMatch(/^[0-9a-f]{12}$/);
      expect(text(d.id).length).toBeGreaterThan(300);
    }
    expect(new Set(docs.map((d) => d.id)).size).toBe(docs.length);
  });

  it('reads the seed: 文号, year, 三会一课 twice, three top-level headings', () => {
    const seed = docBySource('000_seed_utf8.txt')!;
    expect(seed.doc_number).toBe('常经社委〔2024〕4号');
    expect(seed.year).toBe('2024');
    const term = table('terms').rows.find((r) => r.doc_id === seed.id && r.term === '三会一课');
    expect(term?.count).toBe('2');
    expect(Number(term?.per_10k)).toBeCloseTo((2 * 10_000) / Number(seed.chars), 2);
    const top = table('structure').rows.filter((r) => r.doc_id === seed.id && r.level === '1');
    expect(top.map((r) => r.marker)).toEqual(['一、', '二、', '三、']);
    expect(top[0]?.heading).toBe('强化政治引领，筑牢理想信念的思想根基');
    const slogan = table('slogans').rows.find((r) => r.doc_id === seed.id && r.slogan === '三会一课');
    expect(slogan).toMatchObject({ kind: 'lexicon', count: '2' });
  });

  it('decodes the GBK and the BOM-less UTF-16LE files', () => {
    const gbk = docBySource('001_gbk.txt')!;
    expect(text(gbk.id)).toContain('仪征市教育系统');
    expect(gbk.doc_number).toBe('仪教委〔2024〕8号');
    const utf16 = docBySource('003_utf16le.txt')!;
    expect(text(utf16.id)).toContain('2020年是全面建成小康社会和“十三五”规划收官之年');
    expect(utf16.year).toBe('2020');
    for (const id of [gbk.id, utf16.id]) expect(text(id)).not.toMatch(/[\uFFFD\u0000]/);
  });

  it('extracts the saved page like the extension: article kept, site chrome gone', () => {
    const page = docBySource('page.html')!;
    expect(page.title).toBe('市工业园区党工委2025年党建工作要点');
    const body = text(page.id);
    expect(body).toContain('做到“两个维护”');
    for (const chrome of ['ICP备', '推荐文章', '广告位', '验证码']) expect(body).not.toContain(chrome);
  });

  it('lets jsonl metadata win over extraction, and reads a line with only `text`', () => {
    const given = docBySource('national.jsonl#1')!;
    expect(given).toMatchObject({
      title: '第十三届全国人民代表大会第二次会议关于政府工作报告的决议',
      org: '全国人民代表大会',
      date: '2019-03-15',
      year: '2019',
    });
    expect(given.url).toMatch(/^https:\/\/zh\.wikisource\.org\//);
    const plain = docBySource('national.jsonl#3')!;
    expect(text(plain.id)).toContain('2018年经济社会发展总体要求');
    expect(plain.url).toBe('');
  });

  it('trends: every lexicon entry in every year, counts summed from the documents of that year', () => {
    const trends = table('trends').rows;
    const years = [...new Set(trends.map((r) => r.year))];
    expect(years).toEqual(['2018', '2019', '2020', '2024', '2025']);
    const ids2024 = new Set(table('documents').rows.filter((d) => d.year === '2024').map((d) => d.id));
    const expected = table('slogans').rows
      .filter((r) => ids2024.has(r.doc_id) && r.slogan === '三会一课' && r.kind === 'lexicon')
      .reduce((s, r) => s + Number(r.count), 0);
    const row = trends.find((r) => r.year === '2024' && r.term === '三会一课');
    expect(row).toMatchObject({ count: String(expected), kind: 'lexicon' });
    expect(expected).toBeGreaterThanOrEqual(2);
    // Absence is a row too: 两个确立 is in the lexicon and in none of these documents.
    expect(trends.find((r) => r.year === '2018' && r.term === '两个确立')).toMatchObject({ count: '0', docs: '0' });
    expect(trends.filter((r) => r.kind === 'term').length).toBeGreaterThan(0);
  });

  it('slogans: recurring phrases are shared by at least three documents', () => {
    const recurring = new Set(table('slogans').rows.filter((r) => r.kind === 'recurring').map((r) => r.slogan));
    expect(recurring.size).toBeGreaterThan(0);
    // A document where the phrase was already quoted or numbered lists it under that kind instead.
    const docsOf = new Map<string, Set<string>>();
    for (const r of table('slogans').rows) {
      if (recurring.has(r.slogan)) docsOf.set(r.slogan, (docsOf.get(r.slogan) ?? new Set()).add(r.doc_id));
    }
    for (const [, docs] of docsOf) expect(docs.size).toBeGreaterThanOrEqual(3);
    expect(new Set(table('slogans').rows.map((r) => r.kind))).toEqual(new Set(['lexicon', 'quoted', 'numbered', 'recurring']));
  });

  it('terms.csv: docs is the number of documents with the term; tfidf is 0 exactly for terms all documents have', () => {
    const rows = table('terms').rows;
    const docsOf = new Map<string, Set<string>>();
    for (const r of rows) docsOf.set(r.term, (docsOf.get(r.term) ?? new Set()).add(r.doc_id));
    const n = table('documents').rows.length;
    for (const r of rows) {
      expect(Number(r.docs), r.term).toBe(docsOf.get(r.term)!.size);
      if (Number(r.docs) === n) expect(Number(r.tfidf), r.term).toBe(0);
      else expect(Number(r.tfidf), r.term).toBeGreaterThan(0);
    }
  });

  it('run.json records versions, inputs, options and warnings', () => {
    const info = JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8'));
    expect(info).toMatchObject({ tool: 'tifa-lens', inputs: [MIXED], files: 5, documents: 6, options: { top: 500, recurring: true } });
    expect(info.analysisVersion).toMatch(/\S/);
    expect(info.skipped).toEqual([`${MIXED}/stray.png`]);
    expect(info.warnings).toHaveLength(1);
    expect(info.warnings[0]).toMatch(/national\.jsonl:2/);
  });

  it('skipped.csv lists the stray image and the broken jsonl line with their reasons', () => {
    const [header, ...rows] = parseCsv(readFileSync(path.join(out, 'skipped.csv'), 'utf8').replace(/^\uFEFF/, ''));
    expect(header).toEqual(['source', 'reason']);
    expect(rows.map(([source = '', reason = '']) => [source.replace(/\\/g, '/'), reason.replace(/ \(.*$/, '')])).toEqual([
      [`${MIXED}/stray.png`, 'not a format Tifa Lens reads — use .pdf, .docx, .txt, .html or .jsonl'],
      [`${MIXED}/national.jsonl#2`, 'not valid JSON'],
    ]);
  });

  it('gives the same ids on a second run, and a later run into the same folder drops stale texts', async () => {
    const again = mkdtempSync(path.join(tmpdir(), 'tifa-cli-'));
    try {
      writeFileSync(path.join(again, 'keep-me.txt'), 'mine');
      mkdirSync(path.join(again, 'texts'));
      writeFileSync(path.join(again, 'texts', 'abcdefabcdef.txt'), 'stale');
      writeFileSync(path.join(again, 'texts', 'notes.txt'), 'mine');
      expect((await run(['analyze', MIXED, '--out', again, '--quiet'])).code).toBe(0);
      expect(existsSync(path.join(again, 'texts', 'abcdefabcdef.txt'))).toBe(false);
      expect(existsSync(path.join(again, 'texts', 'notes.txt'))).toBe(true);
      expect(existsSync(path.join(again, 'keep-me.txt'))).toBe(true);
      const ids = (dir: string) =>
        parseCsv(readFileSync(path.join(dir, 'documents.csv'), 'utf8').slice(1)).slice(1).map((r) => r[0]).sort();
      expect(ids(again)).toEqual(ids(out));
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });
});

describe('tifa-lens options and errors', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'tifa-cli-err-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  /** A user error is one line naming the problem: no stack frames. */
  const oneLine = (stderr: string) => {
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  };

  it('--help prints usage and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: tifa-lens analyze <file or folder>\.\.\. --out <dir>/);
    expect(r.stdout).toContain('--lexicon');
    expect(r.stdout).toMatch(/tfidf = count \/ counted terms of the\s+document × ln\(documents in the run \/ docs\)/);
  });

  it('a missing path: non-zero exit, one line naming it', async () => {
    const missing = path.join(tmp, 'no-such-folder');
    const r = await run(['analyze', missing, '--out', path.join(tmp, 'o1')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(missing);
    oneLine(r.stderr);
  });

  it('a missing --out: non-zero exit, one line naming the input', async () => {
    const r = await run(['analyze', MIXED]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/missing --out/);
    expect(r.stderr).toContain(MIXED);
    oneLine(r.stderr);
  });

  it('an empty folder, or one with only skipped files: non-zero exit, one error line', async () => {
    const empty = path.join(tmp, 'empty');
    mkdirSync(empty);
    writeFileSync(path.join(empty, 'photo.png'), 'x');
    const r = await run(['analyze', empty, '--out', path.join(tmp, 'o2'), '-q']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/no documents to analyze in .*empty/);
    oneLine(r.stderr);
  });

  it('an empty file next to a good one: a warning naming it, the rest analysed', async () => {
    const dir = path.join(tmp, 'with-empty');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'empty.txt'), '');
    writeFileSync(path.join(dir, 'blank.jsonl'), '\n\n');
    writeFileSync(path.join(dir, 'seed.txt'), readFileSync(path.join(root, MIXED, '000_seed_utf8.txt')));
    const r = await run(['analyze', dir, '--out', path.join(dir, 'out'), '-q']);
    expect(r.code).toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^warning: \S*empty\.txt: no text left after cleaning; skipped$/)]);
    const docs = parseCsv(readFileSync(path.join(dir, 'out', 'documents.csv'), 'utf8').slice(1));
    expect(docs.slice(1).map((d) => path.basename(d[8] ?? ''))).toEqual(['seed.txt']);
    // A second run: the output folder inside the input folder is not read back as input.
    expect((await run(['analyze', dir, '--out', path.join(dir, 'out'), '-q'])).code).toBe(0);
    const again = parseCsv(readFileSync(path.join(dir, 'out', 'documents.csv'), 'utf8').slice(1));
    expect(again.slice(1).map((d) => path.basename(d[8] ?? ''))).toEqual(['seed.txt']);
  });

  it('a binary file named .txt next to a good one: one warning naming it, skipped, the rest analysed', async () => {
    const dir = path.join(tmp, 'with-binary');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'blob.txt'), Buffer.from('\x00\x01\x02binary', 'latin1'));
    writeFileSync(path.join(dir, 'seed.txt'), readFileSync(path.join(root, MIXED, '000_seed_utf8.txt')));
    const r = await run(['analyze', dir, '--out', path.join(dir, 'out'), '-q']);
    expect(r.code).toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^warning: \S*blob\.txt: binary data, not text; skipped$/)]);
    const docs = parseCsv(readFileSync(path.join(dir, 'out', 'documents.csv'), 'utf8').slice(1));
    expect(docs.slice(1).map((d) => path.basename(d[8] ?? ''))).toEqual(['seed.txt']);
  });

  it('an unknown option or command: usage error, exit 2', async () => {
    expect((await run(['analyze', MIXED, '--out', tmp, '--frobnicate'])).code).toBe(2);
    expect((await run(['summarise', MIXED])).code).toBe(2);
    expect((await run(['analyze', MIXED, '--out', tmp, '--top', 'lots'])).stderr).toMatch(/--top/);
  });

  it('reads a GBK page by its meta charset', async () => {
    const outDir = path.join(tmp, 'gbk');
    const r = await run(['analyze', 'tests/fixtures/cli/page-gbk.htm', '--out', outDir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^analysed 1 document from 1 file in/);
    const docs = parseCsv(readFileSync(path.join(outDir, 'documents.csv'), 'utf8').slice(1));
    expect(docs[1]?.[1]).toBe('市工业园区党工委2025年党建工作要点');
    expect(readFileSync(path.join(outDir, 'texts', `${docs[1]?.[0]}.txt`), 'utf8')).toContain('做到“两个维护”');
  });

  it('--ngrams n writes ngrams.csv of repeated 2..n-word sequences; a later run without it removes the file', async () => {
    const outDir = path.join(tmp, 'ngrams');
    expect((await run(['analyze', MIXED, '--out', outDir, '--ngrams', '3', '-q'])).code).toBe(0);
    const [header, ...rows] = parseCsv(readFileSync(path.join(outDir, 'ngrams.csv'), 'utf8').slice(1));
    expect(header).toEqual(['doc_id', 'ngram', 'words', 'count', 'per_10k', 'docs']);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r[2]))).toEqual(new Set(['2', '3']));
    const docs = parseCsv(readFileSync(path.join(outDir, 'documents.csv'), 'utf8').slice(1)).slice(1);
    const textOf = new Map(docs.map((d) => [d[0], normalizeForAnalysis(readFileSync(path.join(outDir, 'texts', `${d[0]}.txt`), 'utf8')).replace(/\s/g, '')]));
    for (const r of rows) {
      expect(Number(r[3]), r[1]).toBeGreaterThanOrEqual(2);
      // An n-gram is consecutive words of its (normalised: 學 → 学) text: it occurs there at least that often.
      expect(textOf.get(r[0])!.split(r[1] ?? '').length - 1, r[1]).toBeGreaterThanOrEqual(Number(r[3]));
      expect(Number(r[5])).toBe(new Set(rows.filter((o) => o[1] === r[1]).map((o) => o[0])).size);
    }
    expect(JSON.parse(readFileSync(path.join(outDir, 'run.json'), 'utf8')).options.ngrams).toBe(3);
    expect((await run(['analyze', MIXED, '--out', outDir, '-q', '--no-recurring'])).code).toBe(0);
    expect(existsSync(path.join(outDir, 'ngrams.csv'))).toBe(false);
    for (const bad of ['1', '6', 'two']) {
      const r = await run(['analyze', MIXED, '--out', outDir, '--ngrams', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--ngrams wants a whole number from 2 to 5/);
    }
  });

  it('--no-recurring leaves the corpus-wide pass out', async () => {
    const outDir = path.join(tmp, 'norec');
    expect((await run(['analyze', MIXED, '--out', outDir, '--no-recurring', '-q'])).code).toBe(0);
    const kinds = parseCsv(readFileSync(path.join(outDir, 'slogans.csv'), 'utf8').slice(1)).slice(1).map((r) => r[2]);
    expect(kinds).toContain('lexicon');
    expect(kinds).not.toContain('recurring');
    expect(existsSync(path.join(outDir, 'recurring.csv'))).toBe(false);
  });

  it('an unreadable --lexicon file: one line naming it', async () => {
    const missing = path.join(tmp, 'nope.txt');
    const r = await run(['analyze', MIXED, '--out', path.join(tmp, 'o3'), '--lexicon', missing]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(missing);
    oneLine(r.stderr);
  });
  // Last: --lexicon adds words to jieba's one global instance, which stays in this process.
  it('--lexicon adds counted entries, --stopwords removes terms, --top limits trends', async () => {
    const dir = path.join(tmp, 'opts');
    mkdirSync(dir);
    const lex = path.join(dir, 'lex.txt');
    const stop = path.join(dir, 'stop.txt');
    // 社会事业 is not in the built-in lexicon; 红旗领航 gets a category of the user's choosing.
    writeFileSync(lex, '# my entries\n社会事业\n红旗领航\tbrand\n');
    writeFileSync(stop, '工作\n建设\n');
    const outDir = path.join(dir, 'out');
    const r = await run(['analyze', `${MIXED}/000_seed_utf8.txt`, '--out', outDir, '--lexicon', lex, '--stopwords', stop, '--top', '3', '-q']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const read = (n: string) => parseCsv(readFileSync(path.join(outDir, n), 'utf8').slice(1));
    const slogans = read('slogans.csv');
    const seedText = readFileSync(path.join(root, MIXED, '000_seed_utf8.txt'), 'utf8');
    const occurrences = seedText.split('社会事业').length - 1;
    expect(slogans.find((s) => s[1] === '社会事业')?.slice(2, 5)).toEqual(['lexicon', String(occurrences), 'user']);
    expect(slogans.find((s) => s[1] === '红旗领航')?.[2]).toBe('lexicon');
    expect(slogans.find((s) => s[1] === '红旗领航')?.[4]).toBe('brand');
    const terms = read('terms.csv').map((t) => t[1]);
    expect(terms).not.toContain('工作');
    expect(terms).not.toContain('建设');
    const trendTerms = read('trends.csv').slice(1).filter((t) => t[5] === 'term');
    expect(trendTerms).toHaveLength(3);
  });
});

describe('tifa-lens skips what it cannot read, and goes on', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'tifa-cli-skip-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const seed = readFileSync(path.join(root, MIXED, '000_seed_utf8.txt'));
  const readTable = (file: string) => {
    const content = readFileSync(file, 'utf8');
    const [header = [], ...rows] = parseCsv(content.replace(/^\uFEFF/, ''));
    return { content, header, rows };
  };
  const errno = (code: string, p: string) => Object.assign(new Error(`${code}: ${p}`), { code });

  it('symlink loops, dangling links, a folder that cannot be listed, a denied and a vanished file: warnings, skipped.csv rows, exit 0', async () => {
    const dir = path.join(tmp, 'hostile');
    mkdirSync(path.join(dir, 'sub'), { recursive: true });
    mkdirSync(path.join(dir, 'locked'));
    writeFileSync(path.join(dir, 'seed.txt'), seed);
    writeFileSync(path.join(dir, 'denied.txt'), seed);
    writeFileSync(path.join(dir, 'vanishing.txt'), seed);
    writeFileSync(path.join(dir, 'locked', 'inside.txt'), seed);
    writeFileSync(path.join(dir, 'photo.png'), 'x');
    writeFileSync(path.join(dir, 'blob.txt'), Buffer.from('\x00\x01\x02binary', 'latin1'));
    writeFileSync(path.join(dir, 'lines.jsonl'), '{"content": "cut off\n');
    // Real links (root follows them like anyone): a link to itself, a link to nothing, a folder link back up.
    symlinkSync('loop.txt', path.join(dir, 'loop.txt'));
    symlinkSync('nowhere.txt', path.join(dir, 'dangling.txt'));
    symlinkSync('..', path.join(dir, 'sub', 'up'));
    const out = path.join(tmp, 'hostile-out');
    const r = await run(['analyze', dir, '--out', out], {
      // Root reads any file and lists any folder: permission errors are simulated where the CLI reads.
      fs: {
        readdir: async (p: string) => {
          if (p === path.join(dir, 'locked')) throw errno('EACCES', p);
          return readdirSync(p);
        },
      },
      read: async (p: string) => {
        if (p === path.join(dir, 'denied.txt')) throw errno('EACCES', p);
        // Really gone between listing and reading.
        if (p === path.join(dir, 'vanishing.txt')) unlinkSync(p);
        return readFileSync(p);
      },
    });
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning: '));
    const expected: [string, string][] = [
      [path.join(dir, 'dangling.txt'), 'broken symbolic link (its target is missing)'],
      [path.join(dir, 'locked'), 'folder cannot be listed: permission denied'],
      [path.join(dir, 'loop.txt'), 'symbolic link loop'],
      [path.join(dir, 'sub', 'up'), 'folder already read (a symbolic link loops back to it)'],
      [path.join(dir, 'blob.txt'), 'binary data, not text'],
      [path.join(dir, 'denied.txt'), 'cannot read: permission denied'],
      [`${path.join(dir, 'lines.jsonl')}#1`, expect.stringMatching(/^not valid JSON/) as unknown as string],
      [path.join(dir, 'vanishing.txt'), 'cannot read: no such file or folder'],
      [path.join(dir, 'photo.png'), 'not a format Tifa Lens reads — use .pdf, .docx, .txt, .html or .jsonl'],
    ];
    // One line naming each unreadable path or line (the other extension is a notice).
    for (const [source] of expected.slice(0, -1)) {
      const named = source.replace(/#1$/, ':1');
      expect(warnings.filter((w) => w.includes(`${named}:`)), named).toHaveLength(1);
    }
    expect(r.stderr).toMatch(/^skipped \S*photo\.png: not a format Tifa Lens reads/m);
    const skipped = readTable(path.join(out, 'skipped.csv'));
    expect(skipped.header).toEqual(['source', 'reason']);
    expect(skipped.content.startsWith('\uFEFFsource,reason\r\n')).toBe(true);
    const bySource = (a: string[], b: string[]) => (a[0] ?? '').localeCompare(b[0] ?? '');
    expect(skipped.rows.sort(bySource)).toEqual(expected.sort(bySource));
    const docs = readTable(path.join(out, 'documents.csv')).rows;
    expect(docs.map((d) => path.basename(d[8] ?? ''))).toEqual(['seed.txt']);
  });

  it('skipped.csv cells are formula-safe, and it is written (header only) when nothing was skipped', async () => {
    const dir = path.join(tmp, 'formula');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'seed.txt'), seed);
    writeFileSync(path.join(dir, '=HYPERLINK.png'), 'x');
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect((await run(['analyze', '.', '=HYPERLINK.png', '--out', 'out', '-q'])).code).toBe(0);
      expect(readFileSync(path.join(dir, 'out', 'skipped.csv'), 'utf8')).toBe(
        "\uFEFFsource,reason\r\n'=HYPERLINK.png,\"not a format Tifa Lens reads — use .pdf, .docx, .txt, .html or .jsonl\"\r\n",
      );
      expect((await run(['analyze', 'seed.txt', '--out', 'out', '-q'])).code).toBe(0);
      expect(readFileSync(path.join(dir, 'out', 'skipped.csv'), 'utf8')).toBe('\uFEFFsource,reason\r\n');
    } finally {
      process.chdir(cwd);
    }
  });

  it('.shtml and .shtm pages are read like .html', async () => {
    const dir = path.join(tmp, 'shtml');
    mkdirSync(dir);
    const page = readFileSync(path.join(root, MIXED, 'page.html'));
    writeFileSync(path.join(dir, 'page.shtml'), page);
    writeFileSync(path.join(dir, 'copy.SHTM'), readFileSync(path.join(root, 'tests/fixtures/cli/page-gbk.htm')));
    const out = path.join(dir, 'out');
    const r = await run(['analyze', dir, '--out', out, '-q']);
    expect(r.code).toBe(0);
    // The two pages are one text in two encodings: the only thing said is that they are duplicates.
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/page\.shtml duplicates .*copy\.SHTM \(identical text\)/)]);
    const docs = readTable(path.join(out, 'documents.csv')).rows;
    expect(docs.map((d) => [path.basename(d[8] ?? ''), d[1]])).toEqual([
      ['copy.SHTM', '市工业园区党工委2025年党建工作要点'],
      ['page.shtml', '市工业园区党工委2025年党建工作要点'],
    ]);
  });
});
