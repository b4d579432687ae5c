// KWIC: every context of one term across the filtered documents (left | match | right), each with
// its document and a link into the Library's reader. The search runs in the aggregation worker,
// which reads the texts itself (analysis/kwic-search).
import { useEffect, useState } from 'preact/hooks';
import { KWIC_MAX_BLIND_DOCS } from '../../analysis/kwic-limits';
import type { KwicResult } from '../../analysis/kwic-search';
import type { Aggregator } from '../../analysis/queries';
import type { DocAnalysis, DocFacet } from '../../analysis/types';
import { analysedDocs } from '../../analysis/corpus';
import { CsvButton } from './ExportButtons';
import { Pager, usePaged } from './Paged';
import { CountedLine } from './common';
import { t } from '../../utils/i18n';

export interface KwicPanelProps {
  term: string;
  facets: DocFacet[];
  analyses: Map<string, DocAnalysis>;
  openDoc(docId: string): void;
  onClose?: () => void;
  /** Where the search runs: the aggregation worker reads the texts and the term maps itself. */
  aggregates: Aggregator;
}

/** Facets sent for a blind search (the search itself stops at KWIC_MAX_BLIND_DOCS). */
const KWIC_FALLBACK_SENT = KWIC_MAX_BLIND_DOCS;
const NO_ROWS: KwicResult['rows'] = [];

export function KwicPanel({ term, facets, analyses, aggregates, openDoc, onClose }: KwicPanelProps) {
  const [state, setState] = useState<(KwicResult & { term: string }) | null>(null);
  const paged = usePaged(state?.rows ?? NO_ROWS);

  useEffect(() => {
    let cancelled = false;
    setState(null);
    // Facets only for the blind search (a phrase no analysis knows): the worker reads the texts.
    const answer = aggregates.ask('kwic', [analysedDocs(facets, analyses)], { term, fallback: facets.slice(0, KWIC_FALLBACK_SENT) });
    Promise.resolve(answer.done ? answer.value : answer.promise)
      .then((r) => {
        if (!cancelled) setState({ term, ...r });
      })
      .catch(() => {
        // A cancelled or failed search leaves the panel as it was; the next term retries.
      });
    return () => {
      cancelled = true;
      if (!answer.done) answer.cancel();
    };
  }, [term, facets, analyses, aggregates]);
  return (
    <section class="tl-kwic" data-testid="kwic" aria-label={t('views.kwicTitle', { term })}>
      <header class="tl-section-head">
        <h3>{t('views.kwicTitle', { term })}</h3>
        <div class="tl-section-actions">
          <CsvButton
            name={`kwic-${term}`}
            what={t('views.kwicTable')}
            disabled={!state || state.rows.length === 0}
            table={() => ({
              header: ['doc_id', 'title', 'year', 'org', 'left', 'match', 'right', 'offset'],
              rows: (state?.rows ?? []).map((r) => [r.docId, r.title, r.year, r.org, r.left, r.match, r.right, r.offset]),
            })}
          />
          {onClose ? (
            <button type="button" class="tl-btn tl-btn-small" onClick={onClose}>
              {t('views.kwicClose')}
            </button>
          ) : null}
        </div>
      </header>
      {!state ? (
        <p class="tl-note">{t('views.loading')}</p>
      ) : state.rows.length === 0 ? (
        <p class="tl-note">{t('views.kwicNone', { term })}</p>
      ) : (
        <>
          <p class="tl-note">
            {t('views.kwicCount', { n: state.total, docs: state.docs })}
            {state.total > state.rows.length ? ` · ${t('views.kwicCapped', { n: state.rows.length })}` : ''}
            {state.searched < state.candidates
              ? ` · ${t('views.kwicPartial', { searched: state.searched, candidates: state.candidates })}`
              : ''}
          </p>
          <CountedLine measure="occurrences" per10k={false} contexts={state.total} />
          <Pager {...paged} testid="kwic" />
          <table class="tl-table tl-kwic-table">
            <thead>
              <tr>
                <th scope="col">{t('views.kwicDoc')}</th>
                <th scope="col" class="tl-kwic-left">{t('views.kwicLeft')}</th>
                <th scope="col" class="tl-kwic-match">{t('views.kwicMatch')}</th>
                <th scope="col">{t('views.kwicRight')}</th>
              </tr>
            </thead>
            <tbody>
              {paged.shown.map((r, i) => (
                <tr key={`${r.docId}:${r.offset}:${i}`}>
                  <td class="tl-kwic-doc">
                    <a
                      href="#"
                      onClick={(e) => {
                        e.preventDefault();
                        openDoc(r.docId);
                      }}
                      title={t('views.kwicOpen')}
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
