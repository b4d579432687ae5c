// State of the clip popup: one small store of signals, with the actions the view calls.
import { signal } from '@preact/signals';
import { splitOrgs } from '../../analysis/text';
import { isCalendarDate, ORG_SEPARATOR, type DocumentRecord } from '@/utils/db';
import {
  browserDeps,
  prepareClip,
  saveClip,
  type ClipDeps,
  type Draft,
  type Prepared,
  saveFailureNow,
  type RefusalReason,
  type SaveChoice,
  type SaveFailure,
} from '@/utils/capture';
import { errorText, t, type MessageKey } from '@/utils/i18n';
import { browser } from 'wxt/browser';
import { clipPdfTab, type PdfTabDeps } from '@/utils/import-pdf-tab';
import { pdfAssets } from '../import/store';
import type { MetadataDraft } from '@/utils/library';
import type { AttachmentLink } from '@/utils/import-attachments';
import { browserBatchDeps, createBatchStore, type BatchDeps } from './batch';

export type Ready = Extract<Prepared, { ok: true }>;

export type Phase =
  | { name: 'loading' }
  /** `pdfUrl`: the tab shows this PDF, which can be fetched and read (with the site's permission). */
  | { name: 'refused'; reason: RefusalReason; pdfUrl?: string }
  /** A PDF tab being fetched and read, then what came of it (one line; `ok` when it was stored or already there). */
  | { name: 'pdf'; url: string; busy: true }
  | { name: 'pdf'; url: string; busy: false; message: string; ok: boolean }
  /** The page is a list of documents: nothing is stored unless the user insists (clipAnyway). */
  | { name: 'list'; prepared: Ready }
  | { name: 'ready'; prepared: Ready }
  | { name: 'saving'; prepared: Ready }
  | { name: 'saved'; record: DocumentRecord; kind: 'added' | 'updated' }
  /** Storing failed (quota, validation, database): the cause is named; the form can be tried again. */
  | { name: 'saveFailed'; prepared: Ready; failure: SaveFailure; problem: string }
  | { name: 'error'; message: string };

/**
 * The form keeps what the user typed, as the Library's inline editor does (the same string fields);
 * it becomes a Draft only when it validates.
 */
export type FormState = MetadataDraft;
export type FormField = keyof FormState;

const YEAR_INPUT = /^\d{4}$/;

export function formFromDraft(d: Draft): FormState {
  return {
    title: d.title,
    orgs: d.orgs.join(ORG_SEPARATOR),
    docNumber: d.docNumber,
    date: d.date,
    year: d.year === null ? '' : String(d.year),
    docType: d.docType,
    author: d.author,
    publication: d.publication,
  };
}

/** The Draft a form stands for, or the problems that stop it from being saved. */
export function draftFromForm(f: FormState): { draft: Draft } | { errors: Partial<Record<FormField, MessageKey>> } {
  const errors: Partial<Record<FormField, MessageKey>> = {};
  const date = f.date.trim();
  const year = f.year.trim();
  if (date !== '' && !isCalendarDate(date)) errors.date = 'popup.invalidDate';
  if (year !== '' && !YEAR_INPUT.test(year)) errors.year = 'popup.invalidYear';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    draft: {
      title: f.title.trim(),
      orgs: splitOrgs(f.orgs),
      docNumber: f.docNumber.trim(),
      date,
      year: year === '' ? null : Number(year),
      docType: f.docType.trim(),
      author: f.author.trim(),
      publication: f.publication.trim(),
    },
  };
}

/** What clipping a PDF tab uses in the popup: the real permission prompt, fetch with the site's cookies, the import worker. */
export const browserPdfDeps = (database: ClipDeps['database']): PdfTabDeps => ({
  database,
  assets: pdfAssets(),
  requestPermission: (origins) => browser.permissions.request({ origins }),
  fetch: (url) => fetch(url, { credentials: 'include' }),
});

