// Formulations (提法): organisation × formulation heatmap, first and last appearance on a timeline,
// and the full list with kinds; discovered candidates (quoted, numbered, recurring) can be added to
// the user lexicon in one click. Recurring phrases need the texts, so they are found on request.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { RecurringPhrase } from '../../analysis/aggregate';
import { ORG_SEPARATOR } from '../../analysis/text';
import { answerNow } from '../../analysis/queries';
import type { FormulationKind } from '../../analysis/types';
import { ChartCanvas, type AnyChartConfig } from '../charts/ChartCanvas';
import { heatColor, seriesColor } from '../charts/palette';
import { formatNumber, titledAxis } from '../charts/options';
import { HEAT_LEGEND_SPACE, heatLegendPlugin, heatScale } from '../charts/heat-legend';
import {
  isDiscovered,
  issuers,
  orgsByDocs,
  type CellMeasure,
  type FormulationRow,
  type MatrixCell,
} from '../../analysis/corpus';
import { Computing, EmptyState, Section, TableNote, aggregatorOf, citeCoverage, num, orgLabel, useAnalysed, useCoverage } from './common';
import { useAggregate } from './useAggregate';
import { CsvButton } from './ExportButtons';
import { KwicPanel } from './KwicPanel';
import { Pager, usePaged } from './Paged';
import type { ViewProps } from './types';
import { categoryLabel, errorText, getLanguage, t } from '../../utils/i18n';

/** Formulations (columns) and organisations (rows) in the heatmap: beyond this the cells get unreadable. */
export const HEATMAP_FORMULATIONS = 20;
export const HEATMAP_ORGS = 15;
/** Formulations drawn on the timeline (those in most documents). */
export const TIMELINE_FORMULATIONS = 30;
/** The heat scale's legend: drawn by a plugin that reads its text from the chart's options, so an update in place redraws it. */
const HEAT_LEGEND = heatLegendPlugin();

/**
 * Lexicon category given to a discovered formulation when it is added. Quoted phrases, number
 * formulas and cross-document recurring phrases are, in these documents, slogans or watchwords;
 * the user can recategorise in Settings.
 */
export const DISCOVERED_CATEGORY: Record<Exclude<FormulationKind, 'lexicon'>, string> = {
  quoted: 'slogan',
  numbered: 'slogan',
  recurring: 'slogan',
};

const NO_ROWS: FormulationRow[] = [];
const NO_CELLS: MatrixCell[] = [];

const KINDS: FormulationKind[] = ['lexicon', 'numbered', 'quoted', 'recurring'];

export function readKind(v: string | null): FormulationKind | null {
  return KINDS.includes(v as FormulationKind) ? (v as FormulationKind) : null;
}

