// Options page = the dashboard. Only wiring: the store over the shared database and the page URL.
import { render } from 'preact';
import { App } from '../../components/dashboard/App';
import { StoreContext } from '../../components/dashboard/context';
import { createDashboardStore, windowLocation } from '../../components/dashboard/store';
import { db } from '../../utils/db';
import { purgeTrash } from '../../utils/library';
import { requestPersistence } from '../../utils/storage';
import { applyLanguageSetting } from '../../utils/settings';
import './style.css';

const store = createDashboardStore({ db, location: windowLocation() });
void applyLanguageSetting(db);
// Ask the browser not to evict the library when the disk runs low; empty the trash of old deletions.
void requestPersistence();
void purgeTrash(db, new Date()).catch((err: unknown) => console.error('Tifa Lens: trash purge failed', err));
store.start();

render(
  <StoreContext.Provider value={store}>
    <App />
  </StoreContext.Provider>,
  document.getElementById('app')!,
);
