// Pieces every analytic view shares: the analysed subset of the filtered documents and the empty
// states shown instead of a blank chart.
import type { ComponentChildren } from 'preact';
import type { DocAnalysis, DocFacet } from '../../analysis/types';
import { analysedDocs, type AnalysedDoc } from '../../analysis/corpus';
import type { Lang } from './types';
import { fmt } from './strings';
import type { Aggregator } from '../../analysis/queries';

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
export function EmptyState({ state, lang }: { state: Readiness; lang: Lang }) {
  if (state === 'ready' || state === 'partial') return null;
  return (
    <div class="tl-empty" role="status" data-testid="view-empty">
      {fmt(lang, state === 'no-docs' ? 'emptyNoDocs' : 'emptyNotAnalysed')}
    </div>
  );
}

export function PartialNote({ facets, docs, lang }: { facets: readonly DocFacet[]; docs: readonly AnalysedDoc[]; lang: Lang }) {
  if (docs.length >= facets.length) return null;
  return (
    <p class="tl-note" role="status">
      {fmt(lang, 'partlyAnalysed', { done: docs.length, total: facets.length })}
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
export function orgLabel(org: string, lang: Lang): string {
  return org || fmt(lang, 'unknownOrg');
}

/**
 * Shown while a view's numbers are being computed in the aggregation worker: the previous result
 * stays on screen underneath; a long computation can be cancelled.
 */
export function Computing({
  state,
  lang,
}: {
  state: { busy: boolean; cancelled: boolean; error: string | null; cancel(): void };
  lang: Lang;
}) {
  if (state.error) {
    return (
      <p class="tl-error" role="alert" data-testid="computing-error">
        {fmt(lang, 'computeFailed', { error: state.error })}
      </p>
    );
  }
  if (state.cancelled) {
    return (
      <p class="tl-note" role="status" data-testid="computing-cancelled">
        {fmt(lang, 'computeCancelled')}
      </p>
    );
  }
  if (!state.busy) return null;
  return (
    <p class="tl-note tl-computing" role="status" aria-live="polite" data-testid="computing">
      <span>{fmt(lang, 'computing')}</span>{' '}
      <button type="button" class="tl-btn tl-btn-small" onClick={() => state.cancel()}>
        {fmt(lang, 'computeCancel')}
      </button>
    </p>
  );
}

/** The view's aggregator (the dashboard's worker; an in-process one in tests). */
export function aggregatorOf(props: { aggregates: Aggregator }): Aggregator {
  return props.aggregates;
}
