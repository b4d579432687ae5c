// Compare: subset A against subset B (two year ranges, or one organisation against the rest):
// keyness table and chart (log-likelihood G2 with log ratio as effect size, from
// analysis/keyness), and the formulations B added and dropped.
import { useMemo } from 'preact/hooks';
import type { KeynessRow } from '../../analysis/keyness';
import { ChartCanvas, type AnyChartConfig } from '../charts/ChartCanvas';
import { seriesColor } from '../charts/palette';
import { formatNumber, titledAxis } from '../charts/options';
import {
  hasIssuer,
  analysedDocs,
  defaultHalves,
  formatYearRange,
  inRange,
  orgsByDocs,
  parseYearRange,
  trendYear,
  type AnalysedDoc,
  type FormulationRow,
  type YearRange,
} from '../../analysis/corpus';
import { Computing, EmptyState, PartialNote, Section, TableNote, aggregatorOf, citeCoverage, num, orgLabel, readiness, useCoverage, type ViewCoverage } from './common';
import { useAggregate } from './useAggregate';
import { CsvButton } from './ExportButtons';
import { KwicPanel } from './KwicPanel';
import { Pager, usePaged } from './Paged';
import type { ViewProps } from './types';
import { getLanguage, t } from '../../utils/i18n';

/** Critical G2 for p < 0.05 at one degree of freedom: rows below it are not shown as keywords. */
export const G2_P05 = 3.84;
/**
 * Fewest occurrences (A and B together) for a term to be tested. Lower than analysis/keyness's
 * default of 5 because a researcher's library is often a dozen documents; G2 still filters chance.
 */
export const KEYNESS_MIN_COUNT = 3;
/** Keywords charted on each side. */
const CHART_KEYWORDS = 15;
const NO_KEYNESS: KeynessRow[] = [];
const NO_DIFF: { added: FormulationRow[]; dropped: FormulationRow[] } = { added: [], dropped: [] };

export type CompareMode = 'years' | 'org';

export interface Subsets {
  a: AnalysedDoc[];
  b: AnalysedDoc[];
  labelA: string;
  labelB: string;
}

/** Split a set into A and B by year ranges or by one organisation against the rest. */
export function splitSubsets(
  docs: readonly AnalysedDoc[],
  mode: CompareMode,
  opts: { a?: YearRange | null; b?: YearRange | null; org?: string | null },
  rest: string,
): Subsets {
  if (mode === 'org') {
    const org = opts.org ?? '';
    return {
      // A joint document is in A when the organisation is one of its issuers.
      a: docs.filter((d) => hasIssuer(d.facet, org)),
      b: docs.filter((d) => !hasIssuer(d.facet, org)),
      labelA: org,
      labelB: rest,
    };
  }
  const halves = defaultHalves(docs);
  const ra = opts.a ?? halves?.a ?? null;
  const rb = opts.b ?? halves?.b ?? null;
  return {
    a: ra ? docs.filter((d) => inRange(d, ra)) : [],
    b: rb ? docs.filter((d) => inRange(d, rb)) : [],
    labelA: ra ? formatYearRange(ra) : '',
    labelB: rb ? formatYearRange(rb) : '',
  };
}

function YearRangeInput({
  label,
  value,
  onChange,
  min,
  max,
}: {
  label: string;
  value: YearRange | null;
  onChange: (r: YearRange) => void;
  min: number;
  max: number;
}) {
  const set = (from: number, to: number) => {
    if (Number.isFinite(from) && Number.isFinite(to)) onChange({ from: Math.min(from, to), to: Math.max(from, to) });
  };
  return (
    <fieldset class="tl-range">
      <legend>{label}</legend>
      <input
        type="number"
        min={min}
        max={max}
        value={value?.from ?? ''}
        aria-label={t('views.compareFrom', { side: label })}
        onChange={(e) => set(Number((e.currentTarget as HTMLInputElement).value), value?.to ?? max)}
      />
      –
      <input
        type="number"
        min={min}
        max={max}
        value={value?.to ?? ''}
        aria-label={t('views.compareTo', { side: label })}
        onChange={(e) => set(value?.from ?? min, Number((e.currentTarget as HTMLInputElement).value))}
      />
    </fieldset>
  );
}

