// Terms: the most frequent segmented terms of the filtered documents (bar chart and table;
// count / per 10k / documents), and KWIC contexts of the term clicked.
import { useMemo } from 'preact/hooks';
import { ChartCanvas, type AnyChartConfig } from '../charts/ChartCanvas';
import { seriesColor } from '../charts/palette';
import { formatNumber, titledAxis } from '../charts/options';
import { type TermMeasure, type TermRow } from '../../analysis/corpus';
import { Computing, EmptyState, Section, TableNote, aggregatorOf, citeCoverage, num, useAnalysed, useCoverage } from './common';
import { useAggregate } from './useAggregate';
import { answerNow } from '../../analysis/queries';
import { CsvButton } from './ExportButtons';
import { KwicPanel } from './KwicPanel';
import { Pager, usePaged } from './Paged';
import type { ViewProps } from './types';
import { getLanguage, t, type MessageKey } from '../../utils/i18n';

/** Choices of how many terms to show. */
export const TERM_COUNTS = [10, 20, 30, 50, 100] as const;
const DEFAULT_N = 20;
const NO_ROWS: TermRow[] = [];
const MEASURES: TermMeasure[] = ['count', 'per10k', 'docs'];
const MEASURE_LABEL: Record<TermMeasure, MessageKey> = { count: 'views.count', per10k: 'views.per10k', docs: 'views.docs' };
/** What the exported chart says it counts: Terms counts the segmenter's word tokens. */
const MEASURE_CITE: Record<TermMeasure, MessageKey> = { count: 'cite.tokens', per10k: 'cite.tokensPer10k', docs: 'cite.tokenDocs' };

export function readMeasure(v: string | null): TermMeasure {
  return v === 'per10k' || v === 'docs' ? v : 'count';
}

export function readN(v: string | null): number {
  const n = Number(v);
  return (TERM_COUNTS as readonly number[]).includes(n) ? n : DEFAULT_N;
}

function valueOf(r: TermRow, m: TermMeasure): number {
  return m === 'docs' ? r.docs : m === 'per10k' ? (r.per10k ?? 0) : r.count;
}

export function TermsView(props: ViewProps) {
  const { facets, analyses, param, setParam } = props;
  const lang = getLanguage();
  const { docs, state } = useAnalysed(facets, analyses);
  const measure = readMeasure(param('measure'));
  const n = readN(param('n'));
  const selected = param('kwic');

  const query = useAggregate(aggregatorOf(props), 'topTerms', docs.length ? [docs] : null, { n, measure }, [facets, analyses, n, measure]);
  const rows = query.value ?? NO_ROWS;
  const paged = usePaged(rows);
  const cov = useCoverage(facets, docs);

  const config = useMemo<AnyChartConfig>(
    () => ({
      type: 'bar',
      data: {
        labels: rows.map((r) => r.term),
        datasets: [
          {
            label: t(MEASURE_LABEL[measure]),
            data: rows.map((r) => valueOf(r, measure)),
            backgroundColor: rows.map((r) => (r.term === selected ? seriesColor(1) : seriesColor(0))),
          },
        ],
      },
      options: {
        indexAxis: 'y',
        scales: {
          x: titledAxis(measure === 'per10k' ? t('views.per10k') : t(MEASURE_LABEL[measure]), { beginAtZero: true }),
          y: titledAxis(t('views.term'), { ticks: { autoSkip: false } }),
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (ctx: { dataIndex: number }) => {
                const r = rows[ctx.dataIndex];
                return r
                  ? `${t('views.count')} ${r.count} · ${t('views.per10k')} ${formatNumber(r.per10k)} · ${t('views.docs')} ${r.docs}`
                  : '';
              },
            },
          },
        },
        onClick: (_e: unknown, elements: { index: number }[]) => {
          const hit = elements[0];
          const row = hit ? rows[hit.index] : undefined;
          if (row) setParam('kwic', row.term);
        },
      },
    }),
    [rows, measure, selected, lang],
  );

  if (state === 'no-docs' || state === 'not-analysed') return <EmptyState state={state} />;

  return (
    <div class="tl-view tl-terms" data-view="terms">
      <h2>{t('views.termsTitle')}</h2>
      <Computing state={query} />
      <div class="tl-controls">
        <fieldset class="tl-radio">
          <legend>{t('views.termsMeasure')}</legend>
          {MEASURES.map((m) => (
            <label key={m}>
              <input
                type="radio"
                name="terms-measure"
                value={m}
                checked={m === measure}
                onChange={() => setParam('measure', m === 'count' ? null : m)}
              />
              {t(MEASURE_LABEL[m])}
            </label>
          ))}
        </fieldset>
        <label>
          {t('views.termsShow')}{' '}
          <select
            value={String(n)}
            onChange={(e) => {
              const v = Number((e.currentTarget as HTMLSelectElement).value);
              setParam('n', v === DEFAULT_N ? null : String(v));
            }}
          >
            {TERM_COUNTS.map((c) => (
              <option key={c} value={String(c)}>
                {c}
              </option>
            ))}
          </select>
        </label>
      </div>
      {rows.length === 0 ? (
        query.value === undefined ? null : <p class="tl-empty">{t('views.noData')}</p>
      ) : (
        <ChartCanvas
          name="terms"
          config={config}
          label={t('views.termsChart', { n: rows.length, measure: t(MEASURE_LABEL[measure]) })}
          height={Math.max(240, rows.length * 22 + 60)}
          cite={{ measure: t(MEASURE_CITE[measure]), docs: cov.shown, coverage: citeCoverage(cov) }}
        />
      )}
      {rows.length ? <TableNote of="terms-chart" measure="tokens" cov={cov} /> : null}
      <p class="tl-note">{t('views.termsClickHint')}</p>
      {selected ? (
        <KwicPanel
          term={selected}
          facets={facets}
          analyses={analyses}
          aggregates={props.aggregates}
          openDoc={props.openDoc}
          onClose={() => setParam('kwic', null)}
        />
      ) : null}
      <Section
        title={t('views.termsTable')}
        actions={
          <>
            <CsvButton
              name="top-terms"
              what={t('views.termsTable')}
              table={() => ({
                header: ['rank', 'term', 'count', 'per_10k', 'docs'],
                rows: rows.map((r, i) => [i + 1, r.term, r.count, r.per10k, r.docs]),
              })}
            />
            <CsvButton
              name="terms"
              what={t('views.cliCsv', { file: 'terms.csv', columns: 'doc_id,term,count,per_10k,docs,tfidf' })}
              label="terms.csv"
              table={() => answerNow(aggregatorOf(props).ask('termsTable', [docs], {}))}
            />
          </>
        }
      >
        <Pager {...paged} testid="terms" />
        <table class="tl-table" data-testid="terms-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('views.term')}</th>
              <th scope="col">{t('views.count')}</th>
              <th scope="col">{t('views.per10kShort')}</th>
              <th scope="col">{t('views.docs')}</th>
            </tr>
          </thead>
          <tbody>
            {paged.shown.map((r, i) => (
              <tr key={r.term} aria-selected={r.term === selected}>
                <td>{paged.start + i + 1}</td>
                <td>
                  <button type="button" class="tl-link" onClick={() => setParam('kwic', r.term)}>
                    {r.term}
                  </button>
                </td>
                <td class="tl-num">{r.count}</td>
                <td class="tl-num">{num(r.per10k, 3)}</td>
                <td class="tl-num">{r.docs}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <TableNote of="terms-table" measure="tokens" cov={cov} />
      </Section>
    </div>
  );
}
