// Pieces every analytic view shares: the analysed subset of the filtered documents and the empty
// states shown instead of a blank chart.
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useMemo } from 'preact/hooks';
import type { DocAnalysis, DocFacet } from '../../analysis/types';
import { analysedDocs, trendYear, type AnalysedDoc } from '../../analysis/corpus';
import { coverage, leftOutKey, LEFT_OUT_REASONS, type Coverage, type LeftOutReason } from '../../analysis/aggregate';
import { LEFT_OUT_WORDS, type CiteCoverage } from '../charts/citation';
import { COUNTING_MODEL } from '../../analysis/counting';
import type { Aggregator } from '../../analysis/queries';
import { t, type MessageKey } from '../../utils/i18n';

export type Readiness = 'no-docs' | 'not-analysed' | 'partial' | 'ready';

export function readiness(facets: readonly DocFacet[], docs: readonly AnalysedDoc[]): Readiness {
  if (facets.length === 0) return 'no-docs';
  if (docs.length === 0) return 'not-analysed';
  return docs.length < facets.length ? 'partial' : 'ready';
}

export function useAnalysed(facets: readonly DocFacet[], analyses: Map<string, DocAnalysis>) {
  // One array per library state, so what is memoised on the documents (coverage, pages) is kept across renders.
  const docs = useMemo(() => analysedDocs(facets, analyses), [facets, analyses]);
  return { docs, state: readiness(facets, docs) };
}

/** Message in place of a view's content when there is nothing to compute from. */
export function EmptyState({ state }: { state: Readiness }) {
  if (state === 'ready' || state === 'partial') return null;
  return (
    <div class="tl-empty" role="status" data-testid="view-empty">
      {t(state === 'no-docs' ? 'views.emptyNoDocs' : 'views.emptyNotAnalysed')}
    </div>
  );
}

/**
 * What the dashboard shell tells every view about documents it leaves out: the duplicates left out
 * because each text is counted once (docId → the docId it copies), and how to open a left-out
 * group in the Library (absent in tests that render a view alone: no link then).
 */
export interface LeftOutShell {
  duplicates: ReadonlyMap<string, string>;
  openLeftOut?: (key: string) => void;
}
export const LeftOutContext = createContext<LeftOutShell>({ duplicates: new Map() });


/** What a chart or table needs of a document to count it: a year (by year), an organisation (by organisation). */
export interface Needs {
  needsYear?: boolean;
  needsOrg?: boolean;
}

/** The documents of the filter one chart or table counts, and those it leaves out and why, with the needs that decided it. */
export type ViewCoverage = Coverage & { needsYear: boolean; needsOrg: boolean };

/**
 * How many documents of the filter a chart or table counts and which it leaves out and why
 * (analysis/aggregate coverage): the analysed documents `docs`, less duplicates while each text is
 * counted once, less those without the year or organisation the chart needs.
 */
export function useCoverage(facets: readonly DocFacet[], docs: readonly AnalysedDoc[], { needsYear = false, needsOrg = false }: Needs = {}): ViewCoverage {
  const shell = useContext(LeftOutContext);
  return useMemo(
    () => ({
      ...coverage(facets, {
        needsYear,
        needsOrg,
        yearOf: trendYear,
        analysed: new Set(docs.map((d) => d.facet.docId)),
        duplicates: shell.duplicates,
      }),
      needsYear,
      needsOrg,
    }),
    [facets, docs, needsYear, needsOrg, shell.duplicates],
  );
}

/** The coverage as an exported chart states it (components/charts/citation): counts only. */
export function citeCoverage(cov: ViewCoverage): CiteCoverage {
  const leftOut = {} as Record<LeftOutReason, number>;
  for (const r of LEFT_OUT_REASONS) leftOut[r] = cov.leftOut[r].length;
  return { shown: cov.shown, inFilter: cov.inFilter, leftOut };
}

/**
 * The line under a chart or table saying how many documents of the filter it counts, and which it
 * leaves out and why, each group a link to the Library listing exactly those documents so they can
 * be fixed (no link in tests that render a view alone).
 */
