// Pieces every analytic view shares: the analysed subset of the filtered documents and the empty
// states shown instead of a blank chart.
import type { ComponentChildren } from 'preact';
import type { DocAnalysis, DocFacet } from '../../analysis/types';
import { analysedDocs, type AnalysedDoc } from '../../analysis/corpus';
import type { Aggregator } from '../../analysis/queries';
import { t } from '../../utils/i18n';

export type Readiness = 'no-docs' | 'not-analysed' | 'partial' | 'ready';

export function readiness(facets: readonly DocFacet[], docs: readonly AnalysedDoc[]): Readiness {
  if (facets.length === 0) return 'no-docs';
  if (docs.length === 0) return 'not-analysed';
  return docs.length < facets.length ? 'partial' : 'ready';
}

export function useAnalysed(facets: readonly DocFacet[], analyses: Map<string, DocAnalysis>) {
  const docs = analysedDocs(facets, analyses);
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

export function PartialNote({ facets, docs }: { facets: readonly DocFacet[]; docs: readonly AnalysedDoc[] }) {
  if (docs.length >= facets.length) return null;
  return (
    <p class="tl-note" role="status">
      {t('views.partlyAnalysed', { done: docs.length, total: facets.length })}
    </p>
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
