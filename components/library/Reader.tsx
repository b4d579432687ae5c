// The reader: a document's cleaned text with lexicon formulations highlighted. Stored text is
// rendered as text nodes and <mark> elements only, never as HTML. A long text is painted a window
// of blocks at a time (more as the reader scrolls near the end), and the formulations it holds are
// counted in slices that yield to the page, so no document, however long, holds the main thread:
// a 5 MB text took 20 s in one task when every paragraph was highlighted at once.
import { Component } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { joinOrgs } from '../../analysis/text';
import type { LightRecord } from '../dashboard/facets';
import { useStore } from '../dashboard/context';
import { showToast } from '../dashboard/toast';
import { libraryErrorMessage, recleanDocument } from '../../utils/library';
import { createHighlighter, type Highlighter } from './highlight';
import { readBlocks, type Block } from './reader-blocks';
import { categoryLabel, t } from '../../utils/i18n';

/**
 * One window of blocks, painted in one task: this many characters or blocks, whichever comes
 * first. Measured in Chromium on a 2-core machine, a window of 30,000 characters took 75-210 ms
 * to render and lay out; one of 6,000 stays well under 50 ms.
 */
export const WINDOW_CHARS = 6_000;
export const WINDOW_BLOCKS = 120;
/** The beginning painted without waiting for a scroll, a window per task (a report of ordinary length is whole). */
export const FIRST_CHARS = 30_000;
/** Start painting more this far before the end comes into view (px). */
const AHEAD_PX = 800;
/** Longest slice of counting work before it yields to the page (ms). */
const SLICE_MS = 12;

/** One block, highlighted, as a run inside its paragraph; painted once (a later window does not re-render the ones above). */
class BlockView extends Component<{ block: Block; highlighter: Highlighter }> {
  override shouldComponentUpdate(next: { block: Block; highlighter: Highlighter }) {
    return next.block !== this.props.block || next.highlighter !== this.props.highlighter;
  }
  override render() {
    const { block, highlighter } = this.props;
    return (
      <span data-block={block.start}>
        {highlighter.split(block.text).map((s, j) =>
          s.term ? (
            <mark key={j} class="tl-hl" title={s.category ? `${s.term} · ${categoryLabel(s.category)}` : s.term} data-term={s.term}>
              {s.text}
            </mark>
          ) : (
            s.text
          ),
        )}
      </span>
    );
  }
}

/** One paragraph of blocks; re-rendered only when a block joins it (a window ending inside it). */
class ParagraphView extends Component<{ blocks: Block[]; highlighter: Highlighter }> {
  override shouldComponentUpdate(next: { blocks: Block[]; highlighter: Highlighter }) {
    const { blocks, highlighter } = this.props;
    return next.highlighter !== highlighter || next.blocks.length !== blocks.length || next.blocks[next.blocks.length - 1] !== blocks[blocks.length - 1];
  }
  override render() {
    const { blocks, highlighter } = this.props;
    return (
      <p>
        {blocks.map((b) => (
          <BlockView key={b.start} block={b} highlighter={highlighter} />
        ))}
      </p>
    );
  }
}

/** Blocks grouped back into their paragraphs (a long paragraph's pieces flow as one). */
function paragraphsOf(blocks: readonly Block[]): Block[][] {
  const out: Block[][] = [];
  for (const b of blocks) {
    const last = out[out.length - 1];
    if (b.cont && last) last.push(b);
    else out.push([b]);
  }
  return out;
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
    step();
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

export function Reader({ record, onClose }: { record: LightRecord; onClose: () => void }) {
  const store = useStore();
  const [busy, setBusy] = useState(false);
  const lexicon = store.lexicon.value;
  const highlighter = useMemo(() => createHighlighter(lexicon), [lexicon]);
  const text = record.text;
  const first = useMemo(() => readBlocks(text, 0, WINDOW_BLOCKS, WINDOW_CHARS), [text]);
  const [more, setMore] = useState<{ text: string; blocks: Block[]; next: number } | null>(null);
  const shown = more && more.text === text ? more : first;
  const complete = shown.next >= text.length;
  const found = useFoundTerms(text, highlighter);
  const scroller = useRef<HTMLDivElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);

  function showMore() {
    const add = readBlocks(text, shown.next, WINDOW_BLOCKS, WINDOW_CHARS);
    setMore({ text, blocks: [...shown.blocks, ...add.blocks], next: add.next });
  }

  // The first FIRST_CHARS are painted a window per task, each yielding to the page; after that the
  // next window comes when the end of what is painted nears the visible part of the text. Observed
  // afresh after each window, so a tall screen keeps filling until it is full.
  useEffect(() => {
    if (complete) return;
    if (shown.next < FIRST_CHARS) {
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

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)) onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  async function reclean() {
    setBusy(true);
    try {
      const updated = await recleanDocument(store.db, record.id!);
      if (updated) {
        store.invalidate(String(record.id));
        showToast(t('reader.recleaned'));
      } else showToast(t('reader.noSource'), { kind: 'error' });
    } catch (err) {
      showToast(libraryErrorMessage(err), { kind: 'error' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <article class="tl-reader" aria-label={record.title} data-testid="reader">
      <header class="tl-reader-head">
        <h2>{record.title || '—'}</h2>
        <p class="tl-muted">
          {[joinOrgs(record.orgs), record.docNumber, record.date || (record.year ?? ''), record.docType, t('lib.chars', { n: record.chars })]
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
        {paragraphsOf(shown.blocks).map((para) => (
          <ParagraphView key={para[0]!.start} blocks={para} highlighter={highlighter} />
        ))}
        {complete ? null : (
          <div ref={sentinel} class="tl-reader-more">
            <button type="button" class="tl-btn tl-btn-small" onClick={showMore}>
              {t('reader.more', { shown: shown.next, total: text.length })}
            </button>
          </div>
        )}
      </div>
    </article>
  );
}
