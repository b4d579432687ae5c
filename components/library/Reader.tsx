// The reader: a document's cleaned text with lexicon formulations highlighted. Stored text is
// rendered as text nodes and <mark> elements only, never as HTML. A long text is painted a window
// of blocks at a time (more as the reader scrolls near the end), and the formulations it holds are
// counted in slices that yield to the page, so no document, however long, holds the main thread:
// a 5 MB text took 20 s in one task when every paragraph was highlighted at once. Windows are
// appended to the DOM directly (reader-paint): a window costs its own size, not the text's so far.
import { Component } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { RefObject } from 'preact';
import { joinOrgs } from '../../analysis/text';
import type { LightRecord } from '../dashboard/facets';
import { useStore } from '../dashboard/context';
import { showToast } from '../dashboard/toast';
import { recleanDocument } from '../../utils/library';
import { createHighlighter, type Highlighter } from './highlight';
import { readBlocks } from './reader-blocks';
import { paintBlocks } from './reader-paint';
import { categoryLabel, t } from '../../utils/i18n';

/**
 * One window of blocks, painted in one task: this many characters or blocks, whichever comes
 * first. Measured in Chromium on a 2-core machine, a window of 30,000 characters took 75-210 ms
 * to render and lay out; one of 6,000 stays well under 50 ms.
 */
export const WINDOW_CHARS = 6_000;
export const WINDOW_BLOCKS = 120;
/**
 * The window painted as the reader opens, in the task that renders the dashboard around it: a
 * screenful (the text box is 60vh of about 50 characters a line: some 1,000 characters), so that
 * task and the layout after it stay short; the next window follows in a task of its own.
 */
export const OPENING_CHARS = 2_000;
/** The beginning painted without waiting for a scroll, a window per task (a report of ordinary length is whole). */
export const FIRST_CHARS = 30_000;
/**
 * A text up to this long is painted whole, the windows after FIRST_CHARS in idle time
 * (requestIdleCallback), so the browser's find in page and the highlights cover all of it; a
 * longer one is painted further only as the reader scrolls (its DOM would outgrow the page).
 */
export const PAINT_WHOLE_CHARS = 1_000_000;
/** Start painting more this far before the end comes into view (px). */
const AHEAD_PX = 800;
/** Longest slice of counting or painting work before it yields to the page (ms). */
const SLICE_MS = 12;

/** The element the painted paragraphs live in: rendered once, never re-rendered (its children are painted by paintBlocks, not by Preact). */
class PaintHost extends Component<{ hostRef: RefObject<HTMLDivElement> }> {
  override shouldComponentUpdate() {
    return false;
  }
  override render() {
    return <div class="tl-reader-body" ref={this.props.hostRef} />;
  }
}

function markTitle(term: string, category: string | undefined): string {
  return category ? `${term} · ${categoryLabel(category)}` : term;
}

/** How far the text is painted, and for which text and highlighter. */
interface Painted {
  text: string;
  highlighter: Highlighter;
  next: number;
}

/** Formulations of the whole text, most frequent first; null while still counting (in slices that yield). */
function useFoundTerms(text: string, highlighter: Highlighter): [string, number][] | null {
  const [found, setFound] = useState<{ text: string; highlighter: Highlighter; terms: [string, number][] } | null>(null);
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const counts = new Map<string, number>();
    let at = 0;
    const step = () => {
      if (cancelled) return;
      const until = performance.now() + SLICE_MS;
      while (at < text.length && performance.now() < until) {
        const { blocks, next } = readBlocks(text, at, 8);
        for (const b of blocks) for (const s of highlighter.split(b.text)) if (s.term) counts.set(s.term, (counts.get(s.term) ?? 0) + 1);
        at = next;
      }
      if (at < text.length) timer = setTimeout(step, 0);
      else setFound({ text, highlighter, terms: [...counts].sort((a, b) => b[1] - a[1]) });
    };
    // Not in the task that opens the reader: that one renders the dashboard and the first window.
    timer = setTimeout(step, 0);
    return () => {
      cancelled = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [text, highlighter]);
  return found && found.text === text && found.highlighter === highlighter ? found.terms : null;
}

/** Links are offered only for web addresses (samples carry `sample:` ids). */
export function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/**
 * The reader of one document: its text is read from the database as it opens (the page keeps
 * cards, not texts), and read again when the stored text changes.
 */
export function Reader({ record, onClose }: { record: LightRecord; onClose: () => void }) {
  const store = useStore();
  const key = `${record.id}\u0000${record.textHash}`;
  const [loaded, setLoaded] = useState<{ key: string; text: string } | null>(null);
  useEffect(() => {
    let live = true;
    store.getText(String(record.id)).then(
      (text) => live && setLoaded({ key, text }),
      (err: unknown) => {
        if (live) setLoaded({ key, text: '' });
        showToast({ error: err }, { kind: 'error' });
      },
    );
    return () => {
      live = false;
    };
  }, [key]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)) onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);
  if (!loaded || loaded.key !== key) {
    return (
      <article class="tl-reader" aria-label={record.title} aria-busy="true" data-testid="reader">
        <header class="tl-reader-head">
          <h2>{record.title || '—'}</h2>
        </header>
        <p class="tl-muted">{t('reader.loading')}</p>
      </article>
    );
  }
  return <ReaderText record={record} text={loaded.text} onClose={onClose} />;
}

