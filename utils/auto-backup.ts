// Automatic rolling backups: when one is due, and which earlier ones to remove. Pure functions on
// plain data (no browser, no database); utils/auto-backup-run.ts does the writing and removing.
import type { Message } from './i18n';

export type AutoBackupFrequency = 'off' | 'daily' | 'weekly';
export const AUTO_BACKUP_FREQUENCIES: readonly AutoBackupFrequency[] = ['off', 'daily', 'weekly'];

/** What the user chose: how often, and how many automatic backups to keep. */
export interface AutoBackupSetting {
  frequency: AutoBackupFrequency;
  keep: number;
}

/** Fewest and most automatic backups kept. */
export const MIN_KEEP = 1;
export const MAX_KEEP = 50;
export const DEFAULT_AUTO_BACKUP: AutoBackupSetting = { frequency: 'off', keep: 4 };

/** The subfolder of the downloads folder that automatic backups are written to. */
export const AUTO_BACKUP_FOLDER = 'Tifa Lens';

/** One file an automatic backup wrote: the download the browser recorded, and the file's name then. */
export interface AutoBackupFile {
  downloadId: number;
  /** The file's name on disk (without its folder), as the browser reported it when the download completed. */
  fileName: string;
  /** ISO time it was written. */
  writtenAt: string;
}

/** The outcome of the last automatic backup tried. */
export type AutoBackupOutcome =
  | { ok: true; at: string; fileName: string }
  | { ok: false; at: string; problem: Message };

/** What automatic backups have done so far (written by the background, shown by Settings). */
export interface AutoBackupLog {
  /** ISO time of the last backup written, or null. */
  lastSuccessAt: string | null;
  last: AutoBackupOutcome | null;
  /** The files automatic backups wrote and have not removed, oldest first. Only these are ever removed. */
  files: AutoBackupFile[];
}

export const EMPTY_AUTO_BACKUP_LOG: AutoBackupLog = { lastSuccessAt: null, last: null, files: [] };

const HOUR = 3_600_000;
export const PERIOD_MS: Readonly<Record<Exclude<AutoBackupFrequency, 'off'>, number>> = { daily: 24 * HOUR, weekly: 7 * 24 * HOUR };

/**
 * How often the background wakes to ask whether a backup is due, in minutes. A backup falls due
 * up to this much early rather than drifting one wake later every period.
 */
export const CHECK_EVERY_MINUTES = 60;
const SLACK_MS = (CHECK_EVERY_MINUTES / 2) * 60_000;

/**
 * Is an automatic backup due? Never when off; at once when none was written yet; otherwise when a
 * period (less half a check interval) has passed since the last one written. A last time in the
 * future (the clock was set back) makes one due, so a wrong clock never stops backups.
 */
export function backupDue(frequency: AutoBackupFrequency, lastSuccessAt: number | null, now: number): boolean {
  if (frequency === 'off') return false;
  if (lastSuccessAt === null || !Number.isFinite(lastSuccessAt) || lastSuccessAt > now) return true;
  return now - lastSuccessAt >= PERIOD_MS[frequency] - SLACK_MS;
}

/** The files to remove so that only the `keep` newest remain (by writtenAt, then download id); oldest first. */
export function filesToRemove(files: readonly AutoBackupFile[], keep: number): AutoBackupFile[] {
  const n = Math.max(MIN_KEEP, Math.floor(keep));
  const newestFirst = [...files].sort((a, b) => Date.parse(b.writtenAt) - Date.parse(a.writtenAt) || b.downloadId - a.downloadId);
  return newestFirst.slice(n).reverse();
}

/** The last part of a path as the browser reports it (either separator). */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The problem with an AutoBackupSetting value, or null. */
export function autoBackupSettingProblem(v: unknown): string | null {
  if (typeof v !== 'object' || v === null) return 'must be { frequency, keep }';
  const { frequency, keep } = v as Record<string, unknown>;
  if (!AUTO_BACKUP_FREQUENCIES.includes(frequency as AutoBackupFrequency)) return "frequency must be 'off', 'daily' or 'weekly'";
  if (typeof keep !== 'number' || !Number.isInteger(keep) || keep < MIN_KEEP || keep > MAX_KEEP) return `keep must be a whole number from ${MIN_KEEP} to ${MAX_KEEP}`;
  return null;
}

function isIsoTime(v: unknown): v is string {
  return typeof v === 'string' && !Number.isNaN(Date.parse(v));
}

function isFile(v: unknown): v is AutoBackupFile {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return typeof f.downloadId === 'number' && Number.isInteger(f.downloadId) && typeof f.fileName === 'string' && f.fileName !== '' && isIsoTime(f.writtenAt);
}

function isOutcome(v: unknown): v is AutoBackupOutcome {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  if (!isIsoTime(o.at)) return false;
  if (o.ok === true) return typeof o.fileName === 'string';
  return o.ok === false && typeof o.problem === 'object' && o.problem !== null && typeof (o.problem as Message).key === 'string';
}

/** The problem with an AutoBackupLog value, or null. */
export function autoBackupLogProblem(v: unknown): string | null {
  if (typeof v !== 'object' || v === null) return 'must be { lastSuccessAt, last, files }';
  const log = v as Record<string, unknown>;
  if (log.lastSuccessAt !== null && !isIsoTime(log.lastSuccessAt)) return 'lastSuccessAt must be a time or null';
  if (log.last !== null && !isOutcome(log.last)) return 'last must be an outcome or null';
  if (!Array.isArray(log.files) || !log.files.every(isFile)) return 'files must be a list of { downloadId, fileName, writtenAt }';
  return null;
}
