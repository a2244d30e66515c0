import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { openPosDatabase } from '../sync/pos-database';
import { loadPairing } from '../sync/device-pairing';
import { openWorkerJournal } from '../sync/worker-journal';
import { App } from './App';
import { registerServiceWorker } from './app-update';
import './styles.css';

registerServiceWorker();

const db = await openPosDatabase({ storage: getRxStorageDexie(), openJournal: openWorkerJournal });
const pairing = await loadPairing(db);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App db={db} initialPairing={pairing} />
  </StrictMode>,
);
