// The clip popup: what will be saved (every field editable), the duplicate choice, refusals, and
// the confirmation. Page text is rendered as text nodes only, never as HTML.
import { browser } from 'wxt/browser';
import type { JSX } from 'preact';
import { cleanRuleLabel, getLanguage, t, type MessageKey } from '@/utils/i18n';
import { chooseLanguage } from '@/utils/settings';
import { REFUSAL_MESSAGE, SAVE_FAILURE_MESSAGE, localDay } from '@/utils/capture';
import { countChars } from '@/utils/db';
import type { ClipStore, FormField, Ready } from './store';
import { AttachmentsSection, JobProgress, ListPicker } from './BatchPanel';

/** How much of the cleaned text the preview shows. */
const PREVIEW_LINES = 6;
const PREVIEW_LINE_CHARS = 160;
/** Removed lines listed under the preview (the rest are counted only). */
const REMOVED_SHOWN = 40;

const FIELDS: readonly { field: FormField; label: MessageKey; hint?: MessageKey; wide?: boolean }[] = [
  { field: 'title', label: 'popup.field.title', wide: true },
  { field: 'orgs', label: 'popup.field.orgs', hint: 'popup.field.orgsHint', wide: true },
  { field: 'docNumber', label: 'popup.field.docNumber' },
  { field: 'date', label: 'popup.field.date' },
  { field: 'year', label: 'popup.field.year' },
  { field: 'docType', label: 'popup.field.docType' },
  { field: 'author', label: 'popup.field.author' },
  { field: 'publication', label: 'popup.field.publication' },
];

const YEAR_SOURCE_NOTE: Record<string, MessageKey> = {
  title: 'popup.yearSource.title',
  date: 'popup.yearSource.date',
  text: 'popup.yearSource.text',
  given: 'popup.yearSource.given',
};

/** How the year shown was found: the reading's source, or 'given' once the user changed it. */
function yearSourceNote(prepared: Ready, year: string): MessageKey | null {
  const read = prepared.draft.year === null ? '' : String(prepared.draft.year);
  if (year.trim() !== read) return year.trim() === '' ? null : YEAR_SOURCE_NOTE.given ?? null;
  return YEAR_SOURCE_NOTE[prepared.built.metadata.yearSource ?? ''] ?? null;
}

/** A page that looks like a list of documents: says so, offers to clip the documents it links, stores nothing unless asked. */
function ListNotice({ store, prepared }: { store: ClipStore; prepared: Ready }) {
  const items = prepared.built.listPage?.items ?? [];
  return (
    <div class="list-page">
      <p role="alert" class="refusal">
        {t('refuse.listPage', { n: items.length })} {t('popup.list.nothingStored')}
      </p>
      <ListPicker items={items} batch={store.batch} />
      <JobProgress batch={store.batch} />
      <div class="actions">
        <button type="button" onClick={() => store.clipAnyway()}>
          {t('popup.list.clipAnyway')}
        </button>
      </div>
    </div>
  );
}

export function previewLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, PREVIEW_LINES)
    .map((l) => (countChars(l) > PREVIEW_LINE_CHARS ? Array.from(l).slice(0, PREVIEW_LINE_CHARS).join('') + '…' : l));
}

function LanguageToggle() {
  const next = getLanguage() === 'en' ? 'zh' : 'en';
  return (
    <button type="button" class="lang" aria-label={t('common.switchLanguageLabel')} onClick={() => void chooseLanguage(next)}>
      {t('common.switchLanguage')}
    </button>
  );
}

async function openLibrary(e: JSX.TargetedMouseEvent<HTMLAnchorElement>): Promise<void> {
  e.preventDefault();
  const url = e.currentTarget.href;
  try {
    await browser.runtime.openOptionsPage();
  } catch {
    await browser.tabs.create({ url });
  }
}

