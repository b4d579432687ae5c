// Pages of a long table: the views' tables hold up to several thousand rows (every formulation of a
// library, every keyword of a comparison), which as one page took seconds to lay out and scroll.
// A page of rows is rendered at a time, with "rows a–b of n" and buttons to move; the rows given
// are all the rows (sorted and filtered as the view shows them), so CSV exports, counts and sorting
// keep covering everything. Plain pagination rather than a virtualising library: rows are of
// uneven height (long Chinese phrases wrap), pages can be cited ("rows 101–200"), and it needs no
// dependency.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../../utils/i18n';

/** Rows on one page. */
export const PAGE_SIZE = 100;

export interface PageWindow {
  /** 0-based page shown (clamped to the pages there are). */
  page: number;
  pages: number;
  /** Index of the first row shown and one past the last. */
  start: number;
  end: number;
}

/** Which rows a page shows: pages of `size` rows; a page past the end shows the last one. Pure. */
export function pageWindow(total: number, page: number, size: number = PAGE_SIZE): PageWindow {
  const n = Math.max(0, Math.floor(total));
  const per = Math.max(1, Math.floor(size));
  const pages = Math.max(1, Math.ceil(n / per));
  const p = Math.min(Math.max(0, Math.floor(Number.isFinite(page) ? page : 0)), pages - 1);
  return { page: p, pages, start: Math.min(n, p * per), end: Math.min(n, (p + 1) * per) };
}

/**
 * Page state over a list of rows. A new list (another filter, sort or kind) starts again at the
 * first page, so pass a memoised array: one rebuilt on every render would always show page one.
 */
export function usePaged<T>(rows: readonly T[], size: number = PAGE_SIZE) {
  const [state, setState] = useState<{ rows: readonly T[]; page: number }>({ rows, page: 0 });
  const win = pageWindow(rows.length, state.rows === rows ? state.page : 0, size);
  const go = (page: number) => setState({ rows, page });
  return { ...win, shown: rows.slice(win.start, win.end), go, total: rows.length };
}

export interface PagerProps {
  total: number;
  page: number;
  pages: number;
  start: number;
  end: number;
  go(page: number): void;
  /** Names the pager in tests and for assistive technology: data-testid="<testid>-pager". */
  testid?: string;
  children?: ComponentChildren;
}

/** "rows a–b of n" and, when there is more than one page, first / previous / next / last. */
export function Pager({ total, page, pages, start, end, go, testid }: PagerProps) {
  const range = total === 0 ? t('pager.empty') : t('pager.range', { a: start + 1, b: end, n: total });
  return (
    <nav class="tl-pager" aria-label={t('pager.label')} data-testid={testid ? `${testid}-pager` : 'pager'} style={PAGER_STYLE}>
      <span class="tl-muted" data-testid="pager-range" aria-live="polite">
        {range}
      </span>
      {pages > 1 ? (
        <span class="tl-pager-buttons" style={{ display: 'inline-flex', gap: '0.25rem' }}>
          <button type="button" class="tl-btn tl-btn-small" disabled={page === 0} onClick={() => go(0)}>
            {t('pager.first')}
          </button>
          <button type="button" class="tl-btn tl-btn-small" disabled={page === 0} onClick={() => go(page - 1)}>
            {t('pager.prev')}
          </button>
          <button type="button" class="tl-btn tl-btn-small" disabled={page >= pages - 1} onClick={() => go(page + 1)}>
            {t('pager.next')}
          </button>
          <button type="button" class="tl-btn tl-btn-small" disabled={page >= pages - 1} onClick={() => go(pages - 1)}>
            {t('pager.last')}
          </button>
        </span>
      ) : null}
    </nav>
  );
}

const PAGER_STYLE = { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '0.5rem', margin: '0.25rem 0' } as const;
