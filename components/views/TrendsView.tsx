// Trends: chosen terms or formulations over the years, per 10,000 characters or as the share of
// documents mentioning them, optionally one line per organisation. The chosen terms, the measure
// and the split are kept in the page URL (param/setParam) so a chart can be shared.
import { useMemo, useState } from 'preact/hooks';
import { ChartCanvas, type AnyChartConfig } from '../charts/ChartCanvas';
import { seriesColor, withAlpha } from '../charts/palette';
import { formatNumber, formatShare, titledAxis } from '../charts/options';
import { orgColor, orgSeriesLabel, splitChartHeight, splitLegend, splitOrgs, termDash } from '../charts/split-legend';
import { MAX_SPLIT_ORGS, perTenThousand, type Series, type TrendMeasure } from '../../analysis/corpus';
import { Computing, EmptyState, Section, TableNote, aggregatorOf, citeCoverage, num, useAnalysed, useCoverage } from './common';
import { Pager, usePaged } from './Paged';
import { useAggregate } from './useAggregate';
import { answerNow } from '../../analysis/queries';
import { CsvButton } from './ExportButtons';
import type { LexiconEntry } from '../../analysis/lexicon';
import type { ViewProps } from './types';
import { getLanguage, t } from '../../utils/i18n';

export { PREFERRED_DEFAULT_TERMS, defaultTerms } from '../../analysis/corpus';

const NO_TERMS: string[] = [];
const NO_SERIES: { years: number[]; series: Series[] } = { years: [], series: [] };

/** Separator of terms in the URL parameter: never part of a Chinese formulation. */
export const TERM_SEPARATOR = '|';
/** The lexicon entry a typed term is an alias of, else the term itself. */
export function canonicalTerm(term: string, lexicon: readonly LexiconEntry[]): string {
  for (const e of lexicon) if (e.term === term || e.aliases.includes(term)) return e.term;
  return term;
}

export function parseTerms(v: string | null): string[] {
  if (!v) return [];
  return [...new Set(v.split(TERM_SEPARATOR).map((s) => s.trim()).filter(Boolean))];
}

