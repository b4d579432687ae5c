// KWIC: every context of one term across the filtered documents (left | match | right), each with
// its document and a link into the Library's reader. Texts load asynchronously through getText.
import { useEffect, useState } from 'preact/hooks';
import type { DocAnalysis, DocFacet } from '../../analysis/types';
import { analysedDocs, mentions, trendYear } from '../../analysis/corpus';
import type { Aggregator } from '../../analysis/queries';
import { CsvButton } from './ExportButtons';
import { fmt } from './strings';
import type { Lang } from './types';

/** Contexts shown at most; a common term would otherwise put tens of thousands of rows in the DOM. */
export const KWIC_MAX_LINES = 500;
/** Documents searched at most when the analyses do not say which ones mention the term. */
const KWIC_MAX_BLIND_DOCS = 200;

/** Longest stretch of searching before the page gets a turn (keeps typing and clicks responsive). */
const KWIC_SLICE_MS = 30;

/** Characters of context shown on each side; a Chinese clause is usually 8–20 characters. */
export const KWIC_WIDTH = 24;

export interface KwicLine {
  left: string;
  match: string;
  right: string;
  /** Offset of the match in the (normalised) text searched. */
  offset: number;
}

export interface KwicRow extends KwicLine {
  docId: string;
  title: string;
  year: number | null;
  org: string;
}

export interface KwicPanelProps {
  term: string;
  facets: DocFacet[];
  analyses: Map<string, DocAnalysis>;
  getText(docId: string): Promise<string>;
  openDoc(docId: string): void;
  lang: Lang;
  onClose?: () => void;
  /** Answers "which documents mention the term" off the page's thread (the dashboard's worker). */
  aggregates?: Aggregator;
  /** Finds the contexts of a term in one text (injected so analysis/aggregate's kwic can be used). */
  find?: (text: string, term: string) => KwicLine[];
}

/** Documents to search: those whose analysis mentions the term, else (unknown phrase) every document. */
export function kwicCandidates(term: string, facets: readonly DocFacet[], analyses: Map<string, DocAnalysis>): DocFacet[] {
  const hits = analysedDocs(facets, analyses)
    .filter((d) => mentions(d.analysis, term))
    .map((d) => d.facet);
  return hits.length ? hits : facets.slice(0, KWIC_MAX_BLIND_DOCS);
}

/** kwicCandidates with the mention test asked of an aggregator (the worker holds the term maps). */
export async function kwicCandidatesVia(
  aggregator: Aggregator,
  term: string,
  facets: readonly DocFacet[],
  analyses: Map<string, DocAnalysis>,
): Promise<DocFacet[]> {
  const answer = aggregator.ask('mentioning', [analysedDocs(facets, analyses)], { term });
  const ids = new Set(answer.done ? answer.value : await answer.promise);
  const hits = facets.filter((f) => ids.has(f.docId));
  return hits.length ? hits : facets.slice(0, KWIC_MAX_BLIND_DOCS);
}

/**
 * Default search: on the analysis's normalised text (simplified script, repaired line breaks), so
 * contexts are found exactly where the counts were made, traditional-script documents included.
 * Loaded on first use: the converter's tables are large and only KWIC needs them on this page.
 */
async function normalisedFinder(): Promise<(text: string, term: string) => KwicLine[]> {
  const { kwic } = await import('../../analysis/kwic');
  return (text, term) => kwic([{ docId: '', text }], term, KWIC_WIDTH);
}

export interface KwicResult {
  rows: KwicRow[];
  /** Contexts found in the documents searched. */
  total: number;
  /** Documents with at least one context. */
  docs: number;
  /** Documents searched, of `candidates`: reading stops once KWIC_MAX_LINES contexts are shown. */
  searched: number;
  candidates: number;
}

