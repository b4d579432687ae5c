// Library: the documents passing the filters as a sortable table (tags, inline metadata edits,
// delete with undo, bulk actions), the reader for one of them, and the empty-library welcome with
// the sample corpus.
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { fetchSampleCorpus, loadSampleCorpus, SAMPLE_PATH } from '../../utils/sample';
import { writeErrorMessage } from '../../utils/storage';
import type { LightRecord } from '../dashboard/facets';
import { useStore } from '../dashboard/context';
import type { LibraryDoc } from '../dashboard/facets';
import { showToast, UNDO_MS } from '../dashboard/toast';
import { ConfirmDialog } from './ConfirmDialog';
import { SelectAllCell, SelectCell } from './selection';
import { CsvButton } from '../views/ExportButtons';
import { libraryDocumentsTable } from './export';
import { addTag, deleteDocuments, draftOf, removeTag, saveMetadata, undoDelete, type MetadataDraft } from '../../utils/library';
import { isWebUrl, Reader } from './Reader';
import { TRASH_PARAM, TrashButton, TrashView } from './Trash';
import { type MessageKey, getLanguage, t } from '../../utils/i18n';
import { ImportButton, ImportPanel } from '../import/ImportPanel';
import { EvidencePanel } from '../import/EvidencePanel';
import { SourceCheckButton } from '../import/SourceCheck';
import { leftOutReason, parseLeftOutKey, type LeftOutReason } from '../../analysis/aggregate';
import { trendYear } from '../../analysis/corpus';
import { toFacet } from '../dashboard/facets';
import type { DuplicateMatch } from '../../analysis/duplicates';


const LEFT_OUT_NAME: Record<LeftOutReason, MessageKey> = {
  duplicate: 'leftOut.duplicate',
  notAnalysed: 'leftOut.notAnalysed',
  noYear: 'leftOut.noYear',
  noOrg: 'leftOut.noOrg',
};

/** Sortable columns and how each compares two documents. */
const SORTERS = {
  title: (a: LibraryDoc, b: LibraryDoc) => a.title.localeCompare(b.title, 'zh'),
  org: (a: LibraryDoc, b: LibraryDoc) => a.org.localeCompare(b.org, 'zh'),
  year: (a: LibraryDoc, b: LibraryDoc) => (a.year ?? -Infinity) - (b.year ?? -Infinity),
  type: (a: LibraryDoc, b: LibraryDoc) => a.docType.localeCompare(b.docType, 'zh'),
  number: (a: LibraryDoc, b: LibraryDoc) => a.docNumber.localeCompare(b.docNumber, 'zh'),
  length: (a: LibraryDoc, b: LibraryDoc) => a.record.length - b.record.length,
  clipped: (a: LibraryDoc, b: LibraryDoc) => a.record.capturedAt.localeCompare(b.record.capturedAt),
} as const;
type SortKey = keyof typeof SORTERS;
const DEFAULT_SORT = '-clipped';
/** Rows rendered at first; more on demand, so a library of thousands stays quick to draw. */
/**
 * Rows in the page at once. The Library is a window of PAGE_ROWS rows over the sorted, filtered
 * list, moved with "previous" and "next": the page holds only the rows it shows however large
 * the library. A window of whole rows rather than a scroll-virtualising list: rows are of uneven
 * height (long titles wrap, badges, the edit form opens in place), and "documents 201–400 of
 * 10,000" stays a place one can return to.
 */
const PAGE_ROWS = 200;
/** Deleting more documents than this at once asks first (a slip of "select all" should not need the Undo). */
export const CONFIRM_DELETE_ABOVE = 3;

export function parseSort(v: string | null): { key: SortKey; desc: boolean } {
  const raw = v ?? DEFAULT_SORT;
  const desc = raw.startsWith('-');
  const key = (desc ? raw.slice(1) : raw) as SortKey;
  return key in SORTERS ? { key, desc } : { key: 'clipped', desc: true };
}

export function sortDocs(docs: readonly LibraryDoc[], sort: { key: SortKey; desc: boolean }): LibraryDoc[] {
  const cmp = SORTERS[sort.key];
  // Ties fall back to id order so the table never shuffles between renders.
  return [...docs].sort((a, b) => (sort.desc ? cmp(b, a) : cmp(a, b)) || Number(a.docId) - Number(b.docId));
}

