// @vitest-environment happy-dom
// The Settings section for automatic backups: switching them on asks for the downloads permission
// first (refused: they stay off, and it says why), creates the background's alarm, and the line
// under it shows what the background recorded — the file written, or the failure naming its cause,
// in the UI's language.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openDatabase, type DB } from '@/utils/db';
import { setLanguage } from '@/utils/i18n';
import { getSetting, setSetting } from '@/utils/settings';
import { StoreContext } from '@/components/dashboard/context';
import { createDashboardStore, memoryLocation } from '@/components/dashboard/store';
import { dismissToast } from '@/components/dashboard/toast';
import { SettingsView } from '@/components/settings/SettingsView';
import { AUTO_BACKUP_ALARM } from '@/utils/auto-backup-run';
import { inProcessAggregateWorker } from '../helpers/aggregate';

let n = 0;
let db: DB;
let stop: (() => void) | null = null;
let request: ReturnType<typeof vi.fn>;

beforeEach(async () => {
  fakeBrowser.reset();
  setLanguage('en');
  db = openDatabase(`auto-backup-settings-${++n}`);
  await db.open();
  request = vi.fn(async () => true);
  Object.assign(fakeBrowser.permissions, { request, contains: async () => true });
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  stop?.();
  stop = null;
  dismissToast();
  await db.delete();
});

function mount() {
  const store = createDashboardStore({ db, location: memoryLocation('#/settings'), createWorker: null, createAggregateWorker: () => inProcessAggregateWorker() });
  stop = store.start();
  render(
    <StoreContext.Provider value={store}>
      <SettingsView />
    </StoreContext.Provider>,
  );
}

const status = () => screen.getByTestId('auto-backup-status');

describe('automatic backups in Settings', () => {
  it('off by default; switching on asks for the permission, stores the choice and creates the alarm', async () => {
    mount();
    await waitFor(() => expect(status().textContent).toBe('No automatic backup written yet.'));
    expect((screen.getByTestId('auto-backup-frequency') as HTMLSelectElement).value).toBe('off');
    fireEvent.change(screen.getByTestId('auto-backup-frequency'), { target: { value: 'daily' } });
    expect(request).toHaveBeenCalledWith({ permissions: ['downloads'] });
    await waitFor(async () => expect(await getSetting('autoBackup', db)).toEqual({ frequency: 'daily', keep: 4 }));
    await waitFor(async () => expect(await fakeBrowser.alarms.get(AUTO_BACKUP_ALARM)).toBeDefined());
    fireEvent.change(screen.getByTestId('auto-backup-keep'), { target: { value: '7' } });
    await waitFor(async () => expect(await getSetting('autoBackup', db)).toEqual({ frequency: 'daily', keep: 7 }));
    fireEvent.change(screen.getByTestId('auto-backup-frequency'), { target: { value: 'off' } });
    await waitFor(async () => expect(await fakeBrowser.alarms.get(AUTO_BACKUP_ALARM)).toBeUndefined());
  });

  it('a refused permission leaves them off and says why', async () => {
    request.mockResolvedValue(false);
    mount();
    await waitFor(() => expect(status().textContent).toBe('No automatic backup written yet.'));
    fireEvent.change(screen.getByTestId('auto-backup-frequency'), { target: { value: 'weekly' } });
    await screen.findByText('Automatic backups stay off: permission to save to your downloads folder was not given.');
    expect((await getSetting('autoBackup', db)).frequency).toBe('off');
    expect(await fakeBrowser.alarms.get(AUTO_BACKUP_ALARM)).toBeUndefined();
  });

  it('shows the file the background wrote, then a failure as one line naming it, in either language', async () => {
    await setSetting('autoBackup', { frequency: 'weekly', keep: 4 }, db);
    mount();
    await setSetting('autoBackupLog', { lastSuccessAt: '2026-11-30T08:00:00.000Z', last: { ok: true, at: '2026-11-30T08:00:00.000Z', fileName: 'tifa-lens-backup-2026-11-30 (1).ndjson' }, files: [] }, db);
    await waitFor(() => expect(status().textContent).toMatch(/^Last automatic backup: .*2026.*, tifa-lens-backup-2026-11-30 \(1\)\.ndjson$/));
    expect(status().dataset.ok).toBe('true');
    // Written by the background while the page is open: the line follows.
    await setSetting('autoBackupLog', { lastSuccessAt: '2026-11-30T08:00:00.000Z', last: { ok: false, at: '2026-12-07T08:00:00.000Z', problem: { key: 'autoBackup.noSpace' } }, files: [] }, db);
    await waitFor(() => expect(status().textContent).toMatch(/^The automatic backup of .*2026.* failed: the disk is full$/));
    expect(status().dataset.ok).toBe('false');
    expect(status().textContent).not.toContain('\n');
    setLanguage('zh');
    await waitFor(() => expect(status().textContent).toMatch(/自动备份失败：磁盘已满$/));
  });
});
