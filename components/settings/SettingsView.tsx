// Settings: the user dictionary, stopwords, organisation aliases, language, the library backup and
// automatic backups.
// Dictionary and stopword changes alter the analysis version, so stale analyses are recomputed
// in the background (progress in the header).
import { useEffect, useRef, useState } from 'preact/hooks';
import { BackupError, backupFileName, createBackupBlob, type RestoreProgress, type RestoreReport } from '../../utils/backup';
import { restoreInWorker } from '../../utils/restore-client';
import { formatBytes, writeErrorMessageNow } from '../../utils/storage';
import { chooseLanguage, getSetting, setSetting, applyLanguageSetting, readSetting, type LanguageSetting } from '../../utils/settings';
import { AUTO_BACKUP_FOLDER, AUTO_BACKUP_FREQUENCIES, MAX_KEEP, MIN_KEEP, type AutoBackupFrequency, type AutoBackupOutcome } from '../../utils/auto-backup';
import { requestDownloadsPermission, scheduleAutoBackups } from '../../utils/auto-backup-run';
import { builtInLexicon } from '../../analysis/config';
import { useStore } from '../dashboard/context';
import { formatOrgAliases, parseOrgAliases } from '../../analysis/orgs';
import { addToLexicon, libraryErrorMessage, removeLexiconEntry, saveOrgAliases, saveStopwords } from '../../utils/library';
import { showToast } from '../dashboard/toast';
import { categoryLabel, getLanguage, orgAliasErrorMessages, t, type Lang } from '../../utils/i18n';

/** Category of entries the user adds without choosing one. */
const USER_CATEGORY = 'user';

/** Categories offered for new dictionary entries: the built-in lexicon's own, plus the user's. */
function categories(): string[] {
  return [...new Set([USER_CATEGORY, ...builtInLexicon().map((e) => e.category)])];
}

function splitList(text: string): string[] {
  return [...new Set(text.split(/[\n,，、;；]+/).map((s) => s.trim()).filter(Boolean))];
}

