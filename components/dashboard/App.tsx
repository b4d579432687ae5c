// The dashboard shell: navigation, shared filters, analysis progress, the current view, toasts.
// The analytic views are found by file name (components/views/<Name>View.tsx), so a view that
// is not written yet shows a placeholder instead of breaking the build.
import { Component, type ComponentChildren, type ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { chooseLanguage, resolveLanguage, type LanguageSetting } from '../../utils/settings';
import { getLanguage, setLanguage, t, uiLanguage } from '../../utils/i18n';
import { LibraryView } from '../library/LibraryView';
import { SettingsView } from '../settings/SettingsView';
import type { ViewProps } from '../views/types';
import { LeftOutContext } from '../views/common';
import { useStore } from './context';
import { FilterBar } from './FilterBar';
import { ROUTES, type Route } from './filters';
import { dismissToast, toastText, toasts } from './toast';

type AnalyticRoute = Exclude<Route, 'library' | 'settings'>;

const VIEW_EXPORT: Record<AnalyticRoute, string> = {
  terms: 'TermsView',
  trends: 'TrendsView',
  formulations: 'FormulationsView',
  structure: 'StructureView',
  compare: 'CompareView',
};

const viewModules = import.meta.glob<Record<string, unknown>>('../views/*View.tsx', { eager: true });

/** The component exported as `name` by components/views/<name>.tsx, if that file exists. */
function findView(name: string): ComponentType<ViewProps> | null {
  const mod = viewModules[`../views/${name}.tsx`];
  const c = mod?.[name];
  return typeof c === 'function' ? (c as ComponentType<ViewProps>) : null;
}

const THEME_KEY = 'tifa-lens-theme';
type ThemeChoice = 'light' | 'dark' | null;

function systemDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

/** An explicit choice is stored per browser; without one the page follows prefers-color-scheme. */
function useTheme(): [boolean, () => void] {
  const [choice, setChoice] = useState<ThemeChoice>(() => {
    const v = typeof localStorage !== 'undefined' ? localStorage.getItem(THEME_KEY) : null;
    return v === 'light' || v === 'dark' ? v : null;
  });
  const dark = choice ? choice === 'dark' : systemDark();
  useEffect(() => {
    if (choice) document.documentElement.setAttribute('data-theme', choice);
    else document.documentElement.removeAttribute('data-theme');
  }, [choice]);
  return [
    dark,
    () => {
      const next = dark ? 'light' : 'dark';
      localStorage.setItem(THEME_KEY, next);
      setChoice(next);
    },
  ];
}

/** "3 min 20 s", "40 s": the time left of a background analysis, rounded up to whole seconds. */
function timeLeft(seconds: number): string {
  const total = Math.ceil(seconds);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return m > 0 ? t('progress.minutes', { m, s }) : t('progress.seconds', { s });
}

function Progress() {
  const store = useStore();
  const p = store.progress.value;
  const pending = store.pending.value.length;
  const busy = p.state === 'loading' || p.state === 'running';
  return (
    <div
      class="tl-progress"
      role="status"
      aria-live="polite"
      data-testid="analysis-progress"
      data-state={p.state}
      data-pending={pending}
    >
      {busy ? (
        <>
          <span>{p.state === 'loading' ? t('progress.loadingSegmenter') : t('progress.analysing', { done: p.done, total: p.total })}</span>
          <progress max={Math.max(1, p.total)} value={p.done} />
          {p.rate !== undefined && p.secondsLeft !== undefined ? (
            <span class="tl-muted" data-testid="analysis-rate" data-rate={p.rate.toFixed(2)} title={t('progress.workers', { n: p.workers ?? 1 })}>
              {t('progress.rate', { rate: p.rate < 10 ? p.rate.toFixed(1) : Math.round(p.rate), left: timeLeft(p.secondsLeft) })}
            </span>
          ) : null}
          <button type="button" class="tl-btn tl-btn-small" onClick={() => store.cancelAnalysis()}>
            {t('progress.cancel')}
          </button>
        </>
      ) : p.state === 'cancelled' || p.state === 'error' ? (
        <>
          <span class={p.state === 'error' ? 'tl-error' : 'tl-muted'}>
            {p.state === 'error' ? t('progress.failed', { msg: p.error ?? '' }) : t('progress.cancelled', { done: p.done, total: p.total })}
          </span>
          {pending > 0 ? (
            <button type="button" class="tl-btn tl-btn-small" onClick={() => store.resumeAnalysis()}>
              {t('progress.resume', { n: pending })}
            </button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function ToastArea() {
  const shown = toasts.value;
  const lang = uiLanguage.value;
  if (shown.length === 0) return null;
  return (
    <div class="tl-toasts" data-testid="toasts">
      {shown.map((current) => (
        <div key={current.id} class={`tl-toast tl-toast-${current.kind}`} role={current.kind === 'error' ? 'alert' : 'status'} data-testid="toast">
          <span>{toastText(current.text, lang)}</span>
          {current.action ? (
            <button
              type="button"
              class="tl-btn tl-btn-small tl-btn-primary"
              onClick={async () => {
                const run = current.action!.run;
                dismissToast(current.id);
                await run();
              }}
            >
              {t(current.action.label.key, current.action.label.params, lang)}
            </button>
          ) : null}
          <button type="button" class="tl-chip-x" aria-label={t('lib.cancel')} onClick={() => dismissToast(current.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

/**
 * A view that throws while rendering (some stored value no check foresaw) shows one line instead
 * of taking the whole page down with it; the navigation and the other views keep working.
 */
class ViewBoundary extends Component<{ children: ComponentChildren }, { error: string | null }> {
  override state = { error: null as string | null };
  static override getDerivedStateFromError(err: unknown) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
  override componentDidCatch(err: unknown) {
    console.error('dashboard view failed', err);
  }
  render() {
    if (this.state.error === null) return this.props.children;
    return (
      <p class="tl-notice tl-error" role="alert" data-testid="view-error">
        {t('notice.viewFailed', { msg: this.state.error.slice(0, 200) })}
      </p>
    );
  }
}

/** One line each: parts of the address that were ignored, stored documents shown with defaults. */
function Notices() {
  const store = useStore();
  const [recordsDismissed, setRecordsDismissed] = useState(false);
  const parts = store.urlProblems.value;
  const damaged = store.damagedRecords.value;
  const shown: { key: string; text: string; dismiss: () => void }[] = [];
  if (parts.length > 0) {
    const named = parts.slice(0, 5).join(', ') + (parts.length > 5 ? ', …' : '');
    shown.push({ key: 'url', text: t('notice.url', { parts: named }), dismiss: store.dismissUrlProblems });
  }
  if (damaged > 0 && !recordsDismissed) shown.push({ key: 'records', text: t('notice.records', { n: damaged }), dismiss: () => setRecordsDismissed(true) });
  if (shown.length === 0) return null;
  return (
    <>
      {shown.map((n) => (
        <p key={n.key} class="tl-notice" role="status" data-testid={`notice-${n.key}`}>
          <span>{n.text}</span>
          <button type="button" class="tl-chip-x" aria-label={t('notice.dismiss')} onClick={n.dismiss}>
            ×
          </button>
        </p>
      ))}
    </>
  );
}

function AnalyticView({ route }: { route: AnalyticRoute }) {
  const store = useStore();
  const View = findView(VIEW_EXPORT[route]);
  if (!View) return <p class="tl-note">{t('views.placeholder')}</p>;
  const props: ViewProps = {
    facets: store.facets.value,
    analyses: store.analyses.value,
    allFacets: store.allFacets.value,
    allAnalyses: store.allAnalyses.value,
    getText: store.getText,
    openDoc: store.openDoc,
    lexicon: store.lexicon.value,
    addToLexicon: store.addToLexicon,
    param: (key) => store.param(route, key),
    setParam: (key, value) => store.setParam(route, key, value),
    aggregates: store.aggregates,
  };
  const shell = { duplicates: store.excludedDuplicates.value, openLeftOut: store.openLeftOut };
  return (
    <LeftOutContext.Provider value={shell}>
      <View {...props} />
    </LeftOutContext.Provider>
  );
}

export function App() {
  const store = useStore();
  const lang = getLanguage();
  const [dark, toggleTheme] = useTheme();
  const route = store.url.value.route;
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = `${t('common.appName')} · ${t(`nav.${route}`)}`;
  }, [lang, route]);
  // A language chosen in another extension page (the popup, another dashboard tab) applies here too.
  const languageSetting = store.settings.value.get('language') as LanguageSetting | undefined;
  useEffect(() => {
    if (languageSetting === 'auto' || languageSetting === 'en' || languageSetting === 'zh') setLanguage(resolveLanguage(languageSetting));
  }, [languageSetting]);
  const empty = store.records.value !== null && store.libraryDocs.value.length === 0;
  return (
    <div class="tl-app" data-route={route}>
      <header class="tl-header">
        <h1 class="tl-brand">
          提法透镜 <span class="tl-muted">Tifa Lens</span>
        </h1>
        <nav class="tl-nav" aria-label={t('nav.label')}>
          {ROUTES.map((r) => (
            <a
              key={r}
              href={`#/${r}`}
              class={r === route ? 'tl-nav-item tl-active' : 'tl-nav-item'}
              aria-current={r === route ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                store.navigate(r);
              }}
            >
              {t(`nav.${r}`)}
            </a>
          ))}
        </nav>
        <div class="tl-header-tools">
          <button type="button" class="tl-btn tl-btn-small" onClick={() => chooseLanguage(uiLanguage.value === 'zh' ? 'en' : 'zh', store.db)}>
            {t('common.switchLanguage')}
          </button>
          <button type="button" class="tl-btn tl-btn-small" aria-label={t('theme.toggle')} aria-pressed={dark} onClick={toggleTheme}>
            {dark ? '☀' : '☾'}
          </button>
        </div>
      </header>
      <Notices />
      {route !== 'settings' && !empty ? (
        <ViewBoundary key={`filters-${route}`}>
          <FilterBar />
        </ViewBoundary>
      ) : null}
      <Progress />
      <main class="tl-main">
        <ViewBoundary key={route}>
          {route === 'library' ? <LibraryView /> : route === 'settings' ? <SettingsView /> : empty ? <LibraryView /> : <AnalyticView route={route} />}
        </ViewBoundary>
      </main>
      <ToastArea />
    </div>
  );
}
