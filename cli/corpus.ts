// What a CLI run keeps of its documents for the corpus-wide tables, compactly: every string (term,
// formulation, category, n-gram) once in a table of its own, each document's term counts,
// formulations and n-grams as integer arrays over it, its documents.csv row, and running totals
// (document frequencies, characters and lexicon counts per year). No texts, no token lists. The
// rows written are the same as analysis/tables' termsTable, slogansTable, trendsTable and
// ngramsTable over the full analyses (tests/cli compares them).

import { tfidfWeight } from '../analysis/aggregate';
import { documentsTable, perTenThousand, TABLE_HEADERS, TFIDF_DECIMALS, trendYear, DEFAULT_TREND_TOP } from '../analysis/tables';
import type { DocFacet, FormulationHit } from '../analysis/types';
import { truncatedTwins } from '../analysis/formulations';
import type { DocOut } from './work';

type Row = unknown[];

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/** Numbers per formulation in a document's array: text, kind, count, category, occurrences. */
const FORM_FIELDS = 5;
const DUPLICATE_COLUMN = TABLE_HEADERS.documents.indexOf('duplicate_of');

interface StoredDoc {
  docId: string;
  year: number | null;
  chars: number;
  /** Sum of the document's term counts (the tf-idf denominator). */
  termTotal: number;
  /** [term id, count] pairs, in the analysis's order. */
  terms: Int32Array;
  forms: Int32Array;
  /** [n-gram id, words, count] triples (--ngrams only). */
  ngrams: Int32Array | null;
  row: Row;
}

export class CorpusStore {
  private readonly ids = new Map<string, number>();
  private readonly strings: string[] = [];
  private readonly docs: StoredDoc[] = [];
  /** Per string id: documents with the term (count > 0), as termsTable's docs column. */
  private readonly termDf: number[] = [];
  /** Per string id, documents with a year only: total count and documents (the top-term ranking of trendsTable). */
  private readonly yearCount: number[] = [];
  private readonly yearDf: number[] = [];
  private readonly ngramDf: number[] = [];
  private readonly charsByYear = new Map<number, number>();
  /** lexicon text → year → [count, documents]. */
  private readonly lexiconSeries = new Map<string, Map<number, [number, number]>>();
  readonly facets: DocFacet[] = [];

