import { addRxPlugin, createRxDatabase, type RxStorage } from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { ackSchema, productSchema, saleSchema, stockSchema, type PosCollections, type PosDatabase } from './collections';

addRxPlugin(RxDBLeaderElectionPlugin);
addRxPlugin(RxDBLocalDocumentsPlugin);

export interface OpenPosDatabaseOptions {
  name?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  storage: RxStorage<any, any>;
  /** Several tabs share one database; false in Node simulations. */
  multiInstance?: boolean;
}

/** The POS's local database: everything the branch needs to sell with no network. */
export async function openPosDatabase({ name = 'ecomarket-pos', storage, multiInstance = true }: OpenPosDatabaseOptions): Promise<PosDatabase> {
  const db = await createRxDatabase<PosCollections>({
    name,
    storage,
    multiInstance,
    localDocuments: true,
    eventReduce: true,
    closeDuplicates: true,
  });
  await db.addCollections({
    products: { schema: productSchema },
    stock: { schema: stockSchema },
    sales: { schema: saleSchema },
    acks: { schema: ackSchema },
  });
  return db;
}
