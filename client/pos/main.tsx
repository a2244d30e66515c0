import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { openPosDatabase } from '../sync/pos-database';
import { loadPairing } from '../sync/device-pairing';
import { openWorkerJournal } from '../sync/ticket-journal-proxy';
import { App } from './App';
import { registerServiceWorker } from './app-update';
import { openDraftStore } from './sell/draft-store';
import '../shared-ui/base.css';
import './styles.css';

registerServiceWorker();

const store = await openPosDatabase({ storage: getRxStorageDexie(), openJournal: openWorkerJournal });
const drafts = await openDraftStore('ecomarket-pos-drafts');
const pairing = await loadPairing(store.db);
// Statically false in every build but the benchmark's, so the module is left out of them.
if (import.meta.env.VITE_BENCH_HOOKS === '1') (await import('./bench-hooks')).installBenchHooks(store);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App store={store} drafts={drafts} initialPairing={pairing} />
  </StrictMode>,
);
