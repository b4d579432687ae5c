// Small hooks over the dashboard store: components read signals through these, so tests can
// render any part of the dashboard with a store of their own. Text comes from utils/i18n's `t`,
// which reads the language signal, so a component re-renders when the language changes.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { DashboardStore } from './store';

export const StoreContext = createContext<DashboardStore | null>(null);

export function useStore(): DashboardStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStore outside <StoreContext.Provider>');
  return store;
}