export function TrendsView(props: ViewProps) {
  const { facets, analyses, lexicon, param, setParam } = props;
  const lang = getLanguage();
  const { docs, state } = useAnalysed(facets, analyses);
  const aggregator = aggregatorOf(props);
  const measure: TrendMeasure = param('rate') === 'share' ? 'share' : 'per10k';
  const split = param('split') === 'org';
  const fromUrl = useMemo(() => parseTerms(param('series')), [param('series')]);
  // The default selection looks through every document's counts: asked only when the URL has none.
  const defaults = useAggregate(aggregator, 'defaultTerms', !fromUrl.length && docs.length ? [docs] : null, { lexicon }, [
    facets,
    analyses,
    lexicon,
  ]);
  const terms = fromUrl.length ? fromUrl : (defaults.value ?? NO_TERMS);
  const defaultsPending = !fromUrl.length && defaults.value === undefined;
  const [draft, setDraft] = useState('');

  const setTerms = (next: string[]) => setParam('series', next.length ? next.join(TERM_SEPARATOR) : null);
  const addTerm = (raw: string) => {
    const typed = raw.trim().replaceAll(TERM_SEPARATOR, '');
    // Formulations are counted under their lexicon entry: an alias typed (二十大) plots the entry (党的二十大).
    const term = canonicalTerm(typed, lexicon);
    if (!term || terms.includes(term)) return;
    setTerms([...terms, term]);
    setDraft('');
  };

  // Suggestions need the top terms of the whole set, the costliest sum of this view on a large
  // library: computed once the input is first focused, not on every render of the chart.
  const [wantSuggestions, setWantSuggestions] = useState(false);
  const suggestionQuery = useAggregate(aggregator, 'trendSuggestions', wantSuggestions && docs.length ? [docs] : null, { lexicon }, [
    facets,
    analyses,
    lexicon,
  ]);
  const suggestions = suggestionQuery.value ?? NO_TERMS;

  // A term with no lexicon entry is a typed phrase: counted as occurrences on the texts (in the
  // worker, analysis/queries phraseTrendSeries), so it needs no dictionary entry. Lexicon entries
  // come from the stored analyses (the same occurrences, counted when each document was analysed).
  const lexiconTerms = useMemo(() => new Set(lexicon.map((e) => e.term)), [lexicon]);
  const phrases = useMemo(() => terms.filter((x) => !lexiconTerms.has(x)), [terms, lexiconTerms]);
  const ready = docs.length > 0 && !defaultsPending;
  const lexiconQuery = useAggregate(
    aggregator,
    'trendSeries',
    ready && phrases.length === 0 ? [docs] : null,
    { terms, measure, split },
    [facets, analyses, terms.join(TERM_SEPARATOR), measure, split],
  );
  const phraseQuery = useAggregate(
    aggregator,
    'phraseTrendSeries',
    ready && phrases.length > 0 ? [docs] : null,
    { terms, phrases, measure, split },
    [facets, analyses, terms.join(TERM_SEPARATOR), phrases.join(TERM_SEPARATOR), measure, split],
  );
  const seriesQuery = phrases.length > 0 ? phraseQuery : lexiconQuery;
  const { years, series } = seriesQuery.value ?? NO_SERIES;

  // Every point is counted by year (and by organisation when split): documents without are left out, and the note says so.
  const cov = useCoverage(facets, docs, { needsYear: true, needsOrg: split });
  const tableRows = useMemo(
    () =>
      series.flatMap((s) =>
        s.points
          .filter((p) => p.yearDocs > 0)
          .map((p) => ({ ...p, term: s.term, org: s.org, others: s.others, share: p.docs / p.yearDocs, per10k: perTenThousand(p.count, p.chars) })),
      ),
    [series],
  );
  const paged = usePaged(tableRows);
  const orgs = useMemo(() => splitOrgs(series), [series]);
  const others = series.find((s) => s.others)?.others?.length ?? 0;

  const config = useMemo<AnyChartConfig>(() => {
    const yLabel = measure === 'share' ? `${t('views.share')} (%)` : `${t('views.count')} ${t('views.per10k')}`;
    return {
      type: 'line',
      data: {
        labels: years.map(String),
        datasets: series.map((s, i) => {
          // Split by organisation: colour says the organisation, dash pattern the term.
          const colour = s.org !== undefined ? orgColor(s.org, orgs) : seriesColor(i);
          return {
            label: s.org !== undefined ? `${s.term} · ${orgSeriesLabel(s)}` : s.term,
            data: s.points.map((p) => (p.value === null ? null : measure === 'share' ? p.value * 100 : p.value)),
            borderColor: colour,
            backgroundColor: colour,
            borderDash: s.org !== undefined ? termDash(s.term, terms) : [],
            // Years without documents have no value; the line bridges them faintly, so a sparse
            // library still reads as a trend while the gap stays visible.
            spanGaps: true,
            segment: {
              borderColor: (ctx: { p0: { skip: boolean }; p1: { skip: boolean } }) =>
                ctx.p0.skip || ctx.p1.skip ? withAlpha(colour, 0.3) : undefined,
            },
            pointRadius: 3,
            tension: 0,
          };
        }),
      },
      options: {
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: titledAxis(t('views.year')),
          y: titledAxis(yLabel, { beginAtZero: true }),
        },
        plugins: {
          ...(split ? { legend: splitLegend(series, terms) } : {}),
          tooltip: {
            callbacks: {
              label: (ctx: { datasetIndex: number; dataIndex: number; dataset: { label?: string } }) => {
                const p = series[ctx.datasetIndex]?.points[ctx.dataIndex];
                if (!p || p.value === null) return `${ctx.dataset.label}: –`;
                const v = measure === 'share' ? formatShare(p.value) : `${formatNumber(p.value)} ${t('views.per10kShort')}`;
                return `${ctx.dataset.label}: ${v} (${t('views.count')} ${p.count}, ${t('views.docs')} ${p.docs}/${p.yearDocs})`;
              },
            },
          },
        },
      },
    };
  }, [years, series, measure, lang, split]);

  if (state === 'no-docs' || state === 'not-analysed') return <EmptyState state={state} />;

  return (
    <div class="tl-view tl-trends" data-view="trends">
      <h2>{t('views.trendsTitle')}</h2>
      <Computing state={defaultsPending ? defaults : seriesQuery} />
      <div class="tl-controls">
        <div class="tl-term-picker" role="group" aria-label={t('views.trendsTerms')}>
          <span class="tl-label">{t('views.trendsTerms')}</span>
          <ul class="tl-chips">
            {terms.map((term, i) => (
              <li key={term} class="tl-chip" style={split ? undefined : { borderColor: seriesColor(i) }}>
                <span>{term}</span>
                <button
                  type="button"
                  aria-label={t('views.trendsRemove', { term })}
                  onClick={() => setTerms(terms.filter((x) => x !== term))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              addTerm(draft);
            }}
          >
            <input
              type="text"
              list="tl-trend-suggestions"
              value={draft}
              placeholder={t('views.trendsAddPlaceholder')}
              aria-label={t('views.trendsAddPlaceholder')}
              onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)}
              onFocus={() => setWantSuggestions(true)}
            />
            <datalist id="tl-trend-suggestions">
              {suggestions.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
            <button type="submit" class="tl-btn tl-btn-small">
              {t('views.trendsAdd')}
            </button>
          </form>
        </div>
        <fieldset class="tl-radio">
          <legend>{t('views.trendsMeasure')}</legend>
          <label>
            <input type="radio" name="trends-rate" checked={measure === 'per10k'} onChange={() => setParam('rate', null)} />
            {t('views.per10k')}
          </label>
          <label>
            <input type="radio" name="trends-rate" checked={measure === 'share'} onChange={() => setParam('rate', 'share')} />
            {t('views.share')}
          </label>
        </fieldset>
        <label>
          <input type="checkbox" checked={split} onChange={() => setParam('split', split ? null : 'org')} />
          {t('views.trendsSplit')}
        </label>
      </div>
      {split && others > 0 ? <p class="tl-note">{t('views.trendsSplitTop', { n: MAX_SPLIT_ORGS, others })}</p> : null}
      {seriesQuery.value === undefined ? null : terms.length === 0 || years.length === 0 ? (
        <p class="tl-empty">{terms.length === 0 ? t('views.trendsNoTerms') : t('views.noData')}</p>
      ) : (
        <ChartCanvas
          name="trends"
          config={config}
          label={t('views.trendsChart')}
          height={split ? splitChartHeight(360, orgs.length + (others ? 1 : 0) + (terms.length > 1 ? terms.length : 0)) : 360}
          cite={{ measure: t(measure === 'share' ? 'cite.shareDocs' : 'cite.occPer10k'), docs: cov.shown, coverage: citeCoverage(cov) }}
        />
      )}
      <TableNote of="trends-chart" measure="occurrences" cov={cov} />
      <Section
        title={t('views.trendsTable')}
        actions={
          <>
            <CsvButton
              name="trends-selected"
              what={t('views.trendsTable')}
              table={() => ({
                header: ['year', 'term', 'count', 'per_10k', 'docs', 'year_docs', 'share', 'org'],
                rows: tableRows.map((r) => [r.year, r.term, r.count, r.per10k, r.docs, r.yearDocs, round(r.share, 4), r.org ?? '']),
              })}
            />
            <CsvButton
              name="trends"
              what={t('views.cliCsv', { file: 'trends.csv', columns: 'year,term,count,per_10k,docs' })}
              label="trends.csv"
              table={() => answerNow(aggregator.ask('trendsTable', [docs], { lexicon: lexicon.map((e) => e.term) }))}
            />
          </>
        }
      >
        <Pager {...paged} testid="trends" />
        <table class="tl-table" data-testid="trends-table">
          <thead>
            <tr>
              <th scope="col">{t('views.year')}</th>
              <th scope="col">{t('views.term')}</th>
              {split ? <th scope="col">{t('views.org')}</th> : null}
              <th scope="col">{t('views.count')}</th>
              <th scope="col">{t('views.per10kShort')}</th>
              <th scope="col">{t('views.docs')}</th>
              <th scope="col">{t('views.share')}</th>
            </tr>
          </thead>
          <tbody>
            {paged.shown.map((r) => (
              <tr key={`${r.term}|${r.org ?? ''}|${r.year}`}>
                <td>{r.year}</td>
                <td>{r.term}</td>
                {split ? <td>{orgSeriesLabel(r)}</td> : null}
                <td class="tl-num">{r.count}</td>
                <td class="tl-num">{num(r.per10k, 3)}</td>
                <td class="tl-num">
                  {r.docs}/{r.yearDocs}
                </td>
                <td class="tl-num">{formatShare(r.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <TableNote of="trends-table" measure="occurrences" cov={cov} />
      </Section>
    </div>
  );
}

function round(v: number, d: number): number {
  const s = 10 ** d;
  return Math.round(v * s) / s;
}