export async function collectKwic(
  term: string,
  docs: readonly DocFacet[],
  getText: (id: string) => Promise<string>,
  find?: (text: string, term: string) => KwicLine[],
  isCancelled: () => boolean = () => false,
): Promise<KwicResult> {
  const search = find ?? (await normalisedFinder());
  const rows: KwicRow[] = [];
  let total = 0;
  let docCount = 0;
  let searched = 0;
  let sliceStart = Date.now();
  for (const f of docs) {
    // Enough to show: the remaining documents are not read (each read is a database round trip).
    if (isCancelled() || rows.length >= KWIC_MAX_LINES) break;
    // Texts in memory resolve at once, so without a pause the whole search would be one task.
    if (Date.now() - sliceStart > KWIC_SLICE_MS) {
      await new Promise((r) => setTimeout(r, 0));
      sliceStart = Date.now();
      if (isCancelled()) break;
    }
    searched += 1;
    let text = '';
    try {
      text = await getText(f.docId);
    } catch {
      continue; // a deleted or unreadable document leaves no contexts; the others still show
    }
    const lines = search(text, term);
    if (!lines.length) continue;
    docCount += 1;
    total += lines.length;
    for (const l of lines) {
      if (rows.length >= KWIC_MAX_LINES) break;
      rows.push({ ...l, docId: f.docId, title: f.title, year: trendYear(f), org: f.org });
    }
  }
  return { rows, total, docs: docCount, searched, candidates: docs.length };
}

export function KwicPanel({ term, facets, analyses, aggregates, getText, openDoc, lang, onClose, find }: KwicPanelProps) {
  const [state, setState] = useState<(KwicResult & { term: string }) | null>(null);

  useEffect(() => {
    let cancelled = false;
    setState(null);
    const candidates = aggregates
      ? kwicCandidatesVia(aggregates, term, facets, analyses)
      : Promise.resolve(kwicCandidates(term, facets, analyses));
    candidates
      .then((docs) => (cancelled ? null : collectKwic(term, docs, getText, find, () => cancelled)))
      .then((r) => {
        if (r && !cancelled) setState({ term, ...r });
      })
      .catch(() => {
        // A cancelled or failed candidate query leaves the panel as it was; the next term retries.
      });
    return () => {
      cancelled = true;
    };
  }, [term, facets, analyses, aggregates, getText, find]);

  const t = (k: Parameters<typeof fmt>[1], v?: Record<string, string | number>) => fmt(lang, k, v);
  return (
    <section class="tl-kwic" data-testid="kwic" aria-label={t('kwicTitle', { term })}>
      <header class="tl-section-head">
        <h3>{t('kwicTitle', { term })}</h3>
        <div class="tl-section-actions">
          <CsvButton
            name={`kwic-${term}`}
            what={t('kwicTable')}
            lang={lang}
            disabled={!state || state.rows.length === 0}
            table={() => ({
              header: ['doc_id', 'title', 'year', 'org', 'left', 'match', 'right', 'offset'],
              rows: (state?.rows ?? []).map((r) => [r.docId, r.title, r.year, r.org, r.left, r.match, r.right, r.offset]),
            })}
          />
          {onClose ? (
            <button type="button" class="tl-btn tl-btn-small" onClick={onClose}>
              {t('kwicClose')}
            </button>
          ) : null}
        </div>
      </header>
      {!state ? (
        <p class="tl-note">{t('loading')}</p>
      ) : state.rows.length === 0 ? (
        <p class="tl-note">{t('kwicNone', { term })}</p>
      ) : (
        <>
          <p class="tl-note">
            {t('kwicCount', { n: state.total, docs: state.docs })}
            {state.total > state.rows.length ? ` · ${t('kwicCapped', { n: state.rows.length })}` : ''}
            {state.searched < state.candidates
              ? ` · ${t('kwicPartial', { searched: state.searched, candidates: state.candidates })}`
              : ''}
          </p>
          <table class="tl-table tl-kwic-table">
            <thead>
              <tr>
                <th scope="col">{t('kwicDoc')}</th>
                <th scope="col" class="tl-kwic-left">{t('kwicLeft')}</th>
                <th scope="col" class="tl-kwic-match">{t('kwicMatch')}</th>
                <th scope="col">{t('kwicRight')}</th>
              </tr>
            </thead>
            <tbody>
              {state.rows.map((r, i) => (
                <tr key={`${r.docId}:${r.offset}:${i}`}>
                  <td class="tl-kwic-doc">
                    <a
                      href="#"
                      onClick={(e) => {
                        e.preventDefault();
                        openDoc(r.docId);
                      }}
                      title={t('kwicOpen')}
                    >
                      {r.title || r.docId}
                    </a>
                    {r.year !== null ? <span class="tl-muted"> · {r.year}</span> : null}
                  </td>
                  <td class="tl-kwic-left" style={{ textAlign: 'right' }}>{r.left}</td>
                  <td class="tl-kwic-match">
                    <mark>{r.match}</mark>
                  </td>
                  <td class="tl-kwic-right">{r.right}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