  private id(s: string): number {
    let i = this.ids.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.ids.set(s, i);
    }
    return i;
  }

  private bump(arr: number[], i: number, by: number): void {
    arr[i] = (arr[i] ?? 0) + by;
  }

  get size(): number {
    return this.docs.length;
  }

  /** Distinct strings held (terms, formulations, n-grams): for memory checks. */
  get vocabulary(): number {
    return this.strings.length;
  }

  /** The next document, in input order, under its final id. */
  add(docId: string, d: DocOut): void {
    const facet: DocFacet = { ...d.facet, docId };
    this.facets.push(facet);
    const year = trendYear(facet);
    const terms = new Int32Array(d.termWords.length * 2);
    let termTotal = 0;
    for (let k = 0; k < d.termWords.length; k++) {
      const id = this.id(d.termWords[k]!);
      const count = d.termCounts[k]!;
      terms[2 * k] = id;
      terms[2 * k + 1] = count;
      termTotal += count;
      if (count > 0) {
        this.bump(this.termDf, id, 1);
        if (year !== null) {
          this.bump(this.yearCount, id, count);
          this.bump(this.yearDf, id, 1);
        }
      }
    }
    const forms = new Int32Array(d.formulations.length * FORM_FIELDS);
    d.formulations.forEach((f, k) => {
      forms.set([this.id(f.text), this.id(f.kind), f.count, this.id(f.category ?? ''), f.occurrences ?? f.count], k * FORM_FIELDS);
    });
    if (year !== null) {
      this.charsByYear.set(year, (this.charsByYear.get(year) ?? 0) + d.chars);
      // One document may list a formulation once per kind; sum lexicon hits of the same text.
      const lex = new Map<string, number>();
      for (const f of d.formulations) if (f.kind === 'lexicon') lex.set(f.text, (lex.get(f.text) ?? 0) + f.count);
      for (const [text, count] of lex) {
        if (count <= 0) continue;
        let series = this.lexiconSeries.get(text);
        if (!series) this.lexiconSeries.set(text, (series = new Map()));
        const cell = series.get(year);
        if (cell) {
          cell[0] += count;
          cell[1] += 1;
        } else series.set(year, [count, 1]);
      }
    }
    let ngrams: Int32Array | null = null;
    if (d.ngrams) {
      ngrams = new Int32Array(d.ngrams.length * 3);
      d.ngrams.forEach(([gram, words, count], k) => {
        const id = this.id(gram);
        this.bump(this.ngramDf, id, 1);
        ngrams!.set([id, words, count], k * 3);
      });
    }
    const analysis = { docId, version: '', chars: d.chars, terms: [], formulations: [], outline: d.outline, stats: d.stats };
    const row = documentsTable([{ facet, analysis, docNumber: d.docNumber, source: d.source, url: d.url, yearSource: d.yearSource, author: d.author, publication: d.publication }]).rows[0]!;
    this.docs.push({ docId, year, chars: d.chars, termTotal, terms, forms, ngrams, row });
  }

  /** Marks a document as a duplicate of an earlier one (documents.csv duplicate_of). */
  setDuplicateOf(index: number, duplicateOf: string): void {
    const doc = this.docs[index];
    if (doc) doc.row[DUPLICATE_COLUMN] = duplicateOf;
  }

  docId(index: number): string {
    return this.docs[index]?.docId ?? '';
  }

  /** Formulation texts of a document (a recurring phrase already found as another kind is not added again). */
  formulationTexts(index: number): string[] {
    const forms = this.docs[index]?.forms ?? new Int32Array();
    const out: string[] = [];
    for (let k = 0; k < forms.length; k += FORM_FIELDS) out.push(this.strings[forms[k]!]!);
    return out;
  }

  documentRows(emit: (row: Row) => void): void {
    for (const d of this.docs) emit(d.row);
  }

  /** terms.csv: doc_id, term, count, per_10k, docs, tfidf (analysis/tables termsTable). */
  termRows(emit: (row: Row) => void): void {
    const documents = this.docs.length;
    for (const d of this.docs) {
      for (let k = 0; k < d.terms.length; k += 2) {
        const id = d.terms[k]!;
        const count = d.terms[k + 1]!;
        const docs = this.termDf[id] ?? 0;
        emit([d.docId, this.strings[id], count, perTenThousand(count, d.chars), docs, round(tfidfWeight(count, d.termTotal, docs, documents), TFIDF_DECIMALS)]);
      }
    }
  }

  private twinIds: Set<number> | null = null;

  /**
   * Ids of the number formulas that are truncated twins of a longer formulation over the whole corpus
   * (analysis/formulations truncatedTwins), found once all documents are in.
   */
  private twins(): Set<number> {
    if (this.twinIds) return this.twinIds;
    const s = this.strings;
    const docs = this.docs.map((d) => {
      const rows = [];
      for (let k = 0; k < d.forms.length; k += FORM_FIELDS) rows.push({ text: s[d.forms[k]!]!, kind: s[d.forms[k + 1]!]!, occurrences: d.forms[k + 4]! });
      return rows;
    });
    this.twinIds = new Set([...truncatedTwins(docs)].map((t) => this.ids.get(t)!));
    return this.twinIds;
  }

  /**
   * slogans.csv rows of one document (analysis/tables slogansTable), its recurring hits last. A number
   * formula that is a truncated twin of a longer formulation corpus-wide is left out (the full form has its rows).
   */
  sloganRows(index: number, recurring: readonly FormulationHit[], emit: (row: Row) => void): void {
    const d = this.docs[index];
    if (!d) return;
    const s = this.strings;
    const twins = this.twins();
    const numbered = this.ids.get('numbered');
    for (let k = 0; k < d.forms.length; k += FORM_FIELDS) {
      if (d.forms[k + 1] === numbered && twins.has(d.forms[k]!)) continue;
      emit([d.docId, s[d.forms[k]!], s[d.forms[k + 1]!], d.forms[k + 2], s[d.forms[k + 3]!], d.forms[k + 4]]);
    }
    for (const f of recurring) emit([d.docId, f.text, f.kind, f.count, f.category ?? '', f.occurrences ?? f.count]);
  }

  /** ngrams.csv (analysis/tables ngramsTable). */
  ngramRows(emit: (row: Row) => void): void {
    for (const d of this.docs) {
      if (!d.ngrams) continue;
      for (let k = 0; k < d.ngrams.length; k += 3) {
        const id = d.ngrams[k]!;
        const count = d.ngrams[k + 2]!;
        emit([d.docId, this.strings[id], d.ngrams[k + 1], count, perTenThousand(count, d.chars), this.ngramDf[id] ?? 0]);
      }
    }
  }

  /** trends.csv (analysis/tables trendsTable): every lexicon entry and the top terms, every year. */
  trendRows(lexicon: Iterable<string>, top: number = DEFAULT_TREND_TOP, emit: (row: Row) => void): void {
    const lexiconTerms = [...new Set(lexicon)];
    const lexiconSet = new Set(lexiconTerms);
    const ranked: number[] = [];
    for (let id = 0; id < this.yearDf.length; id++) if ((this.yearDf[id] ?? 0) > 0 && !lexiconSet.has(this.strings[id]!)) ranked.push(id);
    const s = this.strings;
    const topIds = ranked
      .sort((x, y) => this.yearCount[y]! - this.yearCount[x]! || this.yearDf[y]! - this.yearDf[x]! || (s[x]! < s[y]! ? -1 : s[x]! > s[y]! ? 1 : 0))
      .slice(0, Math.max(0, top));
    // year → top term → [count, documents], from the stored term counts.
    const slot = new Map(topIds.map((id, k) => [id, k]));
    const byYear = new Map<number, Float64Array>();
    for (const d of this.docs) {
      if (d.year === null) continue;
      let cells = byYear.get(d.year);
      if (!cells) byYear.set(d.year, (cells = new Float64Array(topIds.length * 2)));
      for (let k = 0; k < d.terms.length; k += 2) {
        const at = slot.get(d.terms[k]!);
        const count = d.terms[k + 1]!;
        if (at === undefined || count <= 0) continue;
        cells[2 * at] = cells[2 * at]! + count;
        cells[2 * at + 1] = cells[2 * at + 1]! + 1;
      }
    }
    const years = [...this.charsByYear.keys()].sort((a, b) => a - b);
    for (const year of years) {
      const chars = this.charsByYear.get(year) ?? 0;
      for (const term of lexiconTerms) {
        const [count, docs] = this.lexiconSeries.get(term)?.get(year) ?? [0, 0];
        emit([year, term, count, perTenThousand(count, chars), docs, 'lexicon']);
      }
      const cells = byYear.get(year);
      topIds.forEach((id, k) => {
        const count = cells?.[2 * k] ?? 0;
        const docs = cells?.[2 * k + 1] ?? 0;
        emit([year, s[id], count, perTenThousand(count, chars), docs, 'term']);
      });
    }
  }
}
