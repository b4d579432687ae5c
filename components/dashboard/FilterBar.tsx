// The filters every view shares (year range, organisations, document types, tags, free text) and
// the chips that show the current filter; all of it lives in the page URL.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useStore } from './context';
import type { Filters } from './filters';
import { t } from '../../utils/i18n';

/** Typing in the search box updates the URL after this pause (one history entry per search). */
const SEARCH_DEBOUNCE_MS = 300;

function AddSelect({ label, options, chosen, onAdd }: { label: string; options: [string, number][]; chosen: string[]; onAdd: (v: string) => void }) {
  const left = options.filter(([v]) => !chosen.includes(v));
  return (
    <label class="tl-filter">
      <span>{label}</span>
      <select
        aria-label={label}
        value=""
        disabled={left.length === 0}
        onChange={(e) => {
          const v = (e.currentTarget as HTMLSelectElement).value;
          if (v) onAdd(v);
          (e.currentTarget as HTMLSelectElement).value = '';
        }}
      >
        <option value="">{t('filter.any')}</option>
        {left.map(([v, n]) => (
          <option key={v} value={v}>
            {v} ({n})
          </option>
        ))}
      </select>
    </label>
  );
}

function YearInput({ label, placeholder, value, min, max, onChange }: { label: string; placeholder: string; value: number | null; min: number | null; max: number | null; onChange: (v: number | null) => void }) {
  return (
    <input
      type="number"
      class="tl-year"
      aria-label={label}
      placeholder={placeholder}
      value={value ?? ''}
      min={min ?? undefined}
      max={max ?? undefined}
      onChange={(e) => {
        const raw = (e.currentTarget as HTMLInputElement).value.trim();
        onChange(raw === '' ? null : Number(raw));
      }}
    />
  );
}

export function FilterBar() {
  const store = useStore();
  const f = store.filters.value;
  const opts = store.options.value;
  const [q, setQ] = useState(f.q);
  useEffect(() => setQ(f.q), [f.q]);
  useEffect(() => {
    if (q.trim() === f.q) return;
    const timer = setTimeout(() => store.setFilters({ q: q.trim() }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [q]);

  const add = (key: 'orgs' | 'types' | 'tags') => (v: string) => store.setFilters({ [key]: [...f[key], v] } as Partial<Filters>);

  return (
    <div class="tl-filterbar" role="search" aria-label={t('filter.search')}>
      <label class="tl-filter tl-filter-search">
        <span>{t('filter.search')}</span>
        <input
          type="search"
          value={q}
          placeholder={t('filter.searchPlaceholder')}
          aria-label={t('filter.search')}
          onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)}
          onKeyDown={(e: JSX.TargetedKeyboardEvent<HTMLInputElement>) => {
            if (e.key === 'Enter') store.setFilters({ q: q.trim() });
          }}
        />
        {store.textSearch.value.done ? null : (
          <span class="tl-muted" role="status" data-testid="text-searching">
            {t('filter.searchingText')}
          </span>
        )}
      </label>
      <fieldset class="tl-filter tl-filter-years">
        <legend>{t('filter.years')}</legend>
        <YearInput label={`${t('filter.years')} ${t('filter.from')}`} placeholder={String(opts.yearMin ?? t('filter.from'))} value={f.yearFrom} min={opts.yearMin} max={opts.yearMax} onChange={(v) => store.setFilters({ yearFrom: v })} />
        <span aria-hidden="true">–</span>
        <YearInput label={`${t('filter.years')} ${t('filter.to')}`} placeholder={String(opts.yearMax ?? t('filter.to'))} value={f.yearTo} min={opts.yearMin} max={opts.yearMax} onChange={(v) => store.setFilters({ yearTo: v })} />
      </fieldset>
      <AddSelect label={t('filter.orgs')} options={opts.orgs} chosen={f.orgs} onAdd={add('orgs')} />
      <AddSelect label={t('filter.types')} options={opts.types} chosen={f.types} onAdd={add('types')} />
      {opts.tags.length > 0 ? <AddSelect label={t('filter.tags')} options={opts.tags} chosen={f.tags} onAdd={add('tags')} /> : null}
      <FilterChips />
    </div>
  );
}

export function FilterChips() {
  const store = useStore();
  const f = store.filters.value;
  const chips: { key: string; label: string; remove: () => void }[] = [];
  if (f.yearFrom !== null || f.yearTo !== null) {
    chips.push({
      key: 'years',
      label:
        f.yearTo === null
          ? `${t('filter.years')} ≥ ${f.yearFrom}`
          : f.yearFrom === null
            ? `${t('filter.years')} ≤ ${f.yearTo}`
            : `${t('filter.years')}: ${f.yearFrom}–${f.yearTo}`,
      remove: () => store.setFilters({ yearFrom: null, yearTo: null }),
    });
  }
  for (const o of f.orgs) chips.push({ key: `org:${o}`, label: `${t('filter.orgs')}: ${o}`, remove: () => store.setFilters({ orgs: f.orgs.filter((x) => x !== o) }) });
  for (const ty of f.types) chips.push({ key: `type:${ty}`, label: `${t('filter.types')}: ${ty}`, remove: () => store.setFilters({ types: f.types.filter((x) => x !== ty) }) });
  for (const tag of f.tags) chips.push({ key: `tag:${tag}`, label: `${t('filter.tags')}: ${tag}`, remove: () => store.setFilters({ tags: f.tags.filter((x) => x !== tag) }) });
  if (f.q) chips.push({ key: 'q', label: `${t('filter.search')}: “${f.q}”`, remove: () => store.setFilters({ q: '' }) });
  const total = store.libraryDocs.value.length;
  return (
    <div class="tl-chips" data-testid="filter-chips">
      <span class="tl-muted" data-testid="filter-summary">
        {t('filter.summary', { n: store.filtered.value.length, total })}
      </span>
      {chips.map((c) => (
        <span class="tl-chip" key={c.key} data-testid="filter-chip">
          {c.label}
          <button type="button" class="tl-chip-x" aria-label={t('filter.remove', { name: c.label })} onClick={c.remove}>
            ×
          </button>
        </span>
      ))}
      {chips.length > 0 ? (
        <button type="button" class="tl-btn tl-btn-small" onClick={() => store.clearFilters()}>
          {t('filter.clear')}
        </button>
      ) : null}
    </div>
  );
}
