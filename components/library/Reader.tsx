// The reader: a document's cleaned text with lexicon formulations highlighted. Stored text is
// rendered as text nodes and <mark> elements only, never as HTML.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { joinOrgs } from '../../analysis/text';
import type { LightRecord } from '../dashboard/facets';
import { useStore } from '../dashboard/context';
import { showToast } from '../dashboard/toast';
import { libraryErrorMessage, recleanDocument } from '../../utils/library';
import { createHighlighter } from './highlight';
import { categoryLabel, t } from '../../utils/i18n';

/** Links are offered only for web addresses (samples carry `sample:` ids). */
export function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

export function Reader({ record, onClose }: { record: LightRecord; onClose: () => void }) {
  const store = useStore();
  const [busy, setBusy] = useState(false);
  const lexicon = store.lexicon.value;
  const highlighter = useMemo(() => createHighlighter(lexicon), [lexicon]);
  const paragraphs = useMemo(() => record.text.split(/\n+/).filter((p) => p.trim() !== ''), [record.text]);
  const found = useMemo(() => {
    const counts = new Map<string, number>();
    for (const p of paragraphs) for (const s of highlighter.split(p)) if (s.term) counts.set(s.term, (counts.get(s.term) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]);
  }, [paragraphs, highlighter]);

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
        {found.length > 0 ? (
          <p class="tl-reader-found">
            <span class="tl-muted">{t('reader.highlightNote')} </span>
            {found.slice(0, 12).map(([term, n]) => (
              <span class="tl-chip tl-chip-static" key={term}>
                {term} <span class="tl-muted">×{n}</span>
              </span>
            ))}
          </p>
        ) : null}
      </header>
      <div class="tl-reader-text" lang="zh">
        {paragraphs.map((p, i) => (
          <p key={i}>
            {highlighter.split(p).map((s, j) =>
              s.term ? (
                <mark key={j} class="tl-hl" title={s.category ? `${s.term} · ${categoryLabel(s.category)}` : s.term} data-term={s.term}>
                  {s.text}
                </mark>
              ) : (
                s.text
              ),
            )}
          </p>
        ))}
      </div>
    </article>
  );
}
