import { filter, map, type Observable } from 'rxjs';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import {
  productsPullResponseSchema,
  stockPullResponseSchema,
  syncPath,
  type Checkpoint,
  type ReplicatedCollection,
} from '../../shared/protocol';
import { getJson, type DeviceApi } from './api-client';
import type { PosDatabase, ProductRow, StockRow } from './collections';
import type { LiveSignal } from './event-stream';
import { recordAcks } from './acks';

const BATCH = 200;

function pullUrl(collection: ReplicatedCollection, cp: Checkpoint | undefined, batchSize: number): string {
  const q = new URLSearchParams({ seq: String(cp?.seq ?? 0), id: cp?.id ?? '', limit: String(batchSize) });
  return `${syncPath(collection, 'pull')}?${q}`;
}

function resyncOn(collection: ReplicatedCollection, signals$: Observable<LiveSignal>): Observable<'RESYNC'> {
  return signals$.pipe(
    filter((s) => s.type === 'resync' || s.change.collections.includes(collection)),
    map(() => 'RESYNC' as const),
  );
}

/** Catalogue and branch stock flow down from the server; only the leader tab replicates. */
export function startPullReplications(db: PosDatabase, api: DeviceApi, signals$: Observable<LiveSignal>, retryTime = 5000) {
  const products: RxReplicationState<ProductRow, Checkpoint> = replicateRxCollection<ProductRow, Checkpoint>({
    replicationIdentifier: `products-pull-${api.baseUrl}`,
    collection: db.products,
    live: true,
    retryTime,
    waitForLeadership: true,
    pull: {
      batchSize: BATCH,
      stream$: resyncOn('products', signals$),
      handler: async (cp, batchSize) => {
        const body = productsPullResponseSchema.parse(await getJson(api, pullUrl('products', cp, batchSize)));
        return { documents: body.documents, checkpoint: body.checkpoint ?? cp };
      },
    },
  });

  const stock: RxReplicationState<StockRow, Checkpoint> = replicateRxCollection<StockRow, Checkpoint>({
    replicationIdentifier: `stock-pull-${api.baseUrl}`,
    collection: db.stock,
    live: true,
    retryTime,
    waitForLeadership: true,
    pull: {
      batchSize: BATCH,
      stream$: resyncOn('stock', signals$),
      handler: async (cp, batchSize) => {
        const body = stockPullResponseSchema.parse(await getJson(api, pullUrl('stock', cp, batchSize)));
        // SPEC S4: acks first, so no stored level ever holds a sale the device still counts as pending.
        await recordAcks(db, body.acks);
        return { documents: body.documents, checkpoint: body.checkpoint ?? cp };
      },
    },
  });

  return { products, stock };
}