export function FormulationsView(props: ViewProps) {
  const { facets, analyses, lexicon, param, setParam } = props;
  const lang = getLanguage();
  const { docs, state } = useAnalysed(facets, analyses);
  const aggregator = aggregatorOf(props);
  const kind = readKind(param('kind'));
  const cells: CellMeasure = param('cells') === 'count' ? 'count' : 'per10k';

  const [recurring, setRecurring] = useState<RecurringPhrase[] | undefined>(undefined);
  const [recurringBusy, setRecurringBusy] = useState(false);
  const [added, setAdded] = useState<Map<string, 'ok' | string>>(new Map());
  // A new document set invalidates phrases found over the previous one.
  useEffect(() => setRecurring(undefined), [facets]);

  const known = useMemo(() => {
    const s = new Set<string>();
    for (const e of lexicon) {
      s.add(e.term);
      for (const a of e.aliases) s.add(a);
    }
    return s;
  }, [lexicon]);

  const allQuery = useAggregate(aggregator, 'formulationRows', docs.length ? [docs] : null, { recurring }, [facets, analyses, recurring]);
  const all = allQuery.value ?? NO_ROWS;
  // Recurring phrases alone are listed in the order of their ranking (analysis/recurring: spread,
  // association, rarity in general language, free boundaries), best first; every other list by documents.
  const rows = useMemo(() => {
    if (!kind) return all;
    const only = all.filter((r) => r.kind === kind);
    return kind === 'recurring' ? byRank(only) : only;
  }, [all, kind]);
  const paged = usePaged(rows);
  const cov = useCoverage(facets, docs);
  // First and last years come from dated documents only.
  const datedCov = useCoverage(facets, docs, { needsYear: true });
  const kwicTerm = param('kwic');

  // Charts show curated lexicon formulations unless a kind is chosen: discovered candidates include
  // frequent generic phrases that would crowd out the formulations researchers track.
  const chartRows = useMemo(() => {
    if (kind) return rows;
    const lex = rows.filter((r) => r.kind === 'lexicon');
    return lex.length ? lex : rows;
  }, [rows, kind]);
  const heatTexts = useMemo(() => chartRows.slice(0, HEATMAP_FORMULATIONS).map((r) => r.text), [chartRows]);
  const allOrgs = useMemo(() => orgsByDocs(docs), [docs]);
  const heatOrgs = useMemo(() => allOrgs.slice(0, HEATMAP_ORGS).map(([o]) => o), [allOrgs]);
  /** Organisations beyond the heatmap's rows, and the documents only they issued (not drawn; in the CSV). */
  const heatLeft = useMemo(() => {
    const rows = new Set(heatOrgs);
    const undrawn = docs.filter((d) => {
      const orgs = issuers(d.facet);
      return !(orgs.length ? orgs : ['']).some((o) => rows.has(o));
    }).length;
    return { orgs: Math.max(0, allOrgs.length - heatOrgs.length), docs: undrawn };
  }, [docs, allOrgs, heatOrgs]);
  // Cells follow the rows: asked once the rows for this set have arrived.
  const cellsQuery = useAggregate(
    aggregator,
    'orgFormulationCells',
    docs.length && allQuery.value !== undefined ? [docs] : null,
    { texts: heatTexts },
    [facets, analyses, heatTexts.join('\u0000')],
  );
  const heatCells = useMemo(() => {
    const wanted = new Set(heatOrgs.map((o) => o || '(unknown)'));
    return (cellsQuery.value ?? NO_CELLS).filter((c) => wanted.has(c.org));
  }, [cellsQuery.value, heatOrgs]);
  const orgAxis = heatOrgs.map((o) => o || '(unknown)');

  const heatConfig = useMemo<AnyChartConfig>(() => {
    const value = (c: (typeof heatCells)[number]) => (cells === 'count' ? c.count : c.per_10k);
    const scale = heatScale(heatCells.map(value));
    const max = scale.max;
    const unit = t(cells === 'count' ? 'cite.occurrences' : 'cite.occPer10k');
    const nx = Math.max(1, heatTexts.length);
    const ny = Math.max(1, orgAxis.length);
    return {
      type: 'matrix',
      plugins: [HEAT_LEGEND],
      data: {
        datasets: [
          {
            label: t('views.formHeatmap'),
            data: heatCells.map((c) => ({ x: c.formulation, y: c.org, v: value(c) })),
            backgroundColor: (ctx: { raw?: { v?: number } }) => heatColor(max > 0 ? (ctx.raw?.v ?? 0) / max : 0),
            borderColor: 'rgba(127,127,127,0.25)',
            borderWidth: 1,
            width: (ctx: { chart: { chartArea?: { width: number } } }) => (ctx.chart.chartArea?.width ?? 0) / nx - 1,
            height: (ctx: { chart: { chartArea?: { height: number } } }) => (ctx.chart.chartArea?.height ?? 0) / ny - 1,
          },
        ],
      },
      options: {
        layout: { padding: { top: HEAT_LEGEND_SPACE } },
        scales: {
          x: titledAxis(t('views.formTitle'), { type: 'category', labels: heatTexts, offset: true, grid: { display: false }, ticks: { autoSkip: false, maxRotation: 60 } }),
          y: titledAxis(t('views.org'), {
            type: 'category',
            labels: orgAxis,
            offset: true,
            reverse: false,
            grid: { display: false },
            ticks: { autoSkip: false, callback: (_v: unknown, i: number) => orgLabel(heatOrgs[i] ?? '') },
          }),
        },
        plugins: {
          legend: { display: false },
          tlHeatLegend: {
            title: t('views.heatScale', { unit, min: formatNumber(scale.min), max: formatNumber(scale.max) }),
            max: formatNumber(scale.max),
            full: max > 0,
          },
          tooltip: {
            callbacks: {
              title: () => '',
              label: (ctx: { dataIndex: number }) => {
                const c = heatCells[ctx.dataIndex];
                if (!c) return '';
                return `${orgLabel(c.org === '(unknown)' ? '' : c.org)} · ${c.formulation}: ${t('views.count')} ${c.count}, ${formatNumber(c.per_10k)} ${t('views.per10kShort')}, ${t('views.docs')} ${c.docs}/${c.total_docs}`;
              },
            },
          },
        },
      },
    };
  }, [heatCells, cells, lang]);

  const timelineRows = useMemo(
    () => chartRows.filter((r) => r.firstYear !== null && r.lastYear !== null).slice(0, TIMELINE_FORMULATIONS),
    [chartRows],
  );
  const timelineConfig = useMemo<AnyChartConfig>(
    () => ({
      type: 'bar',
      data: {
        labels: timelineRows.map((r) => r.text),
        datasets: [
          {
            label: `${t('views.formFirst')} – ${t('views.formLast')}`,
            // A floating bar from the first to the last year; ±0.4 so a single year is still visible.
            data: timelineRows.map((r) => [r.firstYear! - 0.4, r.lastYear! + 0.4]),
            backgroundColor: timelineRows.map((r) => seriesColor(KINDS.indexOf(r.kind))),
            borderSkipped: false,
          },
        ],
      },
      options: {
        indexAxis: 'y',
        scales: {
          // Bars float over years: the axis spans the years present, not zero to the latest year.
          x: titledAxis(t('views.year'), {
            type: 'linear',
            beginAtZero: false,
            min: Math.min(...timelineRows.map((r) => r.firstYear!)) - 1,
            max: Math.max(...timelineRows.map((r) => r.lastYear!)) + 1,
            ticks: { precision: 0, callback: (v: number | string) => String(v) },
          }),
          y: titledAxis(t('views.formTitle'), { ticks: { autoSkip: false } }),
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (ctx: { dataIndex: number }) => {
                const r = timelineRows[ctx.dataIndex];
                return r
                  ? `${t('views.formFirst')} ${r.firstYear} · ${t('views.formLast')} ${r.lastYear} · ${t('views.docs')} ${r.docs} · ${t(`views.kind_${r.kind}`)}`
                  : '';
              },
            },
          },
        },
      },
    }),
    [timelineRows, lang],
  );

  if (state === 'no-docs' || state === 'not-analysed') return <EmptyState state={state} />;

  const findRecurringPhrases = async () => {
    setRecurringBusy(true);
    try {
      // The worker reads the texts itself: none crosses to or from the page. It segments them with the
      // effective lexicon, as the CLI does, so both find the same phrases.
      const answer = aggregator.ask('findRecurring', [docs], { exclude: [...known], lexicon });
      setRecurring(answer.done ? answer.value : await answer.promise);
    } catch {
      // Cancelled or failed: the list stays as it was and the button can be pressed again.
    } finally {
      setRecurringBusy(false);
    }
  };

  const add = async (r: FormulationRow) => {
    const category = r.kind === 'lexicon' ? r.category : DISCOVERED_CATEGORY[r.kind];
    try {
      await props.addToLexicon(r.text, category);
      setAdded((m) => new Map(m).set(r.text, 'ok'));
    } catch (e) {
      setAdded((m) => new Map(m).set(r.text, errorText(e)));
    }
  };

  return (
    <div class="tl-view tl-formulations" data-view="formulations">
      <h2>{t('views.formTitle')}</h2>
      <Computing state={allQuery.busy || allQuery.error || allQuery.cancelled ? allQuery : cellsQuery} />
      <div class="tl-controls">
        <label>
          {t('views.formFilter')}{' '}
          <select value={kind ?? ''} onChange={(e) => setParam('kind', (e.currentTarget as HTMLSelectElement).value || null)}>
            <option value="">{t('views.formKindAll')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`views.kind_${k}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" class="tl-btn" disabled={recurringBusy} onClick={findRecurringPhrases}>
          {recurringBusy ? t('views.loading') : t('views.formFindRecurring')}
        </button>
        {recurring ? <span class="tl-note">{t('views.formRecurringFound', { n: recurring.length })}</span> : null}
      </div>

      {!kind && chartRows !== rows ? <p class="tl-note">{t('views.formChartsLexicon')}</p> : null}
      <Section
        title={t('views.formHeatmap')}
        actions={
          <>
            <label>
              {t('views.formCellMeasure')}{' '}
              <select value={cells} onChange={(e) => setParam('cells', (e.currentTarget as HTMLSelectElement).value === 'count' ? 'count' : null)}>
                <option value="per10k">{t('views.per10k')}</option>
                <option value="count">{t('views.count')}</option>
              </select>
            </label>
            <CsvButton
              name="org-formulation-matrix"
              what={t('views.formHeatTable')}
              table={() => {
                const build = (all: MatrixCell[]) => ({
                  header: ['org', 'formulation', 'kind', 'count', 'per_10k', 'docs', 'share', 'total_docs', 'chars'],
                  rows: all.map((c) => [c.org, c.formulation, c.kind, c.count, c.per_10k, c.docs, c.share, c.total_docs, c.chars]),
                });
                const answer = aggregator.ask('orgFormulationCells', [docs], { texts: rows.map((r) => r.text) });
                return answer.done ? build(answer.value) : answer.promise.then(build);
              }}
            />
          </>
        }
      >
        {heatCells.length ? (
          <ChartCanvas
            name="formulations-heatmap"
            config={heatConfig}
            label={t('views.formHeatmapChart')}
            height={Math.max(220, orgAxis.length * 28 + 140) + HEAT_LEGEND_SPACE}
            cite={{ measure: t(cells === 'count' ? 'cite.occurrences' : 'cite.occPer10k'), docs: cov.shown, coverage: citeCoverage(cov) }}
          />
        ) : (
          <p class="tl-empty">{t('views.noData')}</p>
        )}
        {heatCells.length && heatLeft.orgs > 0 ? (
          <p class="tl-note" data-testid="heatmap-rows">
            {t('views.formHeatTop', { n: heatOrgs.length, others: heatLeft.orgs, docs: heatLeft.docs })}
          </p>
        ) : null}
        <TableNote of="formulations-heatmap" measure="occurrences" per10k={cells !== 'count'} cov={cov} />
      </Section>

      <Section
        title={t('views.formTimeline')}
        actions={
          <CsvButton
            name="formulation-timeline"
            what={t('views.formTimelineTable')}
            table={() => ({
              header: ['formulation', 'kind', 'first_year', 'last_year', 'docs', 'orgs'],
              rows: rows.map((r) => [r.text, r.kind, r.firstYear, r.lastYear, r.docs, r.orgs]),
            })}
          />
        }
      >
        {timelineRows.length ? (
          <ChartCanvas
            name="formulations-timeline"
            config={timelineConfig}
            label={t('views.formTimelineChart')}
            height={Math.max(220, timelineRows.length * 20 + 80)}
            cite={{ measure: t('cite.firstLast'), docs: datedCov.shown, coverage: citeCoverage(datedCov) }}
          />
        ) : (
          <p class="tl-empty">{t('views.noData')}</p>
        )}
        <TableNote of="formulations-timeline" measure="occurrences" per10k={false} cov={datedCov} />
      </Section>

      <Section
        title={t('views.formList')}
        actions={
          <>
            <CsvButton
              name="formulations"
              what={t('views.formTable')}
              table={() => ({
                header: ['formulation', 'kind', 'category', 'count', 'docs', 'orgs', 'first_year', 'last_year', 'org_names'],
                rows: rows.map((r) => [r.text, r.kind, r.category, r.count, r.docs, r.orgs, r.firstYear, r.lastYear, r.orgNames.join(ORG_SEPARATOR)]),
              })}
            />
            <CsvButton
              name="slogans"
              what={t('views.cliCsv', { file: 'slogans.csv', columns: 'doc_id,slogan,kind,count' })}
              label="slogans.csv"
              table={() => answerNow(aggregator.ask('slogansTable', [docs], {}))}
            />
          </>
        }
      >
        <p class="tl-note">{t('views.formClickHint')}</p>
        {kind === 'recurring' ? (
          <p class="tl-note" data-testid="recurring-order">
            {t('views.formRecurringOrder')}
          </p>
        ) : null}
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
        <Pager {...paged} testid="formulations" />
        <table class="tl-table" data-testid="formulations-table">
          <thead>
            <tr>
              <th scope="col">{t('views.formTitle')}</th>
              <th scope="col">{t('views.formKind')}</th>
              <th scope="col">{t('views.formCategory')}</th>
              <th scope="col">{t('views.count')}</th>
              <th scope="col">{t('views.docs')}</th>
              <th scope="col">{t('views.orgs')}</th>
              <th scope="col">{t('views.formFirst')}</th>
              <th scope="col">{t('views.formLast')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {paged.shown.map((r) => {
              const status = added.get(r.text);
              return (
                <tr key={r.text} data-kind={r.kind} aria-selected={r.text === kwicTerm}>
                  <td>
                    <button
                      type="button"
                      class="tl-link"
                      title={t('views.kwicOpenAria', { term: r.text })}
                      onClick={() => setParam('kwic', r.text)}
                    >
                      {r.text}
                    </button>
                  </td>
                  <td>{t(`views.kind_${r.kind}`)}</td>
                  <td>{categoryLabel(r.category)}</td>
                  <td class="tl-num">{r.count}</td>
                  <td class="tl-num">{r.docs}</td>
                  <td class="tl-num">{r.orgs}</td>
                  <td class="tl-num">{num(r.firstYear)}</td>
                  <td class="tl-num">{num(r.lastYear)}</td>
                  <td>
                    {!isDiscovered(r) || known.has(r.text) ? (
                      <span class="tl-muted">{isDiscovered(r) ? t('views.formInLexicon') : ''}</span>
                    ) : status === 'ok' ? (
                      <span class="tl-ok">{t('views.formAdded')}</span>
                    ) : (
                      <>
                        <button
                          type="button"
                          class="tl-btn tl-btn-small"
                          aria-label={t('views.formAddAria', { term: r.text })}
                          onClick={() => add(r)}
                        >
                          {t('views.formAdd')}
                        </button>
                        {status ? <span class="tl-error">{t('views.formAddFailed', { error: status })}</span> : null}
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <TableNote of="formulations-table" measure="occurrences" per10k={false} cov={cov} />
      </Section>
    </div>
  );
}

/** Rows with a rank first, best first, then the others in the order given (a sort is stable). */
function byRank<T extends { rank?: number }>(rows: readonly T[]): T[] {
  return [...rows].sort((x, y) => (x.rank ?? Infinity) - (y.rank ?? Infinity));
}
