// The popup's batch parts: the attachments a page links (pick, clip), a list page's entries (all or
// a date range), and the progress of the batch the background fetches. Text only, never HTML.
import { useState } from 'preact/hooks';
import type { ListItem } from '@/analysis/types';
import { t } from '@/utils/i18n';
import type { AttachmentLink } from '@/utils/import-attachments';
import { attachmentRefusal, type FetchJob, type FetchJobState } from '@/utils/import-fetch';
import { entriesInRange, originsOf, type BatchStore } from './batch';

/** The sites a batch will ask to read from, for the hint under its button. */
function sitesOf(urls: readonly string[]): string {
  return originsOf(urls)
    .map((o) => o.replace(/^https?:\/\//, '').replace(/\/\*$/, ''))
    .join(', ');
}

export function JobProgress({ batch }: { batch: BatchStore }) {
  const s: FetchJobState | null = batch.job.value;
  const problem = batch.problem.value;
  if (!s) return problem ? <p role="alert" class="error" data-testid="batch-problem">{problem}</p> : null;
  const failed = s.results.filter((r) => r.status === 'failed');
  return (
    <div class="batch-progress" data-testid="batch-progress" data-running={s.running ? 'true' : 'false'}>
      {problem ? <p role="alert" class="error" data-testid="batch-problem">{problem}</p> : null}
      {s.running ? <progress max={s.total} value={s.done} aria-label={t('batch.progressLabel')} /> : null}
      <p role="status" data-testid="batch-counts">
        {t(s.running ? 'batch.running' : s.cancelled ? 'batch.cancelled' : 'batch.done', { done: s.done, total: s.total })}{' '}
        {t('batch.counts', { added: s.added, duplicates: s.duplicates, failed: s.failed })}
      </p>
      {failed.length > 0 ? (
        <ul class="batch-failed" data-testid="batch-failed">
          {failed.map((r) => (
            <li key={r.url}>
              {r.title || r.url}: {r.reason}
            </li>
          ))}
        </ul>
      ) : null}
      {s.running ? (
        <div class="actions">
          <button type="button" data-testid="batch-cancel" onClick={() => batch.cancel()}>
            {t('batch.cancel')}
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** The attachments a document page links: the readable ones ticked, the others listed with why they are not read. */
export function AttachmentsSection({ links, batch, fromPage }: { links: AttachmentLink[]; batch: BatchStore; fromPage: () => NonNullable<FetchJob['fromPage']> }) {
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set(links.filter((l) => attachmentRefusal(l.kind) === null).map((l) => l.url)));
  if (links.length === 0) return null;
  const running = batch.job.value?.running === true;
  const chosen = links.filter((l) => picked.has(l.url));
  return (
    <section class="attachments" aria-label={t('attach.title', { n: links.length })}>
      <h2>{t('attach.title', { n: links.length })}</h2>
      <ul data-testid="attachments">
        {links.map((l) => {
          const refusal = attachmentRefusal(l.kind);
          return (
            <li key={l.url} class={refusal ? 'refused' : undefined}>
              <label>
                <input
                  type="checkbox"
                  disabled={refusal !== null || running}
                  checked={picked.has(l.url)}
                  onChange={(e) => {
                    const next = new Set(picked);
                    if (e.currentTarget.checked) next.add(l.url);
                    else next.delete(l.url);
                    setPicked(next);
                  }}
                />{' '}
                <span class="att-name">{l.text || l.url}</span> <span class="att-kind">{l.kind.toUpperCase()}</span>
              </label>
              {refusal ? <span class="att-refusal" data-testid="attachment-refusal">{t('attach.notRead', { reason: refusal })}</span> : null}
            </li>
          );
        })}
      </ul>
      <div class="actions">
        <button
          type="button"
          data-testid="clip-attachments"
          disabled={chosen.length === 0 || running}
          onClick={() => void batch.start({ items: chosen.map((l) => ({ url: l.url, title: l.title, kind: l.kind })), fromPage: fromPage() })}
        >
          {t('attach.clip', { n: chosen.length })}
        </button>
      </div>
      {chosen.length > 0 ? <p class="hint">{t('batch.permission', { sites: sitesOf(chosen.map((l) => l.url)) })}</p> : null}
    </section>
  );
}

/** A list page's entries, picked all or by a date range, and clipped in the background. */
export function ListPicker({ items, batch }: { items: ListItem[]; batch: BatchStore }) {
  const [mode, setMode] = useState<'all' | 'range'>('all');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const chosen = mode === 'all' ? items : entriesInRange(items, from, to);
  const running = batch.job.value?.running === true;
  const chosenUrls = new Set(chosen.map((i) => i.url));
  return (
    <section class="list-pick" aria-label={t('list.pickTitle')}>
      <h2>{t('list.pickTitle')}</h2>
      <div class="list-modes">
        <label>
          <input type="radio" name="list-mode" checked={mode === 'all'} data-testid="list-all" onChange={() => setMode('all')} /> {t('list.all', { n: items.length })}
        </label>
        <label>
          <input type="radio" name="list-mode" checked={mode === 'range'} data-testid="list-range" onChange={() => setMode('range')} /> {t('list.range')}
        </label>
        {mode === 'range' ? (
          <span class="list-dates">
            <input type="date" aria-label={t('list.from')} data-testid="list-from" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
            {' – '}
            <input type="date" aria-label={t('list.to')} data-testid="list-to" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
          </span>
        ) : null}
      </div>
      <ul class="list-entries" data-testid="list-entries">
        {items.map((item, i) => (
          <li key={i} class={chosenUrls.has(item.url) ? 'chosen' : 'left-out'}>
            <span class="list-title">{item.title}</span>
            {item.date ? <span class="list-date"> {item.date}</span> : null}
          </li>
        ))}
      </ul>
      <div class="actions">
        <button
          type="button"
          class="primary"
          data-testid="clip-list"
          disabled={chosen.length === 0 || running}
          onClick={() => void batch.start({ items: chosen.map((i) => ({ url: i.url, title: i.title, ...(i.date ? { date: i.date } : {}), kind: 'page' as const })) })}
        >
          {t('list.clip', { n: chosen.length })}
        </button>
      </div>
      {chosen.length > 0 ? <p class="hint">{t('list.politely', { sites: sitesOf(chosen.map((i) => i.url)) })}</p> : null}
    </section>
  );
}
