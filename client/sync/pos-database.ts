import { addRxPlugin, createRxDatabase, type RxStorage } from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { REPLICATED } from '../../shared/protocol';
import { migrationStrategiesOf, POS_SCHEMAS, type PosCollections, type PosDatabase } from './collections';
import { storeJournaledTickets } from './commit-sale';
import type { Journal } from './ticket-journal';

addRxPlugin(RxDBLeaderElectionPlugin);
addRxPlugin(RxDBLocalDocumentsPlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

export type PosCollectionName = keyof PosCollections;
export const ALL_POS_COLLECTIONS = Object.keys(POS_SCHEMAS) as PosCollectionName[];
/** What selling and its sync need; Node simulations of two devices in one process open only these. */
export const CORE_POS_COLLECTIONS: PosCollectionName[] = ['products', 'stock', 'sales', 'acks'];

export interface OpenPosDatabaseOptions {
  name?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  storage: RxStorage<any, any>;
  /** Several tabs share one database; false in Node simulations. */
  multiInstance?: boolean;
  /**
   * The browser opens all 11. RxDB's free storage allows 13 open collections per process, so a
   * Node simulation running two devices at once opens a subset; the sync engine replicates only
   * the collections the database has.
   */
  collections?: readonly PosCollectionName[];
  /**
   * Opens the ticket journal (client/sync/ticket-journal.ts): in a worker in the browser
   * (ticket-journal-proxy.ts), in this thread in Node (`inThisThread` with fake-indexeddb).
   */
  openJournal: (name: string) => Promise<Journal>;
}

/** The POS's local database and its ticket journal (where a charge becomes durable before RxDB has it). */
export interface PosStore {
  db: PosDatabase;
  journal: Journal;
}

/** The POS's local database: everything the branch needs to sell with no network. */
export async function openPosDatabase({
  name = 'ecomarket-pos',
  storage,
  multiInstance = true,
  collections = ALL_POS_COLLECTIONS,
  openJournal,
}: OpenPosDatabaseOptions): Promise<PosStore> {
  const db = await createRxDatabase<PosCollections>({
    name,
    storage,
    multiInstance,
    localDocuments: true,
    eventReduce: true,
    closeDuplicates: true,
  });
  // A collection stored at an older schema version is migrated here, before anything reads it.
  await db.addCollections(
    Object.fromEntries(
      collections.map((c) => [
        c,
        {
          schema: POS_SCHEMAS[c],
          ...(c in REPLICATED ? { migrationStrategies: migrationStrategiesOf(c as never) } : {}),
        },
      ]),
    ),
  );
  const journal = await openJournal(`${name}-tickets`);
  db.onClose.push(() => journal.close());
  const store = { db, journal };
  // Tickets a crash left only in the journal reach RxDB before anything reads sales.
  if (collections.includes('sales')) await storeJournaledTickets(store);
  return store;
}

/** The collection, or null when this database was opened without it (see `collections`). */
export function optionalCollection<K extends PosCollectionName>(db: PosDatabase, name: K): PosCollections[K] | null {
  return ((db.collections as Partial<PosCollections>)[name] ?? null) as PosCollections[K] | null;
}
