import { describe, expect, it } from 'vitest';
import {
  PERIOD_MS,
  autoBackupLogProblem,
  autoBackupSettingProblem,
  backupDue,
  baseName,
  filesToRemove,
  type AutoBackupFile,
} from '../../utils/auto-backup';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-12-02T12:00:00Z');

describe('backupDue', () => {
  it('is never due when automatic backups are off, whatever the last time', () => {
    expect(backupDue('off', null, NOW)).toBe(false);
    expect(backupDue('off', NOW - 400 * 24 * HOUR, NOW)).toBe(false);
  });

  it('is due at once when no backup was written yet', () => {
    expect(backupDue('daily', null, NOW)).toBe(true);
    expect(backupDue('weekly', null, NOW)).toBe(true);
  });

  it('daily: not within the day, due once a day has (nearly) passed', () => {
    expect(backupDue('daily', NOW - 2 * HOUR, NOW)).toBe(false);
    expect(backupDue('daily', NOW - 23 * HOUR, NOW)).toBe(false);
    // An hourly wake that comes a few minutes early still writes it, rather than an hour later.
    expect(backupDue('daily', NOW - PERIOD_MS.daily + 10 * 60_000, NOW)).toBe(true);
    expect(backupDue('daily', NOW - 25 * HOUR, NOW)).toBe(true);
  });

  it('weekly: not after a day or six, due after a week', () => {
    expect(backupDue('weekly', NOW - 24 * HOUR, NOW)).toBe(false);
    expect(backupDue('weekly', NOW - 6 * 24 * HOUR, NOW)).toBe(false);
    expect(backupDue('weekly', NOW - 7 * 24 * HOUR, NOW)).toBe(true);
    expect(backupDue('weekly', NOW - 30 * 24 * HOUR, NOW)).toBe(true);
  });

  it('a last time in the future (clock set back) makes one due', () => {
    expect(backupDue('weekly', NOW + 48 * HOUR, NOW)).toBe(true);
    expect(backupDue('daily', Number.NaN, NOW)).toBe(true);
  });
});

function file(downloadId: number, day: number): AutoBackupFile {
  return { downloadId, fileName: `b-${downloadId}.ndjson`, writtenAt: new Date(Date.UTC(2026, 10, day)).toISOString() };
}

describe('filesToRemove', () => {
  it('keeps the newest `keep` and names the rest, oldest first', () => {
    const files = [file(3, 3), file(1, 1), file(5, 5), file(2, 2), file(4, 4)];
    expect(filesToRemove(files, 2).map((f) => f.downloadId)).toEqual([1, 2, 3]);
    expect(filesToRemove(files, 4).map((f) => f.downloadId)).toEqual([1]);
  });

  it('removes nothing while there are no more than `keep`', () => {
    expect(filesToRemove([file(1, 1), file(2, 2)], 4)).toEqual([]);
    expect(filesToRemove([], 1)).toEqual([]);
  });

  it('keeps at least one, and orders files of the same time by download id', () => {
    const same = [file(7, 1), file(9, 1), file(8, 1)];
    expect(filesToRemove(same, 0).map((f) => f.downloadId)).toEqual([7, 8]);
    expect(filesToRemove(same, 2).map((f) => f.downloadId)).toEqual([7]);
  });
});

describe('stored values', () => {
  it('checks the setting', () => {
    expect(autoBackupSettingProblem({ frequency: 'weekly', keep: 4 })).toBeNull();
    expect(autoBackupSettingProblem({ frequency: 'hourly', keep: 4 })).toMatch(/frequency/);
    expect(autoBackupSettingProblem({ frequency: 'daily', keep: 0 })).toMatch(/keep/);
    expect(autoBackupSettingProblem({ frequency: 'daily', keep: 2.5 })).toMatch(/keep/);
    expect(autoBackupSettingProblem('weekly')).not.toBeNull();
  });

  it('checks the log', () => {
    expect(autoBackupLogProblem({ lastSuccessAt: null, last: null, files: [] })).toBeNull();
    expect(autoBackupLogProblem({ lastSuccessAt: '2026-12-01T00:00:00.000Z', last: { ok: true, at: '2026-12-01T00:00:00.000Z', fileName: 'x.ndjson' }, files: [file(1, 1)] })).toBeNull();
    expect(autoBackupLogProblem({ lastSuccessAt: null, last: { ok: false, at: '2026-12-01T00:00:00.000Z', problem: { key: 'autoBackup.noSpace' } }, files: [] })).toBeNull();
    expect(autoBackupLogProblem({ lastSuccessAt: 'yesterday', last: null, files: [] })).toMatch(/lastSuccessAt/);
    expect(autoBackupLogProblem({ lastSuccessAt: null, last: null, files: [{ downloadId: 'a' }] })).toMatch(/files/);
  });

  it('baseName takes the last part of either kind of path', () => {
    expect(baseName('/home/u/Downloads/Tifa Lens/b (1).ndjson')).toBe('b (1).ndjson');
    expect(baseName('C:\\Users\\u\\Downloads\\Tifa Lens\\b.ndjson')).toBe('b.ndjson');
  });
});
