import { filter, map, type Observable } from 'rxjs';
import type { RxCollection } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import {
  PULLED_COLLECTIONS,
  REPLICATED,
  syncPath,
  type Checkpoint,
  type PulledCollection,
  type ReplicatedCollection,
} from '../../shared/protocol';
import { getJson, type DeviceApi } from './api-client';
import type { PosDatabase } from './collections';
import type { LiveSignal } from './event-stream';
import { recordAcks } from './acks';
import { DEFAULT_SYNC_TIMEOUTS } from './request-deadline';

// Pages of 1,000 (the server's most): each page costs RxDB a read-then-write round of its own, so
// 20,000 products downloaded in 8.3–9.6 s against 9.0–12.3 s with pages of 500 and more with 200,
// runs alternated on one machine (bench/pos-bench.ts).
const BATCH = 1000;

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

export type PullReplications = Partial<Record<PulledCollection, RxReplicationState<unknown, Checkpoint>>>;

/** One page pulled: how many documents it brought and, where the server says, how many are still to come. */
export interface PulledPage {
  collection: PulledCollection;
  documents: number;
  remaining: number | undefined;
  /** Server sequence the collection has been pulled up to once this page is stored (null: nothing yet). */
  checkpointSeq: number | null;
}

/**
 * Everything the server sends down, one RxDB pull replication per collection the database has;
 * only the leader tab replicates. A pull the server does not serve yet (404) fails like an
 * offline period and is retried every `retryTime`, and so does a page whose answer stalls for
 * `idleMs` (a dead connection would otherwise hold the replication, and its RESYNCs, for good).
 * `onPage` hears of every page pulled (the catalogue's download progress).
 */
export function startPullReplications(
  db: PosDatabase,
  api: DeviceApi,
  signals$: Observable<LiveSignal>,
  retryTime = 5000,
  onPage?: (page: PulledPage) => void,
  /** A page is given up (and retried after `retryTime`) once this long passes without a byte of its answer. */
  idleMs = DEFAULT_SYNC_TIMEOUTS.pullIdleMs,
): PullReplications {
  const out: PullReplications = {};
  for (const name of PULLED_COLLECTIONS) {
    const collection = (db.collections as unknown as Record<string, RxCollection | undefined>)[name];
    if (!collection) continue;
    // What flows down: the collection's pull answer in shared/protocol's table. The branch's recent
    // sales come down too (for refunds); this device's own land on themselves unchanged.
    const schema = REPLICATED[name].pullResponse;
    out[name] = replicateRxCollection<unknown, Checkpoint>({
      replicationIdentifier: `${name}-pull-${api.baseUrl}`,
      collection,
      live: true,
      retryTime,
      waitForLeadership: true,
      pull: {
        batchSize: BATCH,
        stream$: resyncOn(name, signals$),
        handler: async (cp, batchSize) => {
          const body = schema.parse(await getJson(api, pullUrl(name, cp, batchSize), idleMs));
          // SPEC S4: acks first, so no stored level ever holds a movement the device still counts as pending.
          if ('acks' in body) await recordAcks(db, body.acks);
          onPage?.({
            collection: name,
            documents: body.documents.length,
            remaining: 'remaining' in body ? body.remaining : undefined,
            checkpointSeq: (body.checkpoint ?? cp)?.seq ?? null,
          });
          return { documents: body.documents as never[], checkpoint: body.checkpoint ?? cp };
        },
      },
    });
  }
  return out;
}
