// Small hooks over the dashboard store: components read signals through these, so tests can
// render any part of the dashboard with a store of their own.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { uiLanguage } from '../../utils/i18n';
import type { Lang } from '../views/types';
import type { DashboardStore } from './store';
import { translate, type StringKey } from './strings';

export const StoreContext = createContext<DashboardStore | null>(null);

export function useStore(): DashboardStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStore outside <StoreContext.Provider>');
  return store;
}

/** The UI language (a signal: components re-render when it changes). */
export function useLang(): Lang {
  return uiLanguage.value;
}

export type T = (key: StringKey, vars?: Record<string, string | number>) => string;

/** Translator bound to the current UI language. */
export function useT(): T {
  const lang = useLang();
  return (key, vars) => translate(lang, key, vars);
}