/** A phrase in a table: a button that opens its contexts (KWIC) under the view's documents. */
function PhraseCell({ text, open }: { text: string; open(term: string): void }) {
  return (
    <td>
      <button type="button" class="tl-link" title={t('views.kwicOpenAria', { term: text })} onClick={() => open(text)}>
        {text}
      </button>
    </td>
  );
}

function FormulationTable({ rows, testid, open, cov }: { rows: FormulationRow[]; testid: string; open(term: string): void; cov: ViewCoverage }) {
  const paged = usePaged(rows);
  if (!rows.length)
    return (
      <>
        <p class="tl-note">{t('views.compareNone')}</p>
        <TableNote of={testid} measure="occurrences" per10k={false} cov={cov} />
      </>
    );
  return (
    <>
      <Pager {...paged} testid={testid} />
      <table class="tl-table" data-testid={testid}>
        <thead>
          <tr>
            <th scope="col">{t('views.formTitle')}</th>
            <th scope="col">{t('views.formKind')}</th>
            <th scope="col">{t('views.count')}</th>
            <th scope="col">{t('views.docs')}</th>
            <th scope="col">{t('views.formFirst')}</th>
            <th scope="col">{t('views.formLast')}</th>
          </tr>
        </thead>
        <tbody>
          {paged.shown.map((r) => (
            <tr key={r.text}>
              <PhraseCell text={r.text} open={open} />
              <td>{t(`views.kind_${r.kind}`)}</td>
              <td class="tl-num">{r.count}</td>
              <td class="tl-num">{r.docs}</td>
              <td class="tl-num">{r.firstYear ?? '–'}</td>
              <td class="tl-num">{r.lastYear ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <TableNote of={testid} measure="occurrences" per10k={false} cov={cov} />
    </>
  );
}

const formulationCsv = (rows: FormulationRow[]) => ({
  header: ['formulation', 'kind', 'count', 'docs', 'orgs', 'first_year', 'last_year'],
  rows: rows.map((r) => [r.text, r.kind, r.count, r.docs, r.orgs, r.firstYear, r.lastYear]),
});

export function CompareView(props: ViewProps) {
  const { param, setParam } = props;
  const lang = getLanguage();
  const wholeLibrary = param('scope') === 'all';
  const facets = wholeLibrary ? props.allFacets : props.facets;
  const analyses = wholeLibrary ? props.allAnalyses : props.analyses;
  const docs = useMemo(() => analysedDocs(facets, analyses), [facets, analyses]);
  const state = readiness(facets, docs);
  const mode: CompareMode = param('cmp') === 'org' ? 'org' : 'years';
  const orgs = useMemo(() => orgsByDocs(docs), [docs]);
  const org = param('org') ?? orgs[0]?.[0] ?? '';
  const rangeA = parseYearRange(param('a'));
  const rangeB = parseYearRange(param('b'));

  const subsets = useMemo(
    () => splitSubsets(docs, mode, { a: rangeA, b: rangeB, org }, t('views.compareRest')),
    [docs, mode, param('a'), param('b'), org, lang],
  );
  const aggregator = aggregatorOf(props);
  const bothSides = subsets.a.length > 0 && subsets.b.length > 0;
  const keynessQuery = useAggregate(
    aggregator,
    'keyness',
    bothSides ? [subsets.a, subsets.b] : null,
    { minCount: KEYNESS_MIN_COUNT, minG2: G2_P05 },
    [subsets],
  );
  const diffQuery = useAggregate(aggregator, 'formulationDiff', bothSides ? [subsets.a, subsets.b] : null, {}, [subsets]);
  const rows = keynessQuery.value ?? NO_KEYNESS;
  const diff = diffQuery.value ?? NO_DIFF;
  const keyPages = usePaged(rows);
  // By years, documents without a year are in neither subset; by organisation, every document is in A or B.
  const cov = useCoverage(facets, docs, { needsYear: mode === 'years' });
  const kwicTerm = param('kwic');
  const openKwic = (term: string) => setParam('kwic', term);

  const keyA = rows.filter((r) => r.direction === 'a').slice(0, CHART_KEYWORDS);
  const keyB = rows.filter((r) => r.direction === 'b').slice(0, CHART_KEYWORDS);
  const chartRows = [...keyA, ...keyB.slice().reverse()];
  const config = useMemo<AnyChartConfig>(
    () => ({
      type: 'bar',
      data: {
        labels: chartRows.map((r) => r.term),
        // One dataset per side, so the legend says which colour is A and which is B; not grouped,
        // so each keyword's single bar sits centred on its row.
        datasets: (['a', 'b'] as const).map((side, i) => ({
          label: side === 'a' ? `${t('views.compareA')}: ${subsets.labelA}` : `${t('views.compareB')}: ${subsets.labelB}`,
          data: chartRows.map((r) => (r.direction === side ? r.logRatio : null)),
          backgroundColor: seriesColor(i),
          grouped: false,
        })),
      },
      options: {
        indexAxis: 'y',
        scales: {
          x: titledAxis(t('views.compareKeyAxis')),
          y: titledAxis(t('views.term'), { ticks: { autoSkip: false } }),
        },
        plugins: {
          tooltip: {
            callbacks: {
              label: (ctx: { dataIndex: number }) => {
                const r = chartRows[ctx.dataIndex];
                return r
                  ? `${t('views.compareLogRatio')} ${formatNumber(r.logRatio)} · G² ${formatNumber(r.g2)} · A ${r.a} · B ${r.b}`
                  : '';
              },
            },
          },
        },
      },
    }),
    [rows, lang],
  );

  if (state === 'no-docs' || state === 'not-analysed') return <EmptyState state={state} />;

  const years = docs.map((d) => trendYear(d.facet)).filter((y): y is number => y !== null);
  const minYear = years.length ? Math.min(...years) : 1949;
  const maxYear = years.length ? Math.max(...years) : new Date().getFullYear();
  const halves = defaultHalves(docs);
  const ready = subsets.a.length > 0 && subsets.b.length > 0;

  return (
    <div class="tl-view tl-compare" data-view="compare">
      <h2>{t('views.compareTitle')}</h2>
      <div class="tl-controls">
        <fieldset class="tl-radio">
          <legend>{t('views.compareMode')}</legend>
          <label>
            <input type="radio" name="compare-mode" checked={mode === 'years'} onChange={() => setParam('cmp', null)} />
            {t('views.compareByYears')}
          </label>
          <label>
            <input type="radio" name="compare-mode" checked={mode === 'org'} onChange={() => setParam('cmp', 'org')} />
            {t('views.compareByOrg')}
          </label>
        </fieldset>
        {mode === 'years' ? (
          <>
            <YearRangeInput
              label={t('views.compareA')}
              value={rangeA ?? halves?.a ?? null}
              min={minYear}
              max={maxYear}
              onChange={(r) => setParam('a', formatYearRange(r))}
            />
            <YearRangeInput
              label={t('views.compareB')}
              value={rangeB ?? halves?.b ?? null}
              min={minYear}
              max={maxYear}
              onChange={(r) => setParam('b', formatYearRange(r))}
            />
          </>
        ) : (
          <label>
            {t('views.compareOrg')}{' '}
            <select value={org} onChange={(e) => setParam('org', (e.currentTarget as HTMLSelectElement).value)}>
              {orgs.map(([o, n]) => (
                <option key={o} value={o}>
                  {orgLabel(o)} ({n})
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          <input type="checkbox" checked={wholeLibrary} onChange={() => setParam('scope', wholeLibrary ? null : 'all')} />
          {t('views.compareScope')}
        </label>
      </div>
      <Computing state={keynessQuery.busy || keynessQuery.error || keynessQuery.cancelled ? keynessQuery : diffQuery} />
      <p class="tl-note" data-testid="compare-sizes">
        {t('views.compareSizes', { a: subsets.a.length, b: subsets.b.length })}
      </p>
      {kwicTerm ? (
        <KwicPanel
          term={kwicTerm}
          facets={facets}
          analyses={analyses}
          aggregates={props.aggregates}
          openDoc={props.openDoc}
          onClose={() => setParam('kwic', null)}
        />
      ) : null}
      {!ready ? (
        <p class="tl-empty" role="status">
          {t('views.compareNeedBoth')}
          <PartialNote cov={cov} />
        </p>
      ) : (
        <>
          <Section
            title={t('views.compareKeyness')}
            actions={
              <CsvButton
                name="keyness"
                what={t('views.compareKeyTable')}
                table={() => ({
                  header: ['term', 'freq_a', 'freq_b', 'per_10k_tokens_a', 'per_10k_tokens_b', 'g2', 'log_ratio', 'key_for', 'subset_a', 'subset_b'],
                  rows: rows.map((r) => [
                    r.term,
                    r.a,
                    r.b,
                    round3(r.per10kA),
                    round3(r.per10kB),
                    round3(r.g2),
                    round3(r.logRatio),
                    r.direction.toUpperCase(),
                    subsets.labelA,
                    subsets.labelB,
                  ]),
                })}
              />
            }
          >
            <p class="tl-note">{t('views.compareSignificance')}</p>
            {chartRows.length ? (
              <ChartCanvas
                name="compare-keyness"
                config={config}
                label={t('views.compareKeyChart')}
                height={Math.max(220, chartRows.length * 20 + 60)}
                cite={{
                  measure: t('cite.logRatio'),
                  docs: subsets.a.length + subsets.b.length,
                  scope: wholeLibrary ? 'library' : 'filter',
                  detail: t('cite.compareSides', { a: subsets.labelA, na: subsets.a.length, b: subsets.labelB, nb: subsets.b.length }),
                  coverage: citeCoverage(cov),
                }}
              />
            ) : (
              <p class="tl-empty">{t('views.noData')}</p>
            )}
            <TableNote of="compare-keyness-chart" measure="tokens" per10k={false} cov={cov} />
            <Pager {...keyPages} testid="keyness" />
            <table class="tl-table" data-testid="keyness-table">
              <thead>
                <tr>
                  <th scope="col">{t('views.term')}</th>
                  <th scope="col">{t('views.compareFreqA')}</th>
                  <th scope="col">{t('views.compareFreqB')}</th>
                  <th scope="col">{t('views.compareG2')}</th>
                  <th scope="col">{t('views.compareLogRatio')}</th>
                </tr>
              </thead>
              <tbody>
                {keyPages.shown.map((r) => (
                  <tr key={r.term} data-key-for={r.direction}>
                    <PhraseCell text={r.term} open={openKwic} />
                    <td class="tl-num">{r.a}</td>
                    <td class="tl-num">{r.b}</td>
                    <td class="tl-num">{num(r.g2, 2)}</td>
                    <td class="tl-num">{num(r.logRatio, 2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <TableNote of="keyness-table" measure="tokens" per10k={false} cov={cov} />
          </Section>
          <Section
            title={t('views.compareAdded')}
            actions={<CsvButton name="formulations-added" what={t('views.compareAddedTable')} table={() => formulationCsv(diff.added)} />}
          >
            <FormulationTable rows={diff.added} testid="added-table" open={openKwic} cov={cov} />
          </Section>
          <Section
            title={t('views.compareDropped')}
            actions={<CsvButton name="formulations-dropped" what={t('views.compareDroppedTable')} table={() => formulationCsv(diff.dropped)} />}
          >
            <FormulationTable rows={diff.dropped} testid="dropped-table" open={openKwic} cov={cov} />
          </Section>
        </>
      )}
    </div>
  );
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
