// What the Library shows of a document's evidence: its citation line (issuer, title, 文号, date,
// URL or file, accessed date) in the UI language, and a check that the stored original still has the
// SHA-256 it was stored with.
import type { DocumentRecord, OriginalRecord } from './db';
import { sha256Hex } from './import-common';
import { t, type Lang } from './i18n';

/** The local calendar day of an ISO timestamp, YYYY-MM-DD ('' when it is not a time). */
function day(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** 2024-03-05 → 2024年3月5日 (Chinese citations write dates so). */
function zhDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/** The file's name without its folders (and without a jsonl line's #n kept apart: it names the line). */
function baseName(name: string): string {
  return name.replace(/\\/g, '/').split('/').pop() ?? name;
}

/**
 * One citation line for a document. Where it lives: its web address, else the imported file's name.
 * The accessed date is the day it was captured or imported. Empty fields are left out, never
 * written as blanks.
 */
export function citationLine(
  r: Pick<DocumentRecord, 'orgs' | 'title' | 'docNumber' | 'date' | 'url' | 'capturedAt'>,
  original: Pick<OriginalRecord, 'kind' | 'name' | 'capturedAt'> | null,
  lang: Lang,
): string {
  const issuer = r.orgs.join(lang === 'zh' ? '、' : ', ');
  const where = /^https?:\/\//i.test(r.url) ? r.url : original?.kind === 'file' && original.name ? t('citation.file', { name: baseName(original.name) }, lang) : r.url;
  const accessed = day(original?.capturedAt || r.capturedAt);
  if (lang === 'zh') {
    const work = `${r.title ? `《${r.title}》` : ''}${r.docNumber ? `（${r.docNumber}）` : ''}`;
    const head = issuer && work ? `${issuer}：${work}` : issuer || work;
    const parts = [head, r.date ? zhDate(r.date) : ''].filter(Boolean).join('，');
    return `${parts}。${where}${accessed ? `（${t('citation.accessed', { date: zhDate(accessed) }, lang)}）` : ''}。`;
  }
  const head = [issuer, r.title ? `“${r.title}”${r.docNumber ? ` (${r.docNumber})` : ''}` : r.docNumber, r.date].filter(Boolean).join(', ');
  return `${head}. ${where}${accessed ? ` (${t('citation.accessed', { date: accessed }, lang)})` : ''}.`;
}

/** True when the stored bytes still hash to the stored SHA-256. */
export async function originalIntact(original: Pick<OriginalRecord, 'bytes' | 'sha256'>): Promise<boolean> {
  return (await sha256Hex(original.bytes)) === original.sha256;
}

/** The name a downloaded original is saved under: the file's own name (a jsonl line: lines-3.jsonl), or the page's title as .html. */
export function originalFileName(original: Pick<OriginalRecord, 'kind' | 'name'>, title: string): string {
  if (original.kind === 'file' && original.name) {
    const base = baseName(original.name);
    const line = /^(.*?)(\.[^.#]+)?#(\d+)$/.exec(base);
    return line ? `${line[1]}-${line[3]}${line[2] ?? ''}` : base;
  }
  const safe = (title || 'page').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').slice(0, 80);
  return `${safe}.html`;
}
