// The evidence part of an open document: where it came from (URL or file), when it was captured,
// the SHA-256 of its original (checked against the stored bytes), a download of the original, and
// "copy citation".
import { useEffect, useState } from 'preact/hooks';
import { useStore } from '../dashboard/context';
import type { LightRecord } from '../dashboard/facets';
import type { OriginalRecord } from '../../utils/db';
import { readOriginal } from '../../utils/library';
import { citationLine, originalFileName, originalIntact } from '../../utils/import-evidence';
import { getLanguage, t } from '../../utils/i18n';
import { downloadBlob } from '../charts/download';
import { showToast } from '../dashboard/toast';
import { CheckLine } from './SourceCheck';
import './import.css';

function when(iso: string | undefined, lang: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
}

export function EvidencePanel({ record }: { record: LightRecord }) {
  const store = useStore();
  const lang = getLanguage();
  const [original, setOriginal] = useState<OriginalRecord | null | undefined>(undefined);
  const [intact, setIntact] = useState<boolean | null>(null);

  useEffect(() => {
    let live = true;
    setOriginal(undefined);
    setIntact(null);
    void (async () => {
      try {
        const o = await readOriginal(store.db, record.uid);
        if (!live) return;
        setOriginal(o);
        if (o) {
          const ok = await originalIntact(o);
          if (live) setIntact(ok);
        }
      } catch (err) {
        if (live) setOriginal(null);
        showToast({ error: err }, { kind: 'error' });
      }
    })();
    return () => {
      live = false;
    };
  }, [record.uid, record.updatedAt]);

  const web = /^https?:\/\//i.test(record.url);
  async function copyCitation() {
    const line = citationLine(record, original ?? null, lang);
    try {
      await navigator.clipboard.writeText(line);
      showToast({ key: 'evidence.copied', params: { citation: line } });
    } catch (err) {
      showToast({ key: 'evidence.copyFailed', params: { problem: String((err as Error)?.message ?? err) } }, { kind: 'error' });
    }
  }

  return (
    <section class="tl-evidence" data-testid="evidence" aria-label={t('evidence.title')}>
      <h3>{t('evidence.title')}</h3>
      <dl>
        <dt>{original?.kind === 'file' && !web ? t('evidence.file') : t('evidence.source')}</dt>
        <dd data-testid="evidence-source">
          {original?.kind === 'file' && !web ? (
            <span class="tl-import-path">{original.name}</span>
          ) : web ? (
            <a href={record.url} target="_blank" rel="noopener noreferrer">
              {record.url}
            </a>
          ) : (
            record.url
          )}
          {original ? <span class="tl-muted"> · {original.kind === 'file' ? t('evidence.kindFile') : t('evidence.kindPage')}</span> : null}
        </dd>
        {original?.fromPage ? (
          <>
            <dt>{t('evidence.fromPage')}</dt>
            <dd data-testid="evidence-from-page">
              {original.fromPage.title ? `${original.fromPage.title} · ` : ''}
              {/^https?:\/\//i.test(original.fromPage.url) ? (
                <a href={original.fromPage.url} target="_blank" rel="noopener noreferrer">
                  {original.fromPage.url}
                </a>
              ) : (
                original.fromPage.url
              )}
            </dd>
          </>
        ) : null}
        <dt>{t('evidence.captured')}</dt>
        <dd data-testid="evidence-captured">{when(original?.capturedAt || record.capturedAt, lang)}</dd>
        {original?.fileModifiedAt ? (
          <>
            <dt>{t('evidence.fileModified')}</dt>
            <dd>{when(original.fileModifiedAt, lang)}</dd>
          </>
        ) : null}
        {original ? (
          <>
            <dt>{t('evidence.sha256')}</dt>
            <dd>
              <span class="tl-hash" data-testid="evidence-sha256">
                {original.sha256}
              </span>{' '}
              <span class="tl-muted">({t('evidence.size', { n: original.size.toLocaleString() })})</span>{' '}
              {intact === true ? <span class="tl-ok">✓ {t('evidence.verified')}</span> : intact === false ? <span class="tl-bad">✗ {t('evidence.mismatch')}</span> : null}
            </dd>
          </>
        ) : null}
      </dl>
      {original === null ? <p class="tl-muted">{t('evidence.none')}</p> : null}
      <CheckLine uid={record.uid} />
      <div class="tl-actions">
        <button
          type="button"
          class="tl-btn tl-btn-small"
          data-testid="evidence-download"
          disabled={!original}
          onClick={() => original && downloadBlob(new Blob([original.bytes as Uint8Array<ArrayBuffer>], { type: original.mediaType }), originalFileName(original, record.title))}
        >
          {t('evidence.download')}
        </button>
        <button type="button" class="tl-btn tl-btn-small" data-testid="evidence-cite" onClick={() => void copyCitation()}>
          {t('evidence.copyCitation')}
        </button>
      </div>
      <p class="tl-citation" data-testid="evidence-citation">
        {original !== undefined ? citationLine(record, original, lang) : ''}
      </p>
    </section>
  );
}