export function PartialNote({ cov }: { cov: ViewCoverage }) {
  const shell = useContext(LeftOutContext);
  if (cov.inFilter === 0) return null;
  const left = cov.inFilter - cov.shown;
  const { needsYear, needsOrg } = cov;
  return (
    <p class="tl-note tl-coverage" data-testid="coverage" data-shown={cov.shown} data-total={cov.inFilter}>
      {t('leftOut.showing', { shown: cov.shown, total: cov.inFilter })}
      {left > 0 ? (
        <>
          {' '}
          {t('leftOut.some', { n: left })}{' '}
          {LEFT_OUT_REASONS.filter((r) => cov.leftOut[r].length > 0).map((r, i) => {
            const label = t(LEFT_OUT_WORDS[r], { n: cov.leftOut[r].length });
            const open = shell.openLeftOut;
            return (
              <span key={r} data-left-out={r} data-n={cov.leftOut[r].length}>
                {i > 0 ? ', ' : ''}
                {open ? (
                  <button
                    type="button"
                    class="tl-link"
                    title={t('leftOut.open', { n: cov.leftOut[r].length })}
                    onClick={() => open(leftOutKey(r, { needsYear, needsOrg }))}
                  >
                    {label}
                  </button>
                ) : (
                  label
                )}
              </span>
            );
          })}
        </>
      ) : null}
    </p>
  );
}

/** What a chart or table counts: see CountedLine. */
export type Measure = 'occurrences' | 'tokens' | 'headings' | 'length';

const MEASURE_LINE: Record<Measure, MessageKey> = {
  occurrences: 'count.occurrences',
  tokens: 'count.tokens',
  headings: 'count.headings',
  length: 'count.length',
};

/**
 * "What is counted", under a chart or table: occurrences (Formulations, Trends, Compare's
 * formulations, KWIC), word tokens (Terms, Compare's keywords), outline headings or document lengths
 * (Structure), and what per 10k divides by; the exact definition (analysis/counting COUNTING_MODEL,
 * English, as in run.json) on the line's data-definition for tests and tools. `contexts`: a KWIC
 * list's length, equal to its count.
 */
export function CountedLine({ measure, per10k = measure === 'occurrences' || measure === 'tokens', contexts }: { measure: Measure; per10k?: boolean; contexts?: number }) {
  const definition = COUNTING_MODEL[measure];
  return (
    <p class="tl-muted tl-counted" data-testid="counted" data-measure={measure} data-definition={`${definition}. length: ${COUNTING_MODEL.length}`}>
      {t(MEASURE_LINE[measure])}
      {contexts !== undefined ? ` ${t('count.contexts', { n: contexts })}` : ''}
      {per10k ? ` ${t('count.per10k')}` : ''}
    </p>
  );
}

/**
 * The short note under every chart and table (issue 8): what it counts, and how many documents of
 * the filter it shows and which it left out and why. `of`: names the chart or table (data-note-for).
 */
export function TableNote({ of, measure, cov, per10k }: { of: string; measure: Measure; cov: ViewCoverage; per10k?: boolean }) {
  return (
    <div class="tl-table-note" data-testid="table-note" data-note-for={of} data-measure={measure}>
      <CountedLine measure={measure} per10k={per10k} />
      <PartialNote cov={cov} />
    </div>
  );
}

export function Section({ title, actions, children }: { title: string; actions?: ComponentChildren; children: ComponentChildren }) {
  return (
    <section class="tl-section">
      <header class="tl-section-head">
        <h3>{title}</h3>
        {actions ? <div class="tl-section-actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}

/** Round for display; keeps integers as they are. */
export function num(v: number | null | undefined, decimals = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  return Number.isInteger(v) ? String(v) : v.toFixed(decimals);
}

/** Readable org label (an unknown organisation is the empty string in facets). */
export function orgLabel(org: string): string {
  return org || t('views.unknownOrg');
}

/**
 * Shown while a view's numbers are being computed in the aggregation worker: the previous result
 * stays on screen underneath; a long computation can be cancelled.
 */
export function Computing({
  state,
}: {
  state: { busy: boolean; cancelled: boolean; error: string | null; cancel(): void };
}) {
  if (state.error) {
    return (
      <p class="tl-error" role="alert" data-testid="computing-error">
        {t('views.computeFailed', { error: state.error })}
      </p>
    );
  }
  if (state.cancelled) {
    return (
      <p class="tl-note" role="status" data-testid="computing-cancelled">
        {t('views.computeCancelled')}
      </p>
    );
  }
  if (!state.busy) return null;
  return (
    <p class="tl-note tl-computing" role="status" aria-live="polite" data-testid="computing">
      <span>{t('views.computing')}</span>{' '}
      <button type="button" class="tl-btn tl-btn-small" onClick={() => state.cancel()}>
        {t('views.computeCancel')}
      </button>
    </p>
  );
}

/** The view's aggregator (the dashboard's worker; an in-process one in tests). */
export function aggregatorOf(props: { aggregates: Aggregator }): Aggregator {
  return props.aggregates;
}
