// Options page = the dashboard. Only wiring: the store over the shared database and the page URL.
import { render } from 'preact';
import { App } from '../../components/dashboard/App';
import { StoreContext } from '../../components/dashboard/context';
import { createDashboardStore, windowLocation } from '../../components/dashboard/store';
import { db } from '../../utils/db';
import { applyLanguageSetting } from '../../utils/settings';
import './style.css';

const store = createDashboardStore({ db, location: windowLocation() });
void applyLanguageSetting(db);
store.start();

render(
  <StoreContext.Provider value={store}>
    <App />
  </StoreContext.Provider>,
  document.getElementById('app')!,
);