function formatClipped(iso: string, lang: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** "copy of <title>" on a duplicate; opens the document it copies. */
function DuplicateBadge({ match }: { match: DuplicateMatch }) {
  const store = useStore();
  const original = store.docsById.value.get(match.duplicateOf);
  const title = original?.title || match.duplicateOf;
  return (
    <button
      type="button"
      class="tl-badge tl-dup-badge"
      data-testid="duplicate-badge"
      data-duplicate-of={match.duplicateOf}
      title={t('dup.badgeTitle', { id: match.duplicateOf, kind: t(match.kind === 'identical' ? 'dup.identical' : 'dup.near'), overlap: match.overlap })}
      onClick={() => store.openDoc(match.duplicateOf)}
    >
      {t('dup.badge', { title })}
    </button>
  );
}

function FilterLink({ label, title, onClick }: { label: string; title: string; onClick: () => void }) {
  return (
    <button type="button" class="tl-filter-link" title={title} onClick={onClick}>
      {label}
    </button>
  );
}

export function EmptyLibrary() {
  const store = useStore();
  const [busy, setBusy] = useState(false);
  async function load() {
    setBusy(true);
    try {
      const url = (browser.runtime.getURL as (p: string) => string)(SAMPLE_PATH);
      const report = await loadSampleCorpus(await fetchSampleCorpus(url), store.db);
      showToast({ key: 'empty.loaded', params: { added: report.added, skipped: report.skipped } });
    } catch (err) {
      showToast({ key: 'sample.failed', params: { problem: writeErrorMessage(err) } }, { kind: 'error' });
    } finally {
      setBusy(false);
    }
  }
  return (
    <section class="tl-welcome" data-testid="empty-library">
      <h2>{t('empty.title')}</h2>
      <p>{t('empty.body')}</p>
      <button type="button" class="tl-btn tl-btn-primary" disabled={busy} onClick={load}>
        {busy ? t('empty.loading') : t('empty.load')}
      </button>{' '}
      <ImportButton />
      <ImportPanel />
      <TrashButton hideEmpty />
    </section>
  );
}

const EDIT_FIELDS: { key: keyof MetadataDraft; label: MessageKey; size?: number }[] = [
  { key: 'title', label: 'lib.title', size: 36 },
  { key: 'orgs', label: 'lib.org', size: 20 },
  { key: 'year', label: 'lib.year', size: 5 },
  { key: 'docType', label: 'lib.type', size: 8 },
  { key: 'docNumber', label: 'lib.docNumber', size: 14 },
  { key: 'date', label: 'lib.date', size: 10 },
  { key: 'author', label: 'lib.author', size: 12 },
  { key: 'publication', label: 'lib.publication', size: 16 },
];

const YEAR_SOURCE_NOTE: Record<string, MessageKey> = {
  title: 'popup.yearSource.title',
  date: 'popup.yearSource.date',
  text: 'popup.yearSource.text',
  given: 'popup.yearSource.given',
};

function EditRow({ record, colSpan, onDone }: { record: LightRecord; colSpan: number; onDone: () => void }) {
  const store = useStore();
  const [draft, setDraft] = useState<MetadataDraft>(() => draftOf(record));
  async function save(e: Event) {
    e.preventDefault();
    try {
      await saveMetadata(store.db, record.id!, draft);
      onDone();
    } catch (err) {
      showToast({ error: err }, { kind: 'error' });
    }
  }
  return (
    <tr class="tl-edit-row" data-testid="doc-edit-row">
      <td colSpan={colSpan}>
        <form class="tl-edit-form" onSubmit={save}>
          {EDIT_FIELDS.map((f) => (
            <label key={f.key}>
              <span>{t(f.label)}</span>
              <input
                value={draft[f.key]}
                size={f.size}
                placeholder={f.key === 'date' ? 'YYYY-MM-DD' : undefined}
                onInput={(e) => setDraft({ ...draft, [f.key]: (e.currentTarget as HTMLInputElement).value })}
              />
            </label>
          ))}
          <button type="submit" class="tl-btn tl-btn-primary">
            {t('lib.save')}
          </button>
          <button type="button" class="tl-btn" onClick={onDone}>
            {t('lib.cancel')}
          </button>
        </form>
      </td>
    </tr>
  );
}

function TagCell({ doc }: { doc: LibraryDoc }) {
  const store = useStore();
  const [adding, setAdding] = useState(false);
  const [value, setValue] = useState('');
  const id = Number(doc.docId);
  return (
    <td class="tl-tags">
      {doc.tags.map((tag) => (
        <span class="tl-chip" key={tag}>
          {tag}
          <button type="button" class="tl-chip-x" aria-label={t('lib.removeTag', { tag })} onClick={() => removeTag(store.db, id, tag)}>
            ×
          </button>
        </span>
      ))}
      {adding ? (
        <form
          class="tl-inline-form"
          onSubmit={async (e) => {
            e.preventDefault();
            await addTag(store.db, [id], value);
            setValue('');
            setAdding(false);
          }}
        >
          <input
            value={value}
            size={8}
            aria-label={t('lib.tagPrompt')}
            autoFocus
            onInput={(e) => setValue((e.currentTarget as HTMLInputElement).value)}
            onBlur={() => !value && setAdding(false)}
          />
        </form>
      ) : (
        <button type="button" class="tl-btn tl-btn-small" aria-label={t('lib.addTag')} title={t('lib.addTag')} onClick={() => setAdding(true)}>
          +
        </button>
      )}
    </td>
  );
}

export function LibraryView() {
  const store = useStore();
  const lang = getLanguage();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<string | null>(null);
  const [bulkTag, setBulkTag] = useState('');
  const [windowStart, setWindowStart] = useState(0);
  /** Documents waiting for the user's answer to "Delete n documents?". */
  const [confirming, setConfirming] = useState<string[] | null>(null);

  if (store.records.value === null) return <p class="tl-muted">…</p>;
  if (store.param('library', TRASH_PARAM)) return <TrashView />;
  const openId = store.param('library', 'doc');
  const openDoc = openId ? store.docsById.value.get(openId) : undefined;
  if (store.libraryDocs.value.length === 0) return <EmptyLibrary />;

  const sort = parseSort(store.param('library', 'sort'));
  // Opened from a view's "left out" line: exactly the documents of the filter it left out for that reason.
  const leftOut = parseLeftOutKey(store.param('library', 'leftout'));
  const analysedIds = new Set(store.currentAnalyses.value.keys());
  const inView = leftOut
    ? store.filtered.value.filter(
        (d) =>
          leftOutReason(toFacet(d), {
            needsYear: leftOut.needsYear,
            needsOrg: leftOut.needsOrg,
            yearOf: trendYear,
            analysed: analysedIds,
            duplicates: store.excludedDuplicates.value,
          }) === leftOut.reason,
      )
    : store.filtered.value;
  const rows = sortDocs(inView, sort);
  // A narrower filter may leave the window past the end: show the last full window instead.
  const start = Math.max(0, Math.min(windowStart, Math.floor(Math.max(0, rows.length - 1) / PAGE_ROWS) * PAGE_ROWS));
  const end = Math.min(rows.length, start + PAGE_ROWS);
  const dupes = store.duplicates.value;
  const shownIds = new Set(rows.map((d) => d.docId));
  const selectedShown = [...selected].filter((id) => shownIds.has(id));

  /** Clicking a value in the table narrows every view to it (one click instead of the filter bar). */
  function addFilter(key: 'orgs' | 'types', value: string) {
    const current = store.filters.value[key];
    if (!current.includes(value)) store.setFilters({ [key]: [...current, value] });
  }

  function toggleSort(key: SortKey) {
    const next = sort.key === key && !sort.desc ? `-${key}` : key;
    store.setParam('library', 'sort', next === DEFAULT_SORT ? null : next, 'replace');
  }

  function askRemove(ids: string[]) {
    if (ids.length > CONFIRM_DELETE_ABOVE) setConfirming(ids);
    else void remove(ids);
  }

  async function remove(ids: string[]) {
    let deleted: Awaited<ReturnType<typeof deleteDocuments>>;
    try {
      deleted = await deleteDocuments(store.db, ids.map(Number));
    } catch (err) {
      showToast({ error: err }, { kind: 'error' });
      return;
    }
    setSelected((current) => new Set([...current].filter((id) => !ids.includes(id))));
    if (openId && ids.includes(openId)) store.setParam('library', 'doc', null);
    showToast({ key: 'lib.deleted', params: { n: deleted.length } }, {
      action: {
        label: { key: 'lib.undo' },
        run: async () => {
          try {
            await undoDelete(store.db, deleted);
            showToast({ key: 'lib.restored' });
          } catch (err) {
            showToast({ error: err }, { kind: 'error' });
          }
        },
      },
    });
  }

  const header = (key: SortKey, label: string) => (
    <th aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" class="tl-sort" onClick={() => toggleSort(key)}>
        {label}
        {sort.key === key ? (sort.desc ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );
  const COLS = 10;

  return (
    <div class="tl-view tl-library">
      {openId ? (
        openDoc ? (
          <>
            <Reader record={openDoc.record} onClose={() => store.setParam('library', 'doc', null)} />
            <EvidencePanel record={openDoc.record} />
          </>
        ) : (
          <p class="tl-note">{t('reader.notFound')}</p>
        )
      ) : null}
      <ImportPanel />
      <div class="tl-bulk" role="toolbar" aria-label={t('lib.actions')}>
        <ImportButton />
        <span class="tl-muted">{t('lib.selected', { n: selectedShown.length })}</span>
        <button type="button" class="tl-btn" disabled={selectedShown.length === 0} onClick={() => askRemove(selectedShown)}>
          {t('lib.deleteSelected')}
        </button>
        <TrashButton />
        <SourceCheckButton docs={(selectedShown.length > 0 ? rows.filter((d) => selected.has(d.docId)) : rows).map((d) => d.record)} />
        {confirming ? (
          <ConfirmDialog
            title={t('lib.confirmDeleteTitle', { n: confirming.length })}
            confirmLabel={t('lib.confirmDelete', { n: confirming.length })}
            cancelLabel={t('lib.cancel')}
            onCancel={() => setConfirming(null)}
            onConfirm={() => {
              const ids = confirming;
              setConfirming(null);
              void remove(ids);
            }}
          >
            <p>{t('lib.confirmDeleteBody', { seconds: Math.round(UNDO_MS / 1000) })}</p>
          </ConfirmDialog>
        ) : null}
        <form
          class="tl-inline-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (selectedShown.length === 0 || !bulkTag.trim()) return;
            await addTag(store.db, selectedShown.map(Number), bulkTag);
            setBulkTag('');
          }}
        >
          <input
            value={bulkTag}
            size={10}
            placeholder={t('lib.tagPrompt')}
            aria-label={t('lib.tagPrompt')}
            onInput={(e) => setBulkTag((e.currentTarget as HTMLInputElement).value)}
          />
          <button type="submit" class="tl-btn" disabled={selectedShown.length === 0 || !bulkTag.trim()}>
            {t('lib.tagSelected')}
          </button>
        </form>
        {/* Every document passing the filters, in the table's order (not only the rows drawn so far). */}
        <CsvButton
          name="documents"
          what={t('lib.documentsTable')}
          disabled={rows.length === 0}
          table={() => libraryDocumentsTable(rows, store.currentAnalyses.value, dupes)}
        />
      </div>
      {leftOut ? (
        <p class="tl-note" role="status" data-testid="left-out-library">
          {t('leftOut.libraryNote', { n: rows.length, reason: t(LEFT_OUT_NAME[leftOut.reason], { n: rows.length }) })}{' '}
          <button type="button" class="tl-btn tl-btn-small" onClick={() => store.setParam('library', 'leftout', null)}>
            {t('leftOut.libraryAll')}
          </button>
        </p>
      ) : null}
      <div class="tl-table-wrap">
        <table class="tl-table tl-doc-table">
          <thead>
            <tr>
              <SelectAllCell label={t('lib.selectAll')} shown={shownIds} allSelected={rows.length > 0 && selectedShown.length === rows.length} onSelect={setSelected} />
              {header('title', t('lib.title'))}
              {header('org', t('lib.org'))}
              {header('year', t('lib.year'))}
              {header('type', t('lib.type'))}
              {header('number', t('lib.docNumber'))}
              {header('length', t('lib.length'))}
              {header('clipped', t('lib.clippedAt'))}
              <th>{t('lib.tags')}</th>
              <th>{t('lib.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={COLS} class="tl-muted">
                  {t('lib.empty')}
                </td>
              </tr>
            ) : null}
            {rows.slice(start, end).map((d) => {
              const r = d.record;
              const edited = new Set(r.edited);
              const mark = (f: string) => (edited.has(f as never) ? <span class="tl-edited" title={t('lib.edited')}>✎</span> : null);
              if (editing === d.docId) return <EditRow key={d.docId} record={r} colSpan={COLS} onDone={() => setEditing(null)} />;
              return (
                <tr key={d.docId} data-testid="doc-row" data-doc-id={d.docId} class={openId === d.docId ? 'tl-row-open' : undefined}>
                  <SelectCell id={d.docId} label={t('lib.select', { title: r.title })} selected={selected} onSelect={setSelected} />
                  <td class="tl-title-cell">
                    <button type="button" class="tl-link" onClick={() => store.openDoc(d.docId)}>
                      {r.title || '—'}
                    </button>
                    {mark('title')}
                    {dupes.has(d.docId) ? <DuplicateBadge match={dupes.get(d.docId)!} /> : null}
                    {r.author || r.publication ? (
                      // Who wrote it and where it appeared, under the title (the row's detail line).
                      <div class="tl-muted tl-byline" data-testid="doc-byline">
                        {[r.author, r.publication].filter(Boolean).join(' · ')}
                        {mark('author') ?? mark('publication')}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {d.orgs.map((o, i) => (
                      <span key={o}>
                        {i > 0 ? '、' : ''}
                        <FilterLink label={o} title={t('lib.filterBy', { value: o })} onClick={() => addFilter('orgs', o)} />
                      </span>
                    ))}
                    {mark('orgs')}
                  </td>
                  <td class="tl-num" title={r.yearSource && YEAR_SOURCE_NOTE[r.yearSource] ? t('lib.yearSource', { source: t(YEAR_SOURCE_NOTE[r.yearSource]!) }) : undefined}>
                    {r.year === null ? '' : <FilterLink label={String(r.year)} title={t('lib.filterBy', { value: r.year })} onClick={() => store.setFilters({ yearFrom: r.year, yearTo: r.year })} />}
                    {mark('year')}
                  </td>
                  <td>
                    {r.docType ? <FilterLink label={r.docType} title={t('lib.filterBy', { value: r.docType })} onClick={() => addFilter('types', r.docType)} /> : null}
                    {mark('docType')}
                  </td>
                  <td>
                    {r.docNumber}
                    {mark('docNumber')}
                  </td>
                  <td class="tl-num">{r.length.toLocaleString()}</td>
                  <td class="tl-nowrap">{formatClipped(r.capturedAt, lang)}</td>
                  <TagCell doc={d} />
                  <td class="tl-actions">
                    <button type="button" class="tl-btn tl-btn-small" onClick={() => store.openDoc(d.docId)}>
                      {t('lib.read')}
                    </button>
                    <button type="button" class="tl-btn tl-btn-small" onClick={() => setEditing(d.docId)}>
                      {t('lib.edit')}
                    </button>
                    {isWebUrl(r.url) ? (
                      <a class="tl-btn tl-btn-small" href={r.url} target="_blank" rel="noopener noreferrer">
                        {t('lib.openUrl')}
                      </a>
                    ) : null}
                    <button type="button" class="tl-btn tl-btn-small tl-danger" aria-label={`${t('lib.delete')} ${r.title}`} onClick={() => askRemove([d.docId])}>
                      {t('lib.delete')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {rows.length > PAGE_ROWS ? (
        <p class="tl-pager" data-testid="library-window">
          <button type="button" class="tl-btn" disabled={start === 0} onClick={() => setWindowStart(Math.max(0, start - PAGE_ROWS))}>
            {t('lib.windowPrev', { n: PAGE_ROWS })}
          </button>{' '}
          <span>{t('lib.window', { from: start + 1, to: end, total: rows.length })}</span>{' '}
          <button type="button" class="tl-btn" disabled={end >= rows.length} onClick={() => setWindowStart(start + PAGE_ROWS)}>
            {t('lib.windowNext', { n: PAGE_ROWS })}
          </button>
        </p>
      ) : null}
    </div>
  );
}
