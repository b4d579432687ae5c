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
  saveFailureOf,
  type RefusalReason,
  type SaveChoice,
  type SaveFailure,
} from '@/utils/capture';
import { errorText, type MessageKey } from '@/utils/i18n';
import type { MetadataDraft } from '@/utils/library';

export type Ready = Extract<Prepared, { ok: true }>;

export type Phase =
  | { name: 'loading' }
  | { name: 'refused'; reason: RefusalReason }
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

export function createClipStore(deps: ClipDeps = browserDeps) {
  const phase = signal<Phase>({ name: 'loading' });
  const form = signal<FormState>({ title: '', orgs: '', docNumber: '', date: '', year: '', docType: '', author: '', publication: '' });
  const errors = signal<Partial<Record<FormField, MessageKey>>>({});

  async function load(tabId: number | undefined): Promise<void> {
    phase.value = { name: 'loading' };
    try {
      const prepared = await prepareClip(tabId, deps);
      if (!prepared.ok) {
        phase.value = { name: 'refused', reason: prepared.reason };
        return;
      }
      form.value = formFromDraft(prepared.draft);
      phase.value = prepared.built.listPage ? { name: 'list', prepared } : { name: 'ready', prepared };
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
      phase.value = { name: 'saveFailed', prepared: current.prepared, ...saveFailureOf(e) };
    }
  }

  return { phase, form, errors, load, edit, save, clipAnyway };
}

export type ClipStore = ReturnType<typeof createClipStore>;