function Form({ store, prepared, busy }: { store: ClipStore; prepared: Ready; busy: boolean }) {
  const form = store.form.value;
  const errors = store.errors.value;
  const { built, duplicate } = prepared;
  return (
    <form
      class="clip-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!duplicate) void store.save('new');
      }}
    >
      <div class="fields">
        {FIELDS.map(({ field, label, hint, wide }) => (
          <label key={field} class={wide ? 'field wide' : 'field'}>
            <span class="label">{t(label)}</span>
            {field === 'title' ? (
              // Chinese titles often run past one line: two rows show them whole.
              <textarea
                name={field}
                rows={2}
                value={form[field]}
                disabled={busy}
                onInput={(e) => store.edit(field, e.currentTarget.value.replace(/\n/g, ' '))}
              />
            ) : (
              <input
                name={field}
                // Named by its label alone: the year's source note sits inside the label too.
                aria-label={t(label)}
                value={form[field]}
                disabled={busy}
                placeholder={hint ? t(hint) : field === 'date' ? 'YYYY-MM-DD' : undefined}
                aria-invalid={errors[field] ? 'true' : undefined}
                onInput={(e) => store.edit(field, e.currentTarget.value)}
              />
            )}
            {field === 'year' && yearSourceNote(prepared, form.year) && (
              <span class="year-source" data-testid="year-source">{t(yearSourceNote(prepared, form.year)!)}</span>
            )}
            {errors[field] && <span class="field-error" role="alert">{t(errors[field])}</span>}
          </label>
        ))}
        <div class="field">
          <span class="label">{t('popup.field.length')}</span>
          <span class="value" data-testid="length">{t('popup.length', { n: countChars(built.text) })}</span>
        </div>
      </div>
      <section class="preview" aria-label={t('popup.preview')}>
        <h2>{t('popup.preview')}</h2>
        <div class="preview-text" data-testid="preview">
          {previewLines(built.text).map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </div>
        {built.removed.length > 0 && (
          // What cleaning took out, so a wrong removal can be seen before saving (as text, like the preview).
          <details class="removed">
            <summary>{t('popup.removed', { n: built.removed.length })}</summary>
            <ul data-testid="removed">
              {built.removed.slice(0, REMOVED_SHOWN).map((r, i) => (
                <li key={i} title={cleanRuleLabel(r.rule)}>
                  {r.text}
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>
      {duplicate ? (
        <div class="duplicate" role="status">
          <p>
            <strong>{t('popup.alreadyClipped', { date: localDay(duplicate.record.capturedAt) })}</strong>{' '}
            {t(duplicate.reason === 'url' ? 'popup.alreadyClippedUrl' : 'popup.alreadyClippedText', { title: duplicate.record.title })}
          </p>
          <div class="actions">
            <button type="button" class="primary" disabled={busy} onClick={() => void store.save('update')}>
              {t('popup.updateIt')}
            </button>
            <button type="button" disabled={busy} onClick={() => void store.save('keepBoth')}>
              {t('popup.keepBoth')}
            </button>
          </div>
        </div>
      ) : (
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t('popup.saving') : t('popup.clip')}
          </button>
        </div>
      )}
    </form>
  );
}

export function ClipPanel({ store }: { store: ClipStore }) {
  const phase = store.phase.value;
  let body: JSX.Element;
  switch (phase.name) {
    case 'loading':
      body = <p role="status" class="loading">{t('popup.loading')}</p>;
      break;
    case 'refused':
      body = phase.pdfUrl ? (
        <div class="pdf-tab">
          <p>{t('popup.pdf.offer')}</p>
          <p class="hint">{t('popup.pdf.permission', { site: new URL(phase.pdfUrl).host })}</p>
          <div class="actions">
            <button type="button" class="primary" data-testid="clip-pdf" onClick={() => void store.clipPdf()}>
              {t('popup.pdf.clip')}
            </button>
          </div>
        </div>
      ) : (
        <p role="alert" class="refusal">{t(REFUSAL_MESSAGE[phase.reason])}</p>
      );
      break;
    case 'pdf':
      body = phase.busy ? (
        <p role="status" class="loading">{t('popup.pdf.reading')}</p>
      ) : (
        <p role={phase.ok ? 'status' : 'alert'} class={phase.ok ? 'saved' : 'error'} data-testid="pdf-result">
          {phase.message}
        </p>
      );
      break;
    case 'list':
      body = <ListNotice store={store} prepared={phase.prepared} />;
      break;
    case 'ready':
    case 'saving':
      body = <Form store={store} prepared={phase.prepared} busy={phase.name === 'saving'} />;
      break;
    case 'saveFailed':
      // The form stays, with what the user typed, so saving can be tried again.
      body = (
        <>
          <p role="alert" class="error">
            {t('saveFailed.summary', { cause: t(SAVE_FAILURE_MESSAGE[phase.failure], { problem: phase.problem }) })}
          </p>
          <Form store={store} prepared={phase.prepared} busy={false} />
        </>
      );
      break;
    case 'saved':
      body = (
        <div class="saved" role="status">
          <p>
            {t(phase.kind === 'updated' ? 'popup.updated' : 'popup.saved')} <q>{phase.record.title}</q>
          </p>
          <a href={(browser.runtime.getURL as (path: string) => string)('/options.html')} target="_blank" onClick={openLibrary}>
            {t('popup.openLibrary')}
          </a>
        </div>
      );
      break;
    case 'error':
      body = <p role="alert" class="error">{t('popup.error', { message: phase.message })}</p>;
      break;
  }
  // A document page's attachments, under the form (and still after the page itself was saved).
  const withAttachments = phase.name === 'ready' || phase.name === 'saving' || phase.name === 'saveFailed' || phase.name === 'saved';
  return (
    <main class="popup" lang={getLanguage() === 'zh' ? 'zh-CN' : 'en'}>
      <header>
        <h1>{t('common.appName')}</h1>
        <LanguageToggle />
      </header>
      {body}
      {withAttachments && store.attachments.value.length > 0 ? (
        <>
          <AttachmentsSection links={store.attachments.value} batch={store.batch} fromPage={store.fromPage} />
          <JobProgress batch={store.batch} />
        </>
      ) : null}
    </main>
  );
}
