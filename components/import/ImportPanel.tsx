// The Library's "Import files" action: pick files, pick a folder, or drop files and folders; a
// progress bar with Cancel while the import worker reads them; then the summary, naming every file
// imported, skipped as a duplicate, or refused with its reason.
import { useState } from 'preact/hooks';
import { useStore } from '../dashboard/context';
import { t } from '../../utils/i18n';
import { cancelImport, closeImport, importState, openImport, startImport } from './store';
import { sourcesFromDrop, sourcesFromFileList } from './drop';
import type { ImportSummary } from '../../utils/import';
import './import.css';

/** What the file picker offers (a folder picker takes every file; the import sorts them out). */
const ACCEPT = '.pdf,.docx,.txt,.text,.html,.htm,.shtml,.shtm,.xhtml,.jsonl,.ndjson,.doc,.wps';

export function ImportButton() {
  return (
    <button type="button" class="tl-btn" data-testid="import-open" onClick={openImport}>
      {t('import.button')}
    </button>
  );
}

function Summary({ summary, problems }: { summary: ImportSummary; problems: string[] }) {
  const store = useStore();
  return (
    <div class="tl-import-summary" data-testid="import-summary" role="status">
      <p>
        <strong>
          {t('import.summary', { added: summary.added.length, duplicates: summary.duplicates.length, failed: summary.failed.length + problems.length })}
        </strong>
      </p>
      {summary.cancelled ? <p class="tl-note" data-testid="import-cancelled">{t('import.summaryCancelled', { notRead: summary.notRead })}</p> : null}
      {summary.failed.length || problems.length ? (
        <section class="tl-import-failed" data-testid="import-failed">
          <h4>{t('import.failedHead')}</h4>
          <ul>
            {summary.failed.map((f) => (
              <li key={f.path} data-path={f.path} title={f.detail}>
                <span class="tl-import-path">{f.path}</span>: {f.reason}
              </li>
            ))}
            {problems.map((p) => (
              <li key={p}>
                <span class="tl-import-path">{p}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {summary.duplicates.length ? (
        <section data-testid="import-duplicates">
          <h4>{t('import.duplicatesHead')}</h4>
          <ul>
            {summary.duplicates.map((d) => (
              <li key={d.path}>
                <span class="tl-import-path">{d.path}</span>: {t('import.duplicateOf', { title: d.title })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {summary.warnings.length ? (
        <section data-testid="import-warnings">
          <h4>{t('import.warningsHead')}</h4>
          <ul>
            {summary.warnings.map((w, i) => (
              <li key={i}>
                <span class="tl-import-path">{w.path}</span>: {w.text}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {summary.added.length ? (
        <section data-testid="import-added">
          <h4>{t('import.addedHead')}</h4>
          <ul>
            {summary.added.map((a) => (
              <li key={a.path}>
                <span class="tl-import-path">{a.path}</span> →{' '}
                <button type="button" class="tl-link" onClick={() => store.openDoc(String(a.id))}>
                  {a.title || '—'}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export function ImportPanel() {
  const store = useStore();
  const [over, setOver] = useState(false);
  const state = importState.value;
  if (state.phase === 'closed') return null;

  const pick = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const sources = input.files ? sourcesFromFileList(input.files) : [];
    input.value = '';
    if (sources.length) void startImport(store.db, sources);
  };
  const drop = async (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (!e.dataTransfer || importState.value.phase === 'running') return;
    const { sources, problems } = await sourcesFromDrop(e.dataTransfer);
    if (sources.length || problems.length) void startImport(store.db, sources, problems);
  };

  return (
    <section class="tl-import" data-testid="import-panel" aria-label={t('import.title')}>
      <h3>{t('import.title')}</h3>
      {state.phase === 'running' ? (
        <div data-testid="import-progress">
          <progress max={Math.max(1, state.progress.total)} value={state.progress.done} aria-label={t('import.progress', { done: state.progress.done, total: state.progress.total })} />
          <p class="tl-muted">
            {t('import.progress', { done: Math.min(state.progress.done + 1, state.progress.total), total: state.progress.total })}{' '}
            <span class="tl-import-path">{state.progress.current}</span>
          </p>
          <button type="button" class="tl-btn" data-testid="import-cancel" disabled={state.cancelling} onClick={cancelImport}>
            {state.cancelling ? t('import.cancelling') : t('import.cancel')}
          </button>
        </div>
      ) : (
        <>
          <p class="tl-muted">{t('import.help')}</p>
          <div
            class={`tl-import-drop${over ? ' tl-over' : ''}`}
            data-testid="import-drop"
            onDragOver={(e) => {
              e.preventDefault();
              setOver(true);
            }}
            onDragLeave={() => setOver(false)}
            onDrop={(e) => void drop(e)}
          >
            <label class="tl-btn">
              {t('import.pickFiles')}
              <input type="file" multiple accept={ACCEPT} hidden data-testid="import-files" onChange={pick} />
            </label>
            <label class="tl-btn">
              {t('import.pickFolder')}
              <input type="file" multiple hidden data-testid="import-folder" {...{ webkitdirectory: true }} onChange={pick} />
            </label>
            <span class="tl-muted">{t('import.drop')}</span>
          </div>
          {state.phase === 'done' ? <Summary summary={state.summary} problems={state.problems} /> : null}
          {state.phase === 'failed' ? (
            <p class="tl-note tl-bad" role="alert">
              {state.message}
            </p>
          ) : null}
          <button type="button" class="tl-btn" data-testid="import-close" onClick={closeImport}>
            {t('import.close')}
          </button>
        </>
      )}
    </section>
  );
}
