// Structure: one document's outline as a tree; across the filtered set, headings per level, the
// lead verbs that open headings, parallel heading patterns and document length by year; and two
// outlines side by side.
import { useMemo, useState } from 'preact/hooks';
import { structureTable } from '../../analysis/tables';
import type { Heading } from '../../analysis/types';
import { ChartCanvas, type AnyChartConfig } from '../charts/ChartCanvas';
import { seriesColor } from '../charts/palette';
import { formatNumber, titledAxis } from '../charts/options';
import { cmp, outlineTree, trendYear, type AnalysedDoc, type OutlineNode } from '../../analysis/corpus';
import { Computing, EmptyState, Section, TableNote, aggregatorOf, citeCoverage, orgLabel, useAnalysed, useCoverage } from './common';
import { useAggregate } from './useAggregate';
import type { QueryResult } from '../../analysis/queries';
import { CsvButton } from './ExportButtons';
import { Pager, usePaged } from './Paged';
import type { ViewProps } from './types';
import { getLanguage, t } from '../../utils/i18n';

/** Lead verbs charted (the table lists them all). */
const TOP_LEAD_VERBS = 20;
/** A long report has hundreds of headings: its outline scrolls in a box instead of pushing the charts away. */
const OUTLINE_BOX = { maxHeight: '32rem', overflowY: 'auto' } as const;
/** Parallel patterns charted. */
const TOP_PATTERNS = 15;

export { structurePatterns, type LeadVerbRow, type ParallelPatternRow } from '../../analysis/corpus';

const NO_STRUCTURE: QueryResult<'structure'> = { levels: [], patterns: { verbs: [], patterns: [], headings: 0, parallel: 0 } };