function Dictionary() {
  const store = useStore();
  const [term, setTerm] = useState('');
  const [category, setCategory] = useState(USER_CATEGORY);
  const [aliases, setAliases] = useState('');
  const entries = store.userLexicon.value;

  async function add(e: Event) {
    e.preventDefault();
    if (!term.trim()) return;
    try {
      await addToLexicon(store.db, { term, category, aliases: splitList(aliases) });
    } catch (err) {
      showToast({ error: err }, { kind: 'error' });
      return;
    }
    setTerm('');
    setAliases('');
    showToast({ key: 'set.saved' });
  }

  return (
    <section class="tl-section" aria-labelledby="set-dict">
      <h3 id="set-dict">{t('set.dictionary')}</h3>
      <p class="tl-muted">
        {t('set.dictionaryHelp')} {t('set.builtIn', { n: builtInLexicon().length })}
      </p>
      <form class="tl-inline-form tl-dict-form" onSubmit={add}>
        <label>
          <span>{t('set.term')}</span>
          <input value={term} required onInput={(e) => setTerm((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <label>
          <span>{t('set.category')}</span>
          <select value={category} onChange={(e) => setCategory((e.currentTarget as HTMLSelectElement).value)}>
            {categories().map((c) => (
              <option key={c} value={c}>
                {categoryLabel(c)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('set.aliases')}</span>
          <input value={aliases} onInput={(e) => setAliases((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <button type="submit" class="tl-btn tl-btn-primary">
          {t('set.add')}
        </button>
      </form>
      {entries.length > 0 ? (
        <table class="tl-table" data-testid="user-lexicon">
          <thead>
            <tr>
              <th>{t('set.term')}</th>
              <th>{t('set.category')}</th>
              <th>{t('set.aliases')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{e.term}</td>
                <td>{categoryLabel(e.category)}</td>
                <td>{e.aliases.join('、')}</td>
                <td>
                  <button type="button" class="tl-btn tl-btn-small" aria-label={`${t('set.remove')} ${e.term}`} onClick={() => e.id !== undefined && void removeLexiconEntry(store.db, e.id).catch((err) => showToast({ error: err }, { kind: 'error' }))}>
                    {t('set.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/**
 * A textarea bound to a stored value, saved with a button (not on every keystroke: each save
 * re-analyses). onSave answers the problems that kept it from saving, one message a line; [] when saved.
 */
function TextSetting({ id, title, help, initial, onSave }: { id: string; title: string; help: string; initial: string; onSave: (text: string) => Promise<string[]> }) {
  const [text, setText] = useState(initial);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  useEffect(() => {
    if (!dirty) setText(initial);
  }, [initial]);
  return (
    <section class="tl-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <p class="tl-muted">{help}</p>
      <textarea
        rows={5}
        cols={50}
        aria-labelledby={id}
        value={text}
        onInput={(e) => {
          setText((e.currentTarget as HTMLTextAreaElement).value);
          setDirty(true);
        }}
      />
      <div>
        <button
          type="button"
          class="tl-btn tl-btn-primary"
          disabled={!dirty}
          onClick={async () => {
            const problems = await onSave(text);
            setErrors(problems);
            if (problems.length === 0) {
              setDirty(false);
              showToast({ key: 'set.saved' });
            }
          }}
        >
          {t('set.saveText')}
        </button>
        {errors.length ? (
          <ul class="tl-error" role="alert" data-testid={`${id}-errors`}>
            {errors.map((m, k) => (
              <li key={k}>{m}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  );
}

function Language() {
  const store = useStore();
  const [value, setValue] = useState<LanguageSetting>('auto');
  useEffect(() => {
    void getSetting('language', store.db).then(setValue);
  }, []);
  return (
    <section class="tl-section" aria-labelledby="set-lang">
      <h3 id="set-lang">{t('set.language')}</h3>
      <select
        aria-labelledby="set-lang"
        value={value}
        onChange={async (e) => {
          const v = (e.currentTarget as HTMLSelectElement).value as LanguageSetting;
          setValue(v);
          if (v === 'auto') {
            await setSetting('language', 'auto', store.db);
            await applyLanguageSetting(store.db);
          } else await chooseLanguage(v, store.db);
        }}
      >
        <option value="auto">{t('set.languageAuto')}</option>
        <option value="en">English</option>
        <option value="zh">中文</option>
      </select>
    </section>
  );
}

/** Count each text once (utils/settings countOnce): duplicates are left out of every aggregate. */
function Counting() {
  const store = useStore();
  const on = store.countOnce.value;
  return (
    <section class="tl-section" aria-labelledby="set-counting">
      <h3 id="set-counting">{t('set.counting')}</h3>
      <label>
        <input
          type="checkbox"
          data-testid="count-once"
          checked={on}
          onChange={(e) => void setSetting('countOnce', (e.currentTarget as HTMLInputElement).checked, store.db)}
        />{' '}
        {t('set.countOnce')}
      </label>
      <p class="tl-muted">{t('set.countOnceHelp')}</p>
    </section>
  );
}

/** One line for a restore, in `lang`: what was done, then what was skipped. */
function restoreSummary(file: string, r: RestoreReport, lang: Lang): string {
  const parts = [
    r.cancelled
      ? t('restore.cancelled', { file, n: r.added + r.updated }, lang)
      : t('set.importDone', { file, added: r.added, updated: r.updated, skipped: r.skipped }, lang),
  ];
  if (r.problems.length)
    parts.push(t('restore.problems', { n: r.problems.length, file, first: r.problems.slice(0, 3).map((p) => t(p.detail.key, p.detail.params, lang)).join('; ') }, lang));
  if (r.truncated) parts.push(t('restore.truncated', { file }, lang));
  return parts.join(' ');
}

function Backup() {
  const store = useStore();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  /** The restore under way: its progress, and how to cancel it. */
  const [restoring, setRestoring] = useState<RestoreProgress | null>(null);
  const cancel = useRef<AbortController | null>(null);
  async function download() {
    setBusy(true);
    try {
      // Written in parts (utils/backup): a large library never becomes one string.
      const blob = await createBackupBlob(store.db, { onProgress: (p) => setStatus(t('backup.progress', { done: p.done, total: p.total })) });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = backupFileName();
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      // A record that cannot be read back (its file lost from the profile) is not a failed write.
      const unreadable = err instanceof Error && err.name === 'NotReadableError';
      showToast({ key: 'backup.failed', params: { problem: unreadable ? (err.message.split('\n')[0] ?? err.name) : await writeErrorMessageNow(err) } }, { kind: 'error' });
    } finally {
      setStatus('');
      setBusy(false);
    }
  }
  async function restore(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    const controller = new AbortController();
    cancel.current = controller;
    setRestoring({ bytesRead: 0, totalBytes: file.size, documents: 0 });
    try {
      // Streamed, checked and written in batches in a worker: the page only shows the progress.
      const report = await restoreInWorker(store.db, file, file.name, { signal: controller.signal, onProgress: setRestoring });
      showToast((lang) => restoreSummary(file.name, report, lang), report.problems.length || report.truncated || report.cancelled ? { kind: 'error' } : undefined);
    } catch (err) {
      showToast(err instanceof BackupError ? { error: err } : { key: 'backup.error', params: { file: file.name, problem: await writeErrorMessageNow(err) } }, { kind: 'error' });
    } finally {
      input.value = '';
      cancel.current = null;
      setRestoring(null);
      setBusy(false);
    }
  }
  return (
    <section class="tl-section" aria-labelledby="set-backup">
      <h3 id="set-backup">{t('set.backup')}</h3>
      <p class="tl-muted">{t('set.backupHelp')}</p>
      <div class="tl-controls">
        <button type="button" class="tl-btn tl-btn-primary" disabled={busy} onClick={download}>
          {t('set.export')}
        </button>
        <label class="tl-btn">
          {t('set.import')}
          <input type="file" accept=".ndjson,.json,application/x-ndjson,application/json" class="tl-visually-hidden" disabled={busy} onChange={restore} data-testid="restore-input" />
        </label>
      </div>
      {restoring ? (
        <div class="tl-controls tl-restore-progress" data-testid="restore-progress">
          <progress
            max={Math.max(1, restoring.totalBytes)}
            value={restoring.bytesRead}
            aria-label={t('set.import')}
            data-documents={restoring.documents}
            data-read={restoring.bytesRead}
            data-total={restoring.totalBytes}
          />
          <span class="tl-muted">
            {t('restore.bytes', { done: restoring.documents, read: formatBytes(restoring.bytesRead), size: formatBytes(restoring.totalBytes) })}
          </span>
          <button type="button" class="tl-btn tl-btn-small" onClick={() => cancel.current?.abort()}>
            {t('restore.cancel')}
          </button>
        </div>
      ) : null}
      <p role="status" class="tl-muted" data-testid="backup-status">{status}</p>
    </section>
  );
}

const FREQUENCY_LABEL = { off: 'set.autoBackupOff', daily: 'set.autoBackupDaily', weekly: 'set.autoBackupWeekly' } as const;

function when(iso: string, lang: Lang): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** The last automatic backup as one line: when and which file, or when and what failed. */
function outcomeLine(last: AutoBackupOutcome | null, lang: Lang): string {
  if (!last) return t('set.autoBackupNone', undefined, lang);
  if (last.ok) return t('set.autoBackupLast', { date: when(last.at, lang), file: last.fileName }, lang);
  return t('set.autoBackupFailed', { date: when(last.at, lang), problem: last.problem }, lang);
}

/**
 * Automatic rolling backups (utils/auto-backup-run): how often and how many are kept. Switching them
 * on asks for the downloads permission first, within the user's choice; the background writes them
 * and records the outcome, shown here as it changes.
 */
function AutoBackup() {
  const store = useStore();
  const setting = readSetting('autoBackup', store.settings.value.get('autoBackup'));
  const log = readSetting('autoBackupLog', store.settings.value.get('autoBackupLog'));
  const [denied, setDenied] = useState(false);
  async function save(next: typeof setting) {
    try {
      await setSetting('autoBackup', next, store.db);
      await scheduleAutoBackups(store.db);
    } catch (err) {
      showToast({ error: err }, { kind: 'error' });
    }
  }
  function chooseFrequency(frequency: AutoBackupFrequency) {
    if (frequency === 'off') {
      setDenied(false);
      void save({ ...setting, frequency });
      return;
    }
    // Asked at once, inside the user's choice (a browser grants it only there).
    const asked = requestDownloadsPermission();
    void asked.then((granted) => {
      setDenied(!granted);
      if (granted) void save({ ...setting, frequency });
    });
  }
  const last = log.last;
  const lang = getLanguage();
  return (
    <section class="tl-section" aria-labelledby="set-auto-backup" data-testid="auto-backup">
      <h3 id="set-auto-backup">{t('set.autoBackup')}</h3>
      <p class="tl-muted">{t('set.autoBackupHelp', { folder: AUTO_BACKUP_FOLDER })}</p>
      <div class="tl-controls">
        <label>
          <span>{t('set.autoBackupFrequency')}</span>{' '}
          <select value={setting.frequency} data-testid="auto-backup-frequency" onChange={(e) => chooseFrequency((e.currentTarget as HTMLSelectElement).value as AutoBackupFrequency)}>
            {AUTO_BACKUP_FREQUENCIES.map((f) => (
              <option key={f} value={f}>
                {t(FREQUENCY_LABEL[f])}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('set.autoBackupKeep')}</span>{' '}
          <input
            type="number"
            min={MIN_KEEP}
            max={MAX_KEEP}
            step={1}
            value={setting.keep}
            data-testid="auto-backup-keep"
            onChange={(e) => {
              const keep = Math.round(Number((e.currentTarget as HTMLInputElement).value));
              if (Number.isFinite(keep)) void save({ ...setting, keep: Math.min(MAX_KEEP, Math.max(MIN_KEEP, keep)) });
            }}
          />
        </label>
      </div>
      {denied ? (
        <p class="tl-error" role="alert">
          {t('set.autoBackupDenied')}
        </p>
      ) : null}
      <p class={last && !last.ok ? 'tl-error' : 'tl-muted'} role="status" data-testid="auto-backup-status" data-ok={last ? String(last.ok) : ''}>
        {outcomeLine(last, lang)}
      </p>
    </section>
  );
}

export function SettingsView() {
  const store = useStore();
  return (
    <div class="tl-view tl-settings">
      <Dictionary />
      <TextSetting
        id="set-stop"
        title={t('set.stopwords')}
        help={t('set.stopwordsHelp')}
        initial={store.userStopwords.value.join('\n')}
        onSave={async (text) => {
          try {
            await saveStopwords(store.db, splitList(text));
            return [];
          } catch (err) {
            return [libraryErrorMessage(err)];
          }
        }}
      />
      <TextSetting
        id="set-orgs"
        title={t('set.orgAliases')}
        help={t('set.orgAliasesHelp')}
        initial={formatOrgAliases(new Map(store.orgAliasPairs.value))}
        onSave={async (text) => {
          // A bad line is not saved silently without its group: the user corrects it first (the
          // textarea keeps the text), each bad line named with its number.
          const { map, errors } = parseOrgAliases(text);
          if (errors.length) return orgAliasErrorMessages(errors);
          // Stored as [alias, canonical] pairs (merged pair by pair when a backup is restored).
          try {
            await saveOrgAliases(store.db, [...map]);
            return [];
          } catch (err) {
            return [libraryErrorMessage(err)];
          }
        }}
      />
      <Language />
      <Counting />
      <Backup />
      <AutoBackup />
    </div>
  );
}