export function createClipStore(
  deps: ClipDeps = browserDeps,
  pdfDeps: (database: ClipDeps['database']) => PdfTabDeps = browserPdfDeps,
  batchDeps: BatchDeps = browserBatchDeps,
) {
  const phase = signal<Phase>({ name: 'loading' });
  /** The attachments the page links (pdf, docx read; doc, wps, xls listed and refused). */
  const attachments = signal<AttachmentLink[]>([]);
  const batch = createBatchStore(batchDeps);
  const form = signal<FormState>({ title: '', orgs: '', docNumber: '', date: '', year: '', docType: '', author: '', publication: '' });
  const errors = signal<Partial<Record<FormField, MessageKey>>>({});

  async function load(tabId: number | undefined): Promise<void> {
    phase.value = { name: 'loading' };
    try {
      const prepared = await prepareClip(tabId, deps);
      if (!prepared.ok) {
        const pdfUrl = prepared.reason === 'pdf' && tabId !== undefined ? await deps.getTabUrl(tabId).catch(() => undefined) : undefined;
        phase.value = { name: 'refused', reason: prepared.reason, ...(pdfUrl && /^https?:/i.test(pdfUrl) ? { pdfUrl } : {}) };
        return;
      }
      form.value = formFromDraft(prepared.draft);
      phase.value = prepared.built.listPage ? { name: 'list', prepared } : { name: 'ready', prepared };
      if (!prepared.built.listPage && deps.attachments) {
        // Best effort: a page that will not answer still clips.
        attachments.value = await deps.attachments(prepared.tabId).catch(() => []);
      }
    } catch (e) {
      phase.value = { name: 'error', message: errorText(e) };
    }
  }

  /** The user insists on clipping a page that looks like a list: show the form. */
  function clipAnyway(): void {
    const current = phase.value;
    if (current.name === 'list') phase.value = { name: 'ready', prepared: current.prepared };
  }

  function edit(field: FormField, value: string): void {
    form.value = { ...form.value, [field]: value };
    if (errors.value[field]) {
      const { [field]: _gone, ...rest } = errors.value;
      errors.value = rest;
    }
  }

  async function save(choice: SaveChoice): Promise<void> {
    const current = phase.value;
    if (current.name !== 'ready' && current.name !== 'saveFailed') return;
    const parsed = draftFromForm(form.value);
    if ('errors' in parsed) {
      errors.value = parsed.errors;
      return;
    }
    phase.value = { name: 'saving', prepared: current.prepared };
    try {
      const outcome = await saveClip(current.prepared, parsed.draft, choice, deps.database);
      if (outcome.status === 'duplicate') {
        // Clipped elsewhere since the preview: show the choice instead of writing a second copy.
        phase.value = { name: 'ready', prepared: { ...current.prepared, duplicate: outcome.duplicate } };
        return;
      }
      phase.value = { name: 'saved', record: outcome.record, kind: outcome.kind };
    } catch (e) {
      phase.value = { name: 'saveFailed', prepared: current.prepared, ...(await saveFailureNow(e)) };
    }
  }

  /** Clip the PDF the tab shows: the site's permission is asked for now (this runs from the click). */
  async function clipPdf(): Promise<void> {
    const current = phase.value;
    if (current.name !== 'refused' || !current.pdfUrl) return;
    const url = current.pdfUrl;
    const pending = clipPdfTab(url, pdfDeps(deps.database));
    phase.value = { name: 'pdf', url, busy: true };
    try {
      const outcome = await pending;
      if (outcome.status === 'denied') phase.value = { name: 'pdf', url, busy: false, ok: false, message: t('popup.pdf.denied') };
      else if (outcome.status === 'fetchFailed') phase.value = { name: 'pdf', url, busy: false, ok: false, message: t('popup.pdf.fetchFailed', { problem: outcome.problem }) };
      else {
        const { added, duplicates, failed } = outcome.summary;
        const message = added[0]
          ? t('popup.pdf.saved', { title: added[0].title })
          : duplicates[0]
            ? t('popup.pdf.duplicate', { title: duplicates[0].title })
            : t('popup.pdf.refused', { reason: failed[0]?.reason ?? '' });
        phase.value = { name: 'pdf', url, busy: false, ok: !!(added[0] ?? duplicates[0]), message };
      }
    } catch (e) {
      phase.value = { name: 'pdf', url, busy: false, ok: false, message: t('popup.error', { message: errorText(e) }) };
    }
  }

  /** The page the attachments come from, as the form now names it (the user may have corrected its title or 文号). */
  function fromPage(): { url: string; title: string; docNumber: string } {
    const p = phase.value;
    const url = 'prepared' in p ? p.prepared.capture.url : p.name === 'saved' ? p.record.url : '';
    const title = p.name === 'saved' ? p.record.title : form.value.title.trim();
    const docNumber = p.name === 'saved' ? p.record.docNumber : form.value.docNumber.trim();
    return { url, title, docNumber };
  }

  return { phase, form, errors, attachments, batch, load, edit, save, clipAnyway, clipPdf, fromPage };
}

export type ClipStore = ReturnType<typeof createClipStore>;