function OutlineList({ nodes }: { nodes: OutlineNode[] }) {
  return (
    <ul class="tl-outline">
      {nodes.map((n, i) => (
        <li key={i} data-level={n.level}>
          <span class="tl-outline-marker">{n.marker}</span> <span class="tl-outline-text">{n.text}</span>
          {n.children.length ? <OutlineList nodes={n.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

function Outline({ outline }: { outline: Heading[] | undefined }) {
  if (!outline || outline.length === 0) return <p class="tl-note">{t('views.structNoOutline')}</p>;
  return <OutlineList nodes={outlineTree(outline)} />;
}

function docLabel(d: AnalysedDoc): string {
  const y = trendYear(d.facet);
  return `${y ?? '—'} · ${d.facet.title || d.facet.docId}`;
}

/**
 * Documents listed in a closed picker: beyond this, the options are only built once the picker is
 * approached (hover, focus, press). Three pickers of a 2,000-document library were 7,000 options,
 * most of a second of layout every time the view opened.
 */
const EAGER_PICKER_OPTIONS = 100;

function DocPicker({
  docs,
  value,
  onChange,
  label,
}: {
  docs: readonly AnalysedDoc[];
  value: string;
  onChange: (id: string) => void;
  label: string;
}) {
  const [wanted, setWanted] = useState(false);
  const all = wanted || docs.length <= EAGER_PICKER_OPTIONS;
  const shown = all ? docs : docs.filter((d) => d.facet.docId === value);
  const want = () => {
    if (!all) setWanted(true);
  };
  return (
    <label class="tl-doc-picker">
      {label}{' '}
      <select
        value={value}
        onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}
        onMouseEnter={want}
        onFocus={want}
        onMouseDown={want}
      >
        {shown.map((d) => (
          <option key={d.facet.docId} value={d.facet.docId}>
            {docLabel(d)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function StructureView(props: ViewProps) {
  const { facets, analyses, param, setParam } = props;
  const lang = getLanguage();
  const { docs: unsorted, state } = useAnalysed(facets, analyses);
  const docs = useMemo(
    () =>
      [...unsorted].sort(
        (a, b) => (trendYear(a.facet) ?? 0) - (trendYear(b.facet) ?? 0) || cmp(a.facet.title, b.facet.title),
      ),
    [facets, analyses],
  );
  const byId = new Map(docs.map((d) => [d.facet.docId, d]));
  const pick = (key: string, fallback: number) => {
    const v = param(key);
    if (v && byId.has(v)) return v;
    return docs[Math.min(fallback, docs.length - 1)]?.facet.docId ?? '';
  };
  // Default: the document with the richest outline, so the tree shows something at once.
  const richest = docs.reduce((best, d, i) => (d.analysis.outline.length > (docs[best]?.analysis.outline.length ?? -1) ? i : best), 0);
  const docId = pick('doc', richest);
  const leftId = pick('left', 0);
  const rightId = pick('right', docs.length - 1);

  const structure = useAggregate(aggregatorOf(props), 'structure', docs.length ? [docs] : null, {}, [facets, analyses]);
  const { levels, patterns } = structure.value ?? NO_STRUCTURE;
  const lengths = useMemo(
    () =>
      docs
        .map((d) => ({ d, year: trendYear(d.facet) }))
        .filter((x): x is { d: AnalysedDoc; year: number } => x.year !== null),
    [docs],
  );
  const cov = useCoverage(facets, docs);
  // The length chart is by year: documents without one are left out.
  const datedCov = useCoverage(facets, docs, { needsYear: true });

  const levelsConfig = useMemo<AnyChartConfig>(
    () => ({
      type: 'bar',
      data: {
        labels: levels.map(([l]) => t('views.structLevel', { n: l })),
        datasets: [
          { label: t('views.structHeadings'), data: levels.map(([, h]) => h), backgroundColor: seriesColor(0) },
          { label: t('views.docs'), data: levels.map(([, , d]) => d), backgroundColor: seriesColor(1) },
        ],
      },
      options: {
        scales: { x: titledAxis(t('views.structLevels')), y: titledAxis(`${t('views.structHeadings')} / ${t('views.docs')}`, { beginAtZero: true }) },
      },
    }),
    [levels, lang],
  );

  const verbRows = patterns.verbs.slice(0, TOP_LEAD_VERBS);
  const verbsConfig = useMemo<AnyChartConfig>(
    () => ({
      type: 'bar',
      data: {
        labels: verbRows.map((v) => v.verb),
        datasets: [{ label: t('views.structHeadings'), data: verbRows.map((v) => v.count), backgroundColor: seriesColor(2) }],
      },
      options: {
        indexAxis: 'y',
        scales: {
          x: titledAxis(t('views.structHeadings'), { beginAtZero: true }),
          y: titledAxis(t('views.structLeadVerb'), { ticks: { autoSkip: false } }),
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (ctx: { dataIndex: number }) => {
                const v = verbRows[ctx.dataIndex];
                return v ? `${t('views.structHeadings')} ${v.count} · ${t('views.docs')} ${v.docs}` : '';
              },
            },
          },
        },
      },
    }),
    [patterns, lang],
  );

  const patternRows = patterns.patterns.slice(0, TOP_PATTERNS);
  const patternPages = usePaged(patterns.patterns);
  const patternsConfig = useMemo<AnyChartConfig>(
    () => ({
      type: 'bar',
      data: {
        labels: patternRows.map((p) => p.pattern),
        datasets: [
          { label: t('views.structHeadings'), data: patternRows.map((p) => p.count), backgroundColor: seriesColor(3) },
          { label: t('views.docs'), data: patternRows.map((p) => p.docs), backgroundColor: seriesColor(1) },
        ],
      },
      options: {
        indexAxis: 'y',
        scales: {
          x: titledAxis(`${t('views.structHeadings')} / ${t('views.docs')}`, { beginAtZero: true }),
          y: titledAxis(t('views.structPattern'), { ticks: { autoSkip: false } }),
        },
        plugins: {
          tooltip: {
            callbacks: {
              afterLabel: (ctx: { dataIndex: number }) => patternRows[ctx.dataIndex]?.example ?? '',
            },
          },
        },
      },
    }),
    [patterns, lang],
  );

  const lengthConfig = useMemo<AnyChartConfig>(
    () => ({
      type: 'scatter',
      data: {
        datasets: [
          {
            label: t('views.structChars'),
            data: lengths.map(({ d, year }) => ({ x: year, y: d.analysis.chars })),
            backgroundColor: seriesColor(0),
            pointRadius: 4,
          },
        ],
      },
      options: {
        scales: {
          x: titledAxis(t('views.year'), { type: 'linear', ticks: { precision: 0, callback: (v: number | string) => String(v) } }),
          y: titledAxis(t('views.structChars'), { beginAtZero: true }),
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (ctx: { dataIndex: number }) => {
                const x = lengths[ctx.dataIndex];
                return x ? `${x.d.facet.title || x.d.facet.docId} (${x.year}): ${formatNumber(x.d.analysis.chars)} ${t('views.structChars')}` : '';
              },
            },
          },
        },
      },
    }),
    [lengths, lang],
  );

  if (state === 'no-docs' || state === 'not-analysed') return <EmptyState state={state} />;

  const current = byId.get(docId);
  return (
    <div class="tl-view tl-structure" data-view="structure">
      <h2>{t('views.structTitle')}</h2>
      <Computing state={structure} />

      <Section
        title={t('views.structOutline')}
        actions={
          <CsvButton
            name="structure"
            what={t('views.cliCsv', { file: 'structure.csv', columns: 'doc_id,level,marker,heading' })}
              label="structure.csv"
            table={() => structureTable(docs.map((d) => d.analysis))}
          />
        }
      >
        <DocPicker docs={docs} value={docId} onChange={(id) => setParam('doc', id)} label={t('views.structDoc')} />
        {current ? (
          <div data-testid="outline" class="tl-outline-box" style={OUTLINE_BOX}>
            <button type="button" class="tl-link" onClick={() => props.openDoc(current.facet.docId)}>
              {current.facet.title || current.facet.docId}
            </button>
            <Outline outline={current.analysis.outline} />
          </div>
        ) : null}
      </Section>

      <Section
        title={t('views.structLevels')}
        actions={
          <CsvButton
            name="heading-levels"
            what={t('views.structLevels')}
            table={() => ({ header: ['level', 'headings', 'docs'], rows: levels.map((l) => [...l]) })}
          />
        }
      >
        {levels.length ? (
          <ChartCanvas
            name="structure-levels"
            config={levelsConfig}
            label={t('views.structLevelsChart')}
            height={240}
            cite={{ measure: t('cite.headingLevels'), docs: cov.shown, coverage: citeCoverage(cov) }}
          />
        ) : (
          <p class="tl-empty">{t('views.noData')}</p>
        )}
        <TableNote of="structure-levels" measure="headings" cov={cov} />
      </Section>

      <Section
        title={t('views.structLeadVerbs')}
        actions={
          <CsvButton
            name="lead-verbs"
            what={t('views.structVerbTable')}
            table={() => ({ header: ['lead_verb', 'headings', 'docs'], rows: patterns.verbs.map((v) => [v.verb, v.count, v.docs]) })}
          />
        }
      >
        {verbRows.length ? (
          <ChartCanvas
            name="structure-verbs"
            config={verbsConfig}
            label={t('views.structLeadVerbsChart')}
            height={Math.max(200, verbRows.length * 22 + 60)}
            cite={{ measure: t('cite.leadVerbs'), docs: cov.shown, coverage: citeCoverage(cov) }}
          />
        ) : (
          <p class="tl-empty">{t('views.noData')}</p>
        )}
        <TableNote of="structure-verbs" measure="headings" cov={cov} />
      </Section>

      <Section
        title={t('views.structParallel')}
        actions={
          <CsvButton
            name="heading-patterns"
            what={t('views.structPatternTable')}
            table={() => ({
              header: ['pattern', 'headings', 'docs', 'example'],
              rows: patterns.patterns.map((p) => [p.pattern, p.count, p.docs, p.example]),
            })}
          />
        }
      >
        <p class="tl-note">
          {patterns.parallel}/{patterns.headings} {t('views.structHeadings')}
        </p>
        {patternRows.length ? (
          <ChartCanvas
            name="structure-patterns"
            config={patternsConfig}
            label={t('views.structParallel')}
            height={Math.max(180, patternRows.length * 26 + 80)}
            cite={{ measure: t('cite.patterns'), docs: cov.shown, coverage: citeCoverage(cov) }}
          />
        ) : null}
        {patterns.patterns.length ? (
          <>
            <Pager {...patternPages} testid="patterns" />
            <table class="tl-table" data-testid="patterns-table">
              <thead>
                <tr>
                  <th scope="col">{t('views.structPattern')}</th>
                  <th scope="col">{t('views.structHeadings')}</th>
                  <th scope="col">{t('views.docs')}</th>
                  <th scope="col">{t('views.structExample')}</th>
                </tr>
              </thead>
              <tbody>
                {patternPages.shown.map((p) => (
                  <tr key={p.pattern}>
                    <td>{p.pattern}</td>
                    <td class="tl-num">{p.count}</td>
                    <td class="tl-num">{p.docs}</td>
                    <td>{p.example}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          <p class="tl-empty">{t('views.noData')}</p>
        )}
        <TableNote of="patterns-table" measure="headings" cov={cov} />
      </Section>

      <Section
        title={t('views.structLength')}
        actions={
          <CsvButton
            name="document-lengths"
            what={t('views.structLengthTable')}
            table={() => ({
              header: ['doc_id', 'title', 'org', 'year', 'chars', 'paragraphs', 'sentences', 'headings'],
              rows: docs.map((d) => [
                d.facet.docId,
                d.facet.title,
                d.facet.org,
                trendYear(d.facet),
                d.analysis.chars,
                d.analysis.stats.paragraphs,
                d.analysis.stats.sentences,
                d.analysis.outline.length,
              ]),
            })}
          />
        }
      >
        {lengths.length ? (
          <ChartCanvas
            name="structure-length"
            config={lengthConfig}
            label={t('views.structLengthChart')}
            height={260}
            cite={{ measure: t('cite.chars'), docs: lengths.length, coverage: citeCoverage(datedCov) }}
          />
        ) : (
          <p class="tl-empty">{t('views.noData')}</p>
        )}
        <TableNote of="structure-length" measure="length" cov={datedCov} />
      </Section>

      <Section title={t('views.structSideBySide')}>
        <div class="tl-side-by-side" style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '1rem' }}>
          {(
            [
              ['left', leftId, t('views.structLeft')],
              ['right', rightId, t('views.structRight')],
            ] as const
          ).map(([key, id, label]) => {
            const d = byId.get(id);
            return (
              <div key={key} data-testid={`outline-${key}`}>
                <DocPicker docs={docs} value={id} onChange={(v) => setParam(key, v)} label={label} />
                {d ? (
                  <p class="tl-muted">
                    {orgLabel(d.facet.org)} · {d.analysis.chars} {t('views.structChars')}
                  </p>
                ) : null}
                <div class="tl-outline-box" style={OUTLINE_BOX}>
                  <Outline outline={d?.analysis.outline} />
                </div>
              </div>
            );
          })}
        </div>
      </Section>
    </div>
  );
}
