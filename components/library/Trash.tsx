// The trash: documents deleted in the last TRASH_DAYS days, each with the day it was deleted and
// the days it has left, to restore (one or many) or delete forever; the whole trash can be emptied.
// Every write goes through the library service (utils/library.ts); the list follows the database
// live, so a purge or a delete in another tab shows at once.
import { useEffect, useState } from 'preact/hooks';
import { TRASH_DAYS } from '../../utils/db';
import { countTrash, deleteForever, emptyTrash, readTrash, restoreTrashed, watch, type TrashItem } from '../../utils/library';
import { getLanguage, t, type Lang } from '../../utils/i18n';
import { joinOrgs } from '../../analysis/text';
import { useStore } from '../dashboard/context';
import { showToast, type ToastText } from '../dashboard/toast';
import { ConfirmDialog } from './ConfirmDialog';
import { SelectAllCell, SelectCell } from './selection';

/** The route parameter that shows the trash in place of the library table. */
export const TRASH_PARAM = 'trash';

function formatDay(iso: string, lang: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** How many documents the trash holds, live; null until read. */
function useTrashCount(): number | null {
  const store = useStore();
  const [n, setN] = useState<number | null>(null);
  useEffect(() => watch(() => countTrash(store.db), setN), [store.db]);
  return n;
}

/** "Trash (n)": opens the trash. Hidden while the count is unknown, and when `hideEmpty` and there is nothing in it. */
export function TrashButton({ hideEmpty = false }: { hideEmpty?: boolean }) {
  const store = useStore();
  const n = useTrashCount();
  if (n === null || (hideEmpty && n === 0)) return null;
  return (
    <button type="button" class="tl-btn" data-testid="trash-button" onClick={() => store.setParam('library', TRASH_PARAM, '1')}>
      {t('trash.button', { n })}
    </button>
  );
}

/** The toast after a restore: how many came back, and why any came back differently. */
/** What a restore from the trash did, in `lang` (a toast is drawn again when the language changes). */
function restoredMessage(report: Awaited<ReturnType<typeof restoreTrashed>>): ToastText {
  return (lang: Lang) => {
    const parts = [t('trash.restored', { n: report.restored.length + report.renumbered.length }, lang)];
    if (report.renumbered.length) parts.push(t('trash.renumbered', { n: report.renumbered.length }, lang));
    if (report.alreadyPresent.length) parts.push(t('trash.alreadyPresent', { n: report.alreadyPresent.length }, lang));
    return parts.join(' ');
  };
}

type Confirming = { kind: 'forever'; ids: number[] } | { kind: 'empty'; n: number };

export function TrashView() {
  const store = useStore();
  const lang = getLanguage();
  const [items, setItems] = useState<TrashItem[] | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(
    () => watch(() => readTrash(store.db), setItems, (err) => showToast({ error: err }, { kind: 'error' })),
    [store.db],
  );

  const present = new Set((items ?? []).map((i) => i.id));
  const chosen = [...selected].filter((id) => present.has(id));

  async function run(op: () => Promise<ToastText>) {
    setBusy(true);
    try {
      showToast(await op());
    } catch (err) {
      showToast({ error: err }, { kind: 'error' });
    } finally {
      setBusy(false);
    }
  }

  function restore(ids: number[]) {
    void run(async () => {
      const report = await restoreTrashed(store.db, ids);
      setSelected((s) => new Set([...s].filter((id) => !ids.includes(id))));
      return restoredMessage(report);
    });
  }

  function confirmed(c: Confirming) {
    setConfirming(null);
    void run(async () => {
      const n = c.kind === 'empty' ? await emptyTrash(store.db) : await deleteForever(store.db, c.ids);
      setSelected(new Set());
      return { key: 'trash.deletedForever', params: { n } };
    });
  }

  const toolbar = (
    <div class="tl-bulk" role="toolbar" aria-label={t('trash.title')}>
      <button type="button" class="tl-btn" onClick={() => store.setParam('library', TRASH_PARAM, null)}>
        {t('trash.back')}
      </button>
      <button type="button" class="tl-btn tl-btn-primary" disabled={busy || chosen.length === 0} onClick={() => restore(chosen)}>
        {t('trash.restoreSelected')}
      </button>
      <button type="button" class="tl-btn tl-danger" disabled={busy || chosen.length === 0} onClick={() => setConfirming({ kind: 'forever', ids: chosen })}>
        {t('trash.deleteSelectedForever')}
      </button>
      <button type="button" class="tl-btn tl-danger" disabled={busy || !items?.length} onClick={() => setConfirming({ kind: 'empty', n: items?.length ?? 0 })}>
        {t('trash.emptyTrash')}
      </button>
    </div>
  );

  return (
    <section class="tl-view tl-trash" aria-labelledby="tl-trash-title" data-testid="trash">
      <h2 id="tl-trash-title">{t('trash.title')}</h2>
      <p class="tl-muted">{t('trash.help', { days: TRASH_DAYS })}</p>
      {toolbar}
      {confirming ? (
        <ConfirmDialog
          title={confirming.kind === 'empty' ? t('trash.confirmEmptyTitle', { n: confirming.n }) : t('trash.confirmForeverTitle', { n: confirming.ids.length })}
          confirmLabel={confirming.kind === 'empty' ? t('trash.emptyTrash') : t('trash.deleteForever')}
          cancelLabel={t('lib.cancel')}
          onCancel={() => setConfirming(null)}
          onConfirm={() => confirmed(confirming)}
        >
          <p>{t('trash.confirmForeverBody')}</p>
        </ConfirmDialog>
      ) : null}
      {items === null ? (
        <p class="tl-muted">…</p>
      ) : items.length === 0 ? (
        <p class="tl-muted" data-testid="trash-empty">
          {t('trash.empty')}
        </p>
      ) : (
        <div class="tl-table-wrap">
          <table class="tl-table" data-testid="trash-table">
            <thead>
              <tr>
                <SelectAllCell label={t('trash.selectAll')} shown={present} allSelected={chosen.length === items.length} onSelect={setSelected} />
                <th>{t('lib.title')}</th>
                <th>{t('lib.org')}</th>
                <th>{t('trash.deletedAt')}</th>
                <th>{t('trash.daysLeft')}</th>
                <th>{t('lib.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id} data-testid="trash-row" data-doc-id={item.id}>
                  <SelectCell id={item.id} label={t('trash.select', { title: item.title })} selected={selected} onSelect={setSelected} />
                  <td class="tl-title-cell">{item.title || '—'}</td>
                  <td>{joinOrgs(item.orgs)}</td>
                  <td class="tl-nowrap">{formatDay(item.deletedAt, lang)}</td>
                  <td class="tl-num" data-testid="trash-days-left">
                    {t('trash.days', { n: item.daysLeft })}
                  </td>
                  <td class="tl-actions">
                    <button type="button" class="tl-btn tl-btn-small" disabled={busy} aria-label={`${t('trash.restore')} ${item.title}`} onClick={() => restore([item.id])}>
                      {t('trash.restore')}
                    </button>
                    <button
                      type="button"
                      class="tl-btn tl-btn-small tl-danger"
                      disabled={busy}
                      aria-label={`${t('trash.deleteForever')} ${item.title}`}
                      onClick={() => setConfirming({ kind: 'forever', ids: [item.id] })}
                    >
                      {t('trash.deleteForever')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