function ReaderText({ record, text, onClose }: { record: LightRecord; text: string; onClose: () => void }) {
  const store = useStore();
  const [busy, setBusy] = useState(false);
  const lexicon = store.lexicon.value;
  const highlighter = useMemo(() => createHighlighter(lexicon), [lexicon]);
  const found = useFoundTerms(text, highlighter);
  const scroller = useRef<HTMLDivElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const painted = useRef<Painted | null>(null);
  const [progress, setProgress] = useState<Painted | null>(null);
  const shownChars = progress && progress.text === text && progress.highlighter === highlighter ? progress.next : 0;
  const complete = shownChars >= text.length;

  /**
   * Paint the next window (from the start when the text or the highlighter changed), of at most
   * `chars` characters, for at most `budgetMs` of script.
   */
  function paint(chars: number, budgetMs: number) {
    const el = host.current;
    if (!el) return;
    let at = painted.current;
    if (!at || at.text !== text || at.highlighter !== highlighter) {
      el.replaceChildren();
      at = { text, highlighter, next: 0 };
    }
    if (at.next >= text.length) return;
    const add = readBlocks(text, at.next, WINDOW_BLOCKS, chars);
    // A window is cut short when building it takes longer than its budget (a loaded machine).
    const n = paintBlocks(el, add.blocks, highlighter, markTitle, performance.now() + budgetMs);
    painted.current = { text, highlighter, next: add.blocks[n]?.start ?? add.next };
    setProgress(painted.current);
  }

  const showMore = () => paint(WINDOW_CHARS, SLICE_MS);

  // A screenful is painted as the reader is committed, before the browser paints.
  useLayoutEffect(() => paint(OPENING_CHARS, SLICE_MS), [text, highlighter]);

  // The first FIRST_CHARS are painted a window per task, each yielding to the page; after that a
  // text up to PAINT_WHOLE_CHARS gets a window per idle period until it is whole, and a longer one
  // the next window when the end of what is painted nears the visible part of the text (observed
  // afresh after each window, so a tall screen keeps filling until it is full).
  useEffect(() => {
    if (complete || !progress) return;
    if (shownChars < FIRST_CHARS) {
      const timer = setTimeout(showMore, 0);
      return () => clearTimeout(timer);
    }
    if (text.length <= PAINT_WHOLE_CHARS) {
      // The rest of a text of ordinary length, a window whenever the page is idle.
      if (typeof requestIdleCallback === 'function') {
        // Bounded wait: the page is rarely idle while the formulations are counted and the analysis runs.
        const handle = requestIdleCallback(showMore, { timeout: 100 });
        return () => cancelIdleCallback(handle);
      }
      const timer = setTimeout(showMore, 0);
      return () => clearTimeout(timer);
    }
    const target = sentinel.current;
    if (!target || typeof IntersectionObserver !== 'function') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        showMore();
      }
    }, { root: scroller.current, rootMargin: `0px 0px ${AHEAD_PX}px 0px` });
    observer.observe(target);
    return () => observer.disconnect();
  });

  async function reclean() {
    setBusy(true);
    try {
      const updated = await recleanDocument(store.db, record.id!);
      if (updated) {
        store.invalidate(String(record.id));
        showToast({ key: 'reader.recleaned' });
      } else showToast({ key: 'reader.noSource' }, { kind: 'error' });
    } catch (err) {
      showToast({ error: err }, { kind: 'error' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <article class="tl-reader" aria-label={record.title} data-testid="reader">
      <header class="tl-reader-head">
        <h2>{record.title || '—'}</h2>
        <p class="tl-muted">
          {[joinOrgs(record.orgs), record.docNumber, record.date || (record.year ?? ''), record.docType, t('lib.chars', { n: record.length })]
            .filter((x) => x !== '' && x !== null)
            .join(' · ')}
        </p>
        <div class="tl-reader-actions">
          <button type="button" class="tl-btn" onClick={onClose}>
            {t('reader.close')}
          </button>
          <button type="button" class="tl-btn" disabled={busy} onClick={reclean}>
            {t('reader.reclean')}
          </button>
          {isWebUrl(record.url) ? (
            <a class="tl-btn" href={record.url} target="_blank" rel="noopener noreferrer">
              {t('lib.openUrl')}
            </a>
          ) : null}
        </div>
        {found && found.length > 0 ? (
          <p class="tl-reader-found" data-testid="reader-found">
            <span class="tl-muted">{t('reader.highlightNote')} </span>
            {found.slice(0, 12).map(([term, n]) => (
              <span class="tl-chip tl-chip-static" key={term}>
                {term} <span class="tl-muted">×{n}</span>
              </span>
            ))}
          </p>
        ) : null}
      </header>
      <div class="tl-reader-text" lang="zh" ref={scroller} data-testid="reader-text" data-complete={complete ? 'true' : 'false'}>
        <PaintHost hostRef={host} />
        {complete ? null : (
          <div ref={sentinel} class="tl-reader-more">
            <button type="button" class="tl-btn tl-btn-small" onClick={showMore}>
              {t('reader.more', { shown: shownChars, total: text.length })}
            </button>
          </div>
        )}
      </div>
    </article>
  );
}
