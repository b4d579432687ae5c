// "Check sources" in the Library's toolbar: the documents shown (or those selected) are fetched again
// from their web addresses, with the sites' permission asked for at the click, and those whose
// source is gone or changed since capture are tagged. Each document's last check shows in its
// evidence panel (CheckLine).
import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { parseDomHtml } from './parse-html';
import { useStore } from '../dashboard/context';
import { showToast } from '../dashboard/toast';
import { checkable, checkSources, type CheckedDoc, type SourceCheck } from '../../utils/import-check';
import { originPattern } from '../../utils/import-pdf-tab';
import { getSetting } from '../../utils/settings';
import { getLanguage, t, type MessageKey } from '../../utils/i18n';

/** Each document's last check this session, by uid. */
export const sourceChecks = signal<ReadonlyMap<string, SourceCheck>>(new Map());
const running = signal<{ done: number; total: number; controller: AbortController } | null>(null);
const lastSummary = signal<string>('');

const STATUS_KEYS: Record<SourceCheck['status'], MessageKey> = {
  same: 'check.status.same',
  sameText: 'check.status.sameText',
  changed: 'check.status.changed',
  gone: 'check.status.gone',
  unreachable: 'check.status.unreachable',
};

/** The check's time as the evidence panel writes its times. */
function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(getLanguage() === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
}

/** One document's last check, in a line (nothing before it was checked). */
export function CheckLine({ uid }: { uid: string }) {
  const c = sourceChecks.value.get(uid);
  if (!c) return null;
  const bad = c.status === 'changed' || c.status === 'gone' || c.status === 'unreachable';
  return (
    <p class={bad ? 'tl-bad' : 'tl-ok'} data-testid="evidence-check" data-status={c.status}>
      {t(STATUS_KEYS[c.status], { date: when(c.checkedAt), status: c.httpStatus ?? '', problem: c.problem ?? '' })}
    </p>
  );
}

export function SourceCheckButton({ docs }: { docs: readonly CheckedDoc[] }) {
  const store = useStore();
  const run = running.value;
  const web = checkable(docs);

  async function start() {
    if (running.value) return;
    if (web.length === 0) {
      showToast({ key: 'check.none' });
      return;
    }
    const origins = [...new Set(web.map((d) => originPattern(d.url)).filter((o): o is string => o !== null))];
    let granted = false;
    try {
      // First, within the click: the browser shows its prompt only for a user's gesture.
      granted = await browser.permissions.request({ origins });
    } catch (err) {
      showToast({ error: err }, { kind: 'error' });
      return;
    }
    if (!granted) {
      showToast({ key: 'check.denied' }, { kind: 'error' });
      return;
    }
    const controller = new AbortController();
    running.value = { done: 0, total: web.length, controller };
    lastSummary.value = '';
    try {
      const results = await checkSources(store.db, web, {
        fetch: (url) => fetch(url, { credentials: 'include', cache: 'no-store' }),
        parseHtml: parseDomHtml,
        pauseMs: await getSetting('fetchPauseMs', store.db),
        signal: controller.signal,
        onProgress: (done, total, last) => {
          running.value = { done, total, controller };
          if (last) sourceChecks.value = new Map([...sourceChecks.value, [last.uid, last]]);
        },
      });
      const n = (s: SourceCheck['status']) => results.filter((r) => r.status === s).length;
      lastSummary.value = t('check.done', { same: n('same') + n('sameText'), changed: n('changed'), gone: n('gone'), unreachable: n('unreachable') });
    } catch (err) {
      showToast({ error: err }, { kind: 'error' });
    } finally {
      running.value = null;
    }
  }

  return (
    <span class="tl-source-check">
      <button type="button" class="tl-btn" data-testid="check-sources" title={t('check.help')} disabled={!!run} onClick={() => void start()}>
        {t('check.button')}
      </button>
      {run ? (
        <span role="status" data-testid="check-progress">
          {t('check.running', { done: run.done, total: run.total })}{' '}
          <button type="button" class="tl-btn tl-btn-small" onClick={() => run.controller.abort()}>
            {t('check.stop')}
          </button>
        </span>
      ) : lastSummary.value ? (
        <span role="status" data-testid="check-summary">
          {lastSummary.value}
        </span>
      ) : null}
    </span>
  );
}
